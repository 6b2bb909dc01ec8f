import ArgumentParser
import AuthCore
import CRMAuth
import LockoutPolicy
import LoginFlow

/// `crm-auth lockout`
struct LockoutCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "lockout",
        abstract: "Show and lift an account's lockout in the database.",
        subcommands: [LockoutStatusCommand.self, LockoutUnlockCommand.self]
    )
}

/// `crm-auth lockout status`
struct LockoutStatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Show the account's lockout counters and what each decides now.",
        discussion: """
            One line per counter (tab-separated): which counter (account or trusted-pair, for the \
            email address, the username, and password-reset requests; then a pair counter for each \
            address the account's recent failed sign-ins came from, as "email from ADDRESS"), \
            failures, and the decision (allowed, delayed until, locked until, locked until unlocked). \
            The counters of an address as a whole are not the account's and are not shown. Exit \
            status: 0 when the account may try now, 1 when a counter delays or locks it, 2 for bad \
            input or no usable database.
            """
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: OperatorOption

    @Argument(help: "The user: id, email address or username.")
    var user: String

    func run() async throws {
        let console = try OperatorConsole.consoleOperator(acting)
        let (found, entries) = try await OperatorConsole.withSystem(database) { system in
            let found = try await OperatorConsole.user(user, in: system)
            return (found, try await system.flow.lockoutStatus(of: found.id, by: console))
        }
        let identifiers = found.identifiers.map { $0.kind == .email ? "email" : "username" }
        let labels = identifiers + ["password-reset"]
        var blocked = false
        for (index, entry) in entries.enumerated() {
            // Two counters per label first, then the pair counters: per address, one per identifier.
            let label =
                index < 2 * labels.count
                ? labels[index / 2]
                : "\(identifiers[(index - 2 * labels.count) % identifiers.count]) from \(entry.key.source.map { "\($0)" } ?? "?")"
            let decision: String =
                switch entry.decision {
                case .allowed: "allowed"
                case .delayed(let until, _): "delayed until \(OperatorConsole.format(until))"
                case .locked(let until, _): "locked until \(OperatorConsole.format(until))"
                case .lockedUntilUnlocked: "locked until unlocked"
                }
            if !entry.decision.isAllowed { blocked = true }
            print(
                [label, "\(entry.key.dimension)", String(entry.counter?.failures ?? 0), decision].joined(
                    separator: "\t"))
        }
        if blocked { throw ExitCode(1) }
    }
}

/// `crm-auth lockout unlock`
struct LockoutUnlockCommand: UserActionCommand {
    static let configuration = CommandConfiguration(
        commandName: "unlock",
        abstract: "Lift the account's lockout, administrator locks included (as crm-auth users unlock).",
        discussion: "Audited as user.unlocked with the operator as actor. Exit status 1 when there is no such user."
    )

    @OptionGroup var database: DatabaseOptions
    @OptionGroup var acting: OperatorOption
    @Argument(help: "The user: id, email address or username.")
    var user: String

    static let done = "unlocked"

    static func perform(on user: UserID, in flow: AuthFlow, by console: ConsoleOperator) async throws {
        try await flow.unlockUser(user, by: console)
    }
}
