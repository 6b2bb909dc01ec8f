import ArgumentParser

/// The operator's command for CRMAuth.
@main
struct CRMAuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crm-auth",
        abstract:
            "Operate CRMAuth: hash and verify passwords, compute and check TOTP codes, check roles, verify audit exports.",
        subcommands: [PasswordCommand.self, TOTPCommand.self, RolesCommand.self, AuditCommand.self]
    )
}
