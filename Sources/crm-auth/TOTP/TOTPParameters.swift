import ArgumentParser
import AuthCore
import Foundation
import TOTP

/// The code parameters shared by the `totp` subcommands.
struct TOTPParameters: ParsableArguments {
    @Option(help: "The HMAC hash: SHA1, SHA256 or SHA512.")
    var algorithm = "SHA1"

    @Option(help: "The number of digits, 6 to 8.")
    var digits = 6

    @Option(help: "The time step in seconds.")
    var period: Int64 = 30

    /// The validated configuration, or exit 2 with a message.
    func configuration() throws -> TOTPConfiguration {
        guard let hash = HashFunction(rawValue: algorithm.uppercased()) else {
            throw StandardInput.fail("unsupported algorithm '\(algorithm)' (use SHA1, SHA256 or SHA512)")
        }
        do {
            return try TOTPConfiguration(algorithm: hash, digits: digits, period: period)
        } catch {
            throw StandardInput.fail(error.reason.isEmpty ? "\(error.code)" : error.reason)
        }
    }

    /// The instant for a `--time` option (now when absent), or exit 2 with a message when it is outside
    /// the Unix times a `Date` holds exactly to the second (±2^53 s), where a code would silently be
    /// computed for another time.
    static func date(_ time: Int64?) throws -> Date {
        guard let time else { return Date() }
        guard TOTPGenerator.exactUnixTimes.contains(time) else {
            throw StandardInput.fail(
                "--time must be within \(TOTPGenerator.exactUnixTimes.lowerBound)...\(TOTPGenerator.exactUnixTimes.upperBound) (±2^53 seconds)"
            )
        }
        return Date(timeIntervalSince1970: TimeInterval(time))
    }

    /// `text` decoded as a Base32 secret, or exit 2 with a message.
    static func secret(_ text: String) throws -> OTPSecret {
        do {
            return try OTPSecret(base32: text)
        } catch {
            throw StandardInput.fail(error.reason.isEmpty ? "\(error.code)" : error.reason)
        }
    }
}
