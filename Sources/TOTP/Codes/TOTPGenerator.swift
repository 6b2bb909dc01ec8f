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

    /// The Unix times, in seconds, that a `Date` (a `Double`) holds exactly to the second: ±2^53.
    /// ``exactStep(at:)`` refuses dates outside it; the CLI refuses such a `--time`.
    public static let exactUnixTimes: ClosedRange<Int64> = -(1 << 53)...(1 << 53)

    /// The time step T containing `date`: floor((unix time - T0) / X) (RFC 6238 §4.2).
    ///
    /// Never traps, whatever the date: one too far from the epoch for 64-bit seconds saturates at
    /// the first or last step (a later date never gives an earlier step), and a NaN date counts as
    /// the Unix epoch. ``exactStep(at:)`` refuses such dates with a typed error instead.
    public func step(at date: Date) -> Int64 {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        let unix: Int64 =
            if seconds.isNaN { 0 } else if seconds >= 0x1p63 { .max } else if seconds <= -0x1p63 { .min } else {
                Int64(seconds)
            }
        let (elapsed, overflow) = unix.subtractingReportingOverflow(configuration.epoch)
        guard !overflow else {
            return (unix > configuration.epoch ? Int64.max : Int64.min) / configuration.period
        }
        return floorSteps(elapsed)
    }

    /// The time step T containing `date`, for dates whose Unix time is exact to the second.
    ///
    /// - Throws: ``TOTPError/parameterOutOfRange`` when `date` is not finite, is more than 2^53
    ///   seconds from 1970 (see ``exactUnixTimes``; `Date` no longer holds whole seconds there), or
    ///   its distance from T0 does not fit in 64 bits.
    public func exactStep(at date: Date) throws(TOTPError) -> Int64 {
        let seconds = date.timeIntervalSince1970.rounded(.down)
        guard seconds.isFinite, seconds >= -0x1p53, seconds <= 0x1p53 else {
            throw TOTPError(
                .parameterOutOfRange,
                "the time \(date.timeIntervalSince1970) is not within ±2^53 seconds of 1970, where whole seconds are exact"
            )
        }
        let (elapsed, overflow) = Int64(seconds).subtractingReportingOverflow(configuration.epoch)
        guard !overflow else {
            throw TOTPError(
                .parameterOutOfRange, "the time is too far from T0 (\(configuration.epoch)) to count in 64 bits")
        }
        return floorSteps(elapsed)
    }

    /// floor(`elapsed` / X): floor, not truncation, for times before T0.
    private func floorSteps(_ elapsed: Int64) -> Int64 {
        let quotient = elapsed / configuration.period
        // A negative remainder means elapsed < 0 and period > 1, so the quotient is above Int64.min.
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
