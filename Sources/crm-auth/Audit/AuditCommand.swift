import ArgumentParser

/// `crm-auth audit`
struct AuditCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "audit",
        abstract: "Check the audit trail's hash chain and signed checkpoints.",
        subcommands: [AuditVerifyCommand.self]
    )
}
