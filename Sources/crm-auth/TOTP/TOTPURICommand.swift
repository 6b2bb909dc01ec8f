import ArgumentParser
import AuthCore
import TOTP

/// `crm-auth totp uri`
struct TOTPURICommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "uri",
        abstract:
            "Print an otpauth:// URI and its QR code for an authenticator app, generating a secret if none is given.",
        discussion: """
            Prints the URI on its own line, then the QR code (level M unless --error-correction says \
            otherwise) as text for a terminal with light text on a dark background; --light-background \
            inverts it for dark text on a light background. With --svg FILE the QR code is written to \
            FILE as SVG instead of the terminal text; it holds the secret, so FILE is replaced by a new file \
            with mode 0600 and a symbolic link there is refused.
            Exit status: 0 on success, 1 if FILE cannot be written or is a symbolic link, 2 for a bad name, secret or parameter \
            or a URI too long for a QR code.
            """
    )

    @Option(help: "The issuer shown in the app (your service's name).")
    var issuer: String

    @Option(help: "The account name shown in the app (e.g. the user's e-mail).")
    var account: String

    @Option(help: "The shared secret in Base32 (default: a new random 160-bit secret).")
    var secret: String?

    @OptionGroup var parameters: TOTPParameters

    @Option(name: .customLong("svg"), help: ArgumentHelp("Write the QR code to this file as SVG.", valueName: "file"))
    var svgPath: String?

    @Flag(help: "Draw the terminal QR code for dark text on a light background.")
    var lightBackground = false

    @Option(help: "The QR error-correction level: L, M, Q or H.")
    var errorCorrection = "M"

    func run() async throws {
        let otpSecret = try secret.map(TOTPParameters.secret) ?? OTPSecret.generate()
        let configuration = try parameters.configuration()
        let levels = QRCode.ErrorCorrection.allCases
        guard let level = levels.first(where: { "\($0)" == errorCorrection.uppercased() }) else {
            throw StandardInput.fail("unknown error-correction level '\(errorCorrection)' (use L, M, Q or H)")
        }
        let uri: OTPAuthURI
        let code: QRCode
        do {
            uri = try OTPAuthURI(issuer: issuer, account: account, secret: otpSecret, configuration: configuration)
            code = try uri.qrCode(errorCorrection: level)
        } catch {
            throw StandardInput.fail(error.reason.isEmpty ? "\(error.code)" : error.reason)
        }
        if let svgPath {
            do {
                try PrivateFile.write(Array(code.svg().utf8), to: svgPath)
            } catch {
                StandardInput.printError(error.description)
                throw ExitCode(1)
            }
            print(uri.revealedString)
        } else {
            print(uri.revealedString)
            print(code.terminalText(background: lightBackground ? .light : .dark))
        }
    }
}
