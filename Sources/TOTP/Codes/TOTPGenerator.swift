public import AuthCore
public import struct Foundation.Date

/// TOTP codes (RFC 6238): HOTP over the number of time steps since T0.
///
/// ```swift
/// let generator = try TOTPGenerator(secret: secret)          // SHA-1, 6 digits, 30 s
/// let code = generator.code(at: clock.now())
/// ```
///
/// Like ``HOTPGenerator`` it holds key material, and prints its configuration only.
public struct TOTPGenerator: Sendable, Redacting {
    /// The parameters codes are computed with.
    public let configuration: TOTPConfiguration
    private let hotp: HOTPGenerator

    /// Prepares a generator for `secret` (the HMAC pads are computed here, once).
    public init(secret: OTPSecret, configuration: TOTPConfiguration = .default) {
        self.configuration = configuration
        // TOTPConfiguration has already validated the digit count.
        hotp = try! HOTPGenerator(
            secret: secret, algorithm: configuration.algorithm, digits: configuration.digits)
    }

    /// Shows the configuration only.
    public var redactedDescription: String {
        "TOTPGenerator(\(configuration.algorithm), digits: \(configuration.digits), period: \(configuration.period), key: <redacted>)"
    }

    /// The time step T containing `date`: floor((unix time - T0) / X) (RFC 6238 §4.2).
    ///
    /// Dates too far from the epoch to count in 64 bits are clamped.
    public func step(at date: Date) -> Int64 {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let unix: Int64 =
            if seconds.isNaN { 0 }
            else if seconds >= 9.2e18 { Int64.max / 2 }
            else if seconds <= -9.2e18 { Int64.min / 2 }
            else { Int64(seconds) }
        let (elapsed, overflow) = unix.subtractingReportingOverflow(configuration.epoch)
        guard !overflow else {
            return (unix > configuration.epoch ? Int64.max : Int64.min) / configuration.period
        }
        let quotient = elapsed / configuration.period
        // Floor, not truncation, for times before T0.
        return elapsed % configuration.period < 0 ? quotient - 1 : quotient
    }

    /// The code for time step `step`, zero-padded (RFC 6238 §4.2).
    ///
    /// Steps before T0 (negative) are counted as their 64-bit two's-complement pattern, as any
    /// implementation that keeps T in an unsigned counter would.
    public func code(forStep step: Int64) -> String {
        hotp.code(counter: UInt64(bitPattern: step))
    }

    /// The code for time step `step` as a number (see ``HOTPGenerator/value(counter:)``).
    func value(forStep step: Int64) -> UInt32 {
        hotp.value(counter: UInt64(bitPattern: step))
    }

    /// The code valid at `date`.
    public func code(at date: Date) -> String {
        code(forStep: step(at: date))
    }
}
