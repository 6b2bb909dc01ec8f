import ArgumentParser
import AuthCore
import Foundation
import TOTP

/// `crm-auth totp verify`
struct TOTPVerifyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check a TOTP code against a Base32 secret, with a window of ±1 step.",
        discussion: """
            Exit status: 0 when the code matches (the drift in steps is printed), 1 when it does not, \
            2 for a bad secret or parameter. No replay state is kept between runs.
            """
    )

    @Option(help: "The shared secret in Base32.")
    var secret: String

    @Option(help: "The code to check.")
    var code: String

    @Option(help: "The Unix time to check the code at, within ±2^53 seconds (default: now).")
    var time: Int64?

    @Option(help: "How many steps either side of the current one are accepted, 0 to 10.")
    var window = 1

    @OptionGroup var parameters: TOTPParameters

    func run() async throws {
        let otpSecret = try TOTPParameters.secret(secret)
        let configuration = try parameters.configuration()
        let clock = ManualClock(now: try TOTPParameters.date(time))
        let verifier: TOTPVerifier
        do {
            verifier = try TOTPVerifier(
                configuration: configuration, window: window, store: InMemoryTOTPStore(), clock: clock)
        } catch {
            throw StandardInput.fail(error.reason)
        }
        let result: TOTPVerificationResult
        do {
            result = try await verifier.verify(code, secret: otpSecret, userID: "cli")
        } catch let error as TOTPError {
            // An error must not leave with status 1, which means "no match".
            throw StandardInput.fail(error.reason.isEmpty ? "\(error.code)" : error.reason)
        }
        guard case .accepted(_, let drift) = result else {
            StandardInput.printError("the code does not match")
            throw ExitCode(1)
        }
        print("match (drift \(drift))")
    }
}
