import ArgumentParser
import AuthCore
import CRMAuth
import LoginFlow

/// `crm-auth users`
struct UsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "users",
        abstract: "Create, list, show, disable, enable and unlock accounts in the database.",
        discussion: """
            USER is a user id, or else an email address or username. Every change is audited with the \
            operator (--operator, default $USER) as actor. Exit status: 0 done, 1 a negative answer (no \
            such user, nothing to change, address taken), 2 bad input or no usable database.
            """,
        subcommands: [
            CreateUserCommand.self, ListUsersCommand.self, ShowUserCommand.self, DisableUserCommand.self,
            EnableUserCommand.self, UnlockUserCommand.self, ForcePasswordChangeCommand.self,
        ]
    )
}

/// `crm-auth users create`
struct CreateUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "create",
        abstract: "Create an active account; its password is read from standard input.",
        discussion: """
            The password is checked against the password policy and hashed as the library does for \
            every password; one trailing newline is removed. Prints the new user id. Exit status 1 when \
            the address or username is taken, 2 for a rejected password (each reason printed) or bad input.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: OperatorOption

    @Option(help: "The email address.")
    var email: String

    @Option(help: "The name shown to people.")
    var name: String

    @Option(help: "A username to sign in with as well.")
    var username: String?

    @Option(help: "The home tenant.")
    var tenant: String?

    @Flag(help: "Require a new password at the first login.")
    var requirePasswordChange = false

    func run() async throws {
        let console = try OperatorConsole.consoleOperator(acting)
        let home: TenantID?
        do {
            home = try tenant.map { text throws(AuthCoreError) in try TenantID(text) }
        } catch {
            throw StandardInput.fail("--tenant: \(error.reason)")
        }
        let password = try StandardInput.readText()
        let user = try await OperatorConsole.withSystem(database) { system in
            try await system.flow.createUser(
                email: email, displayName: name, username: username, password: password, tenant: home,
                requirePasswordChange: requirePasswordChange, by: console)
        }
        print(user.id)
    }
}

/// `crm-auth users list`
struct ListUsersCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "list",
        abstract: "List accounts in id order: id, email, username, status, home tenant (tab-separated).",
        discussion: "A missing username or tenant prints as -. Exit status 0, or 2 with no usable database."
    )

    @OptionGroup var database: DatabaseOptions

    @Option(help: "Start after this user id.")
    var after: String?

    @Option(help: "At most this many accounts (1 to 10000).")
    var limit: Int = 1000

    func run() async throws {
        guard (1...10_000).contains(limit) else { throw StandardInput.fail("--limit is 1 to 10000") }
        let cursor: UserID?
        do {
            cursor = try after.map { text throws(AuthCoreError) in try UserID(text) }
        } catch {
            throw StandardInput.fail("--after: \(error.reason)")
        }
        let users = try await OperatorConsole.withSystem(database) { system in
            try await system.stores.users.users(after: cursor, limit: limit)
        }
        for user in users {
            let fields = [
                user.id.rawValue, user.email.text, user.username?.text ?? "-", user.status.rawValue,
                user.homeTenant?.rawValue ?? "-",
            ]
            print(fields.joined(separator: "\t"))
        }
    }
}

/// `crm-auth users show`
struct ShowUserCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "show",
        abstract: "Show one account (never its password hash or security stamp).",
        discussion: "Exit status 1 when there is no such user."
    )

    @OptionGroup var database: DatabaseOptions

    @Argument(help: "The user: id, email address or username.")
    var user: String

    func run() async throws {
        let found = try await OperatorConsole.withSystem(database) { system in
            try await OperatorConsole.user(user, in: system)
        }
        let lines: [(String, String)] = [
            ("id", found.id.rawValue), ("email", found.email.text), ("username", found.username?.text ?? "-"),
            ("name", found.displayName), ("status", found.status.rawValue),
            ("tenant", found.homeTenant?.rawValue ?? "-"),
            ("password", found.passwordHash == nil ? "none" : "set"),
            ("password-changed", found.passwordChangedAt.map(OperatorConsole.format) ?? "-"),
            ("password-change-required", found.passwordChangeRequired ? "yes" : "no"),
            ("mfa", found.mfa.rawValue), ("created", OperatorConsole.format(found.createdAt)),
            ("last-login", found.lastLoginAt.map(OperatorConsole.format) ?? "-"),
        ]
        for (key, value) in lines { print("\(key): \(value)") }
    }
}

/// One account changed by an administrator action: the shape of disable, enable, unlock and
/// force-password-change.
protocol UserActionCommand: AsyncParsableCommand {
    var database: DatabaseOptions { get }
    var acting: OperatorOption { get }
    var user: String { get }
    /// What the command prints when done, e.g. "disabled".
    static var done: String { get }
    /// Performs the action.
    static func perform(on user: UserID, in flow: AuthFlow, by console: ConsoleOperator) async throws
}

extension UserActionCommand {
    func run() async throws {
        let console = try OperatorConsole.consoleOperator(acting)
        let id = try await OperatorConsole.withSystem(database) { system in
            let found = try await OperatorConsole.user(user, in: system)
            try await Self.perform(on: found.id, in: system.flow, by: console)
            return found.id
        }
        print("\(id): \(Self.done)")
    }
}

/// `crm-auth users disable`
struct DisableUserCommand: UserActionCommand {
    static let configuration = CommandConfiguration(
        commandName: "disable",
        abstract: "Disable an account: it cannot sign in, and its sessions and remembered devices end now.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: OperatorOption
    @Argument(help: "The user: id, email address or username.")
    var user: String

    static let done = "disabled"

    static func perform(on user: UserID, in flow: AuthFlow, by console: ConsoleOperator) async throws {
        try await flow.disableUser(user, by: console)
    }
}

/// `crm-auth users enable`
struct EnableUserCommand: UserActionCommand {
    static let configuration = CommandConfiguration(
        commandName: "enable",
        abstract: "Enable a disabled account (exit status 1 if it is not disabled).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: OperatorOption
    @Argument(help: "The user: id, email address or username.")
    var user: String

    static let done = "enabled"

    static func perform(on user: UserID, in flow: AuthFlow, by console: ConsoleOperator) async throws {
        try await flow.enableUser(user, by: console)
    }
}

/// `crm-auth users unlock`
struct UnlockUserCommand: UserActionCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Lift the account's lockout (its account-wide counters; the same as crm-auth lockout unlock).")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: OperatorOption
    @Argument(help: "The user: id, email address or username.")
    var user: String

    static let done = "unlocked"

    static func perform(on user: UserID, in flow: AuthFlow, by console: ConsoleOperator) async throws {
        try await flow.unlockUser(user, by: console)
    }
}

/// `crm-auth users force-password-change`
struct ForcePasswordChangeCommand: UserActionCommand {
    static let configuration = CommandConfiguration(
        commandName: "force-password-change",
        abstract: "Require a new password at the next login, and end the account's sessions now.")

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: OperatorOption
    @Argument(help: "The user: id, email address or username.")
    var user: String

    static let done = "must choose a new password"

    static func perform(on user: UserID, in flow: AuthFlow, by console: ConsoleOperator) async throws {
        try await flow.forcePasswordChange(user, by: console)
    }
}
