import ArgumentParser

/// `crm-auth audit`
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Verify the audit trail (an export or the database's), export it, show its latest records.",
        subcommands: [
            AuditVerifyCommand.self, AuditExportCommand.self, AuditTailCommand.self, AuditPublicKeyCommand.self,
        ]
    )
}
