import ArgumentParser
import TOTP

/// `crm-auth totp uri`
struct TOTPURICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uri",
        abstract: "Print an otpauth:// URI for an authenticator app, generating a secret if none is given.",
        discussion: "Exit status: 0 with the URI printed on its own line, 2 for a bad name, secret or parameter."
    )

    @Option(help: "The issuer shown in the app (your service's name).")
    var issuer: String

    @Option(help: "The account name shown in the app (e.g. the user's e-mail).")
    var account: String

    @Option(help: "The shared secret in Base32 (default: a new random 160-bit secret).")
    var secret: String?

    @OptionGroup var parameters: TOTPParameters

    func run() async throws {
        let otpSecret = try secret.map(TOTPParameters.secret) ?? OTPSecret.generate()
        let configuration = try parameters.configuration()
        do {
            let uri = try OTPAuthURI(issuer: issuer, account: account, secret: otpSecret, configuration: configuration)
            print(uri.revealedString)
        } catch {
            throw StandardInput.fail(error.reason.isEmpty ? "\(error.code)" : error.reason)
        }
    }
}
