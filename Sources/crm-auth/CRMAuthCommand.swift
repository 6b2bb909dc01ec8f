import ArgumentParser

/// The operator's command for CRMAuth.
@main
struct CRMAuthCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "crm-auth",
        abstract:
            "Operate CRMAuth: hash and verify passwords, compute and check TOTP codes, check roles, verify audit exports; administer accounts, sessions, roles, lockout and the audit trail in a database.",
        discussion: """
            The database commands (users, sessions, roles grant|revoke|import|export|explain, lockout, \
            audit verify|export|tail, db) take --database PATH-OR-URL (or $CRM_AUTH_DATABASE): a SQLite \
            file or a postgres:// URL. The deployment keys are read from a key file (--keys, \
            $CRM_AUTH_KEYS; beside a SQLite file by default, required for PostgreSQL). Changes are \
            audited with the operator (--operator, default $USER) as actor. Exit status: 0 ok, 1 a \
            negative answer, 2 bad input (a usage error included) or no usable database.
            """,
        subcommands: [
            PasswordCommand.self, TOTPCommand.self, RolesCommand.self, AuditCommand.self, UsersCommand.self,
            SessionsCommand.self, LockoutCommand.self, DBCommand.self,
        ]
    )

    /// Runs the command, with a usage error's exit status 2 (ArgumentParser's default is 64) so that
    /// every command keeps the documented 0, 1, 2.
    static func main() async {
        do {
            var command = try parseAsRoot()
            if var asyncCommand = command as? any AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            if exitCode(for: error) == .validationFailure {
                StandardInput.printError(fullMessage(for: error))
                exit(withError: ExitCode(2))
            }
            exit(withError: error)
        }
    }
}
