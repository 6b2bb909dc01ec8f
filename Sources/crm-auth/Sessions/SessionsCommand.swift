import ArgumentParser
import AuthCore
import CRMAuth
import Foundation
import LoginFlow
import SessionTokens

/// `crm-auth sessions`
struct SessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sessions",
        abstract: "List and revoke an account's sessions in the database.",
        discussion: """
            Exit status: 0 done, 1 a negative answer (no such user or session), 2 bad input or no usable \
            database. Revocations are audited with the operator as actor.
            """,
        subcommands: [ListSessionsCommand.self, RevokeSessionsCommand.self]
    )
}

/// `crm-auth sessions list`
struct ListSessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List the account's sessions, newest first (tab-separated).",
        discussion: """
            Each line: session id, created, last seen, expires (ISO 8601, UTC), level (password or \
            multiFactor), tenant (- for none), and `expired` for a session past its expiry that is not \
            purged yet. Tokens are never shown: the store holds only their digests.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: OperatorOption

    @Argument(help: "The user: id, email address or username.")
    var user: String

    func run() async throws {
        let console = try OperatorConsole.consoleOperator(acting)
        let (sessions, now) = try await OperatorConsole.withSystem(database) { system in
            let found = try await OperatorConsole.user(user, in: system)
            return (try await system.flow.sessions(of: found.id, by: console), Date())
        }
        for session in sessions {
            var fields = [
                session.id.rawValue, OperatorConsole.format(session.createdAt),
                OperatorConsole.format(session.lastSeenAt), OperatorConsole.format(session.expiresAt),
                "\(session.authenticationLevel)", session.tenantID?.rawValue ?? "-",
            ]
            if session.isExpired(at: now) { fields.append("expired") }
            print(fields.joined(separator: "\t"))
        }
    }
}

/// `crm-auth sessions revoke`
struct RevokeSessionsCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revoke",
        abstract: "End one session of the account, or all of them with --all.",
        discussion: """
            Prints how many sessions ended. Exit status 1 when the account has no such session (or none \
            at all, with --all), 2 when neither or both of SESSION and --all are given.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: OperatorOption

    @Argument(help: "The user: id, email address or username.")
    var user: String

    @Argument(help: "The session id (from crm-auth sessions list).")
    var session: String?

    @Flag(help: "End every session of the account.")
    var all = false

    func validate() throws {
        guard (session == nil) == all else {
            throw ValidationError("give either a SESSION id or --all")
        }
    }

    func run() async throws {
        let console = try OperatorConsole.consoleOperator(acting)
        let count = try await OperatorConsole.withSystem(database) { system in
            let found = try await OperatorConsole.user(user, in: system)
            if let session {
                return try await system.flow.revokeSession(SessionID(rawValue: session), of: found.id, by: console)
                    ? 1 : 0
            }
            return try await system.flow.revokeEverySession(of: found.id, by: console)
        }
        print("\(count) session(s) ended")
        if count == 0 { throw ExitCode(1) }
    }
}
