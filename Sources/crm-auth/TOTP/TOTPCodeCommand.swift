import ArgumentParser
import Foundation
import TOTP

/// `crm-auth totp code`
struct TOTPCodeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "code",
        abstract: "Print the TOTP code for a Base32 secret, now or at a given time.",
        discussion: "Exit status: 0 with the code printed, 2 for a bad secret or parameter."
    )

    @Option(help: "The shared secret in Base32.")
    var secret: String

    @Option(help: "The Unix time to compute the code for, within ±2^53 seconds (default: now).")
    var time: Int64?

    @OptionGroup var parameters: TOTPParameters

    func run() async throws {
        let generator = TOTPGenerator(
            secret: try TOTPParameters.secret(secret), configuration: try parameters.configuration())
        let date = try TOTPParameters.date(time)
        do {
            print(generator.code(forStep: try generator.exactStep(at: date)))
        } catch {
            throw StandardInput.fail(error.reason)
        }
    }
}
