import ArgumentParser

/// `crm-auth password ...`
struct PasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "password",
        abstract: "Hash, verify and check passwords. The password is read from standard input.",
        subcommands: [HashPasswordCommand.self, VerifyPasswordCommand.self, CheckPasswordCommand.self]
    )
}
