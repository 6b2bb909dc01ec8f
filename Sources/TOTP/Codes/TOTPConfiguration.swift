public import AuthCore

/// The parameters of a TOTP credential (RFC 6238 §4): algorithm, digits, time step and epoch.
///
/// The default is what every authenticator app supports: SHA-1, 6 digits, 30-second steps from the
/// Unix epoch (RFC 6238 §4.1, §5.2).
///
/// ```swift
/// let configuration = try TOTPConfiguration(algorithm: .sha256, digits: 8, period: 60)
/// ```
public struct TOTPConfiguration: Sendable, Hashable {
    /// The longest time step accepted: one day.
    public static let maximumPeriod: Int64 = 86_400

    /// The HMAC hash function (RFC 6238 §1.2).
    public let algorithm: HashFunction
    /// The number of decimal digits in each code (RFC 4226 §5.3).
    public let digits: Int
    /// The time step X in seconds (RFC 6238 §4.1); 30 by default (§5.2).
    public let period: Int64
    /// The Unix time T0 from which steps are counted (RFC 6238 §4.1); 0 by default.
    public let epoch: Int64

    /// SHA-1, 6 digits, 30-second steps from the Unix epoch.
    public static let `default` = TOTPConfiguration(checked: .sha1, digits: 6, period: 30, epoch: 0)

    /// Creates a configuration.
    ///
    /// - Throws: ``TOTPError/parameterOutOfRange`` for digits outside 6...8 or a period outside
    ///   1...``maximumPeriod`` seconds.
    public init(
        algorithm: HashFunction = .sha1, digits: Int = 6, period: Int64 = 30, epoch: Int64 = 0
    ) throws(TOTPError) {
        guard HOTPGenerator.allowedDigits.contains(digits) else {
            throw TOTPError(.parameterOutOfRange, "digits must be 6, 7 or 8 (RFC 4226 §5.3)")
        }
        guard (1...Self.maximumPeriod).contains(period) else {
            throw TOTPError(.parameterOutOfRange, "period must be 1...\(Self.maximumPeriod) seconds")
        }
        self.init(checked: algorithm, digits: digits, period: period, epoch: epoch)
    }

    private init(checked algorithm: HashFunction, digits: Int, period: Int64, epoch: Int64) {
        self.algorithm = algorithm
        self.digits = digits
        self.period = period
        self.epoch = epoch
    }
}
