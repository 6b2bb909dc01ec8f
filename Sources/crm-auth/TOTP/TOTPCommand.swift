import ArgumentParser

/// `crm-auth totp`
struct TOTPCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "totp",
        abstract: "Compute and check authenticator-app codes, and make otpauth URIs.",
        discussion: "A secret given with --secret is visible to other users of this machine (ps); use test secrets.",
        subcommands: [TOTPCodeCommand.self, TOTPVerifyCommand.self, TOTPURICommand.self]
    )
}
