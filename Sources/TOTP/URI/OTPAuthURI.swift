public import AuthCore

/// An `otpauth://` Key URI, the format authenticator apps scan from a QR code.
///
/// ```swift
/// let uri = try OTPAuthURI(issuer: "Acme CRM", account: "ada@example.com", secret: .generate())
/// uri.revealedString
/// // otpauth://totp/Acme%20CRM:ada%40example.com?secret=...&issuer=Acme%20CRM&algorithm=SHA1&digits=6&period=30
/// let parsed = try OTPAuthURI(parsing: text)
/// ```
///
/// The format is Google Authenticator's Key URI format (github.com/google/google-authenticator/wiki/
/// Key-Uri-Format); the values it carries are those of RFC 4226 and RFC 6238. Every app reads the
/// defaults (SHA1, 6 digits, 30 s). Other values are not safe to rely on: the format's original page
/// stated that Google Authenticator ignored `algorithm`, `digits` and `period`, and operators report
/// Microsoft Authenticator computing SHA-1 codes whatever `algorithm` says, so such an app shows codes
/// that never verify. Keep the defaults unless every user's app is known (Documentation/TOTP.md lists
/// what is known, and where it comes from). The label's issuer prefix and the `issuer` parameter are
/// both written, for old and new apps alike.
public struct OTPAuthURI: Sendable, Equatable, Redacting {
    /// Which kind of one-time password the URI enrolls.
    public enum Kind: Sendable, Hashable {
        /// Time-based (RFC 6238) with a time step of `period` seconds.
        case totp(period: Int64)
        /// Counter-based (RFC 4226), starting at `counter`.
        case hotp(counter: UInt64)
    }

    /// The longest URI text parsed, in UTF-8 bytes; longer input is refused before any work.
    public static let maximumLength = 2_048
    /// The longest issuer or account name, in UTF-8 bytes.
    public static let maximumNameLength = 256

    /// TOTP with its period, or HOTP with its initial counter.
    public let kind: Kind
    /// The provider or service, shown by apps above the account; `nil` when absent.
    public let issuer: String?
    /// The account name, usually the user's email address.
    public let account: String
    /// The shared secret (RFC 4226 §4).
    public let secret: OTPSecret
    /// The HMAC hash function (RFC 6238 §1.2).
    public let algorithm: HashFunction
    /// The number of digits per code (RFC 4226 §5.3).
    public let digits: Int

    /// Creates a URI.
    ///
    /// - Throws: ``TOTPError/invalidURI`` for an empty account, an account that begins with a space
    ///   (the label format reads spaces after the issuer's colon as a separator, so the space would be
    ///   lost on the way back), or a colon in the issuer or account (the colon separates them in the
    ///   label); ``TOTPError/inputTooLong`` for names over ``maximumNameLength`` or names whose written
    ///   URI would be over ``maximumLength`` (percent-encoding can triple a name, and the issuer is
    ///   written twice), so every URI made here parses back; ``TOTPError/parameterOutOfRange`` for
    ///   digits outside 6...8 or a period outside 1...86400 s.
    public init(
        kind: Kind = .totp(period: 30), issuer: String?, account: String, secret: OTPSecret,
        algorithm: HashFunction = .sha1, digits: Int = 6
    ) throws(TOTPError) {
        let issuer = issuer?.isEmpty == true ? nil : issuer
        for name in [issuer, account].compactMap({ $0 }) {
            guard name.utf8.count <= Self.maximumNameLength else {
                throw TOTPError(.inputTooLong, "issuer or account is over \(Self.maximumNameLength) bytes")
            }
            guard !name.contains(":") else {
                throw TOTPError(.invalidURI, "issuer and account may not contain ':'")
            }
        }
        guard !account.isEmpty else { throw TOTPError(.invalidURI, "the account name is empty") }
        guard account.first != " " else {
            throw TOTPError(.invalidURI, "the account name may not begin with a space")
        }
        guard HOTPGenerator.allowedDigits.contains(digits) else {
            throw TOTPError(.parameterOutOfRange, "digits must be 6, 7 or 8 (RFC 4226 §5.3)")
        }
        if case .totp(let period) = kind, !(1...TOTPConfiguration.maximumPeriod).contains(period) {
            throw TOTPError(.parameterOutOfRange, "period must be 1...\(TOTPConfiguration.maximumPeriod) seconds")
        }
        self.kind = kind
        self.issuer = issuer
        self.account = account
        self.secret = secret
        self.algorithm = algorithm
        self.digits = digits
        let writtenLength = revealedString.utf8.count
        guard writtenLength <= Self.maximumLength else {
            throw TOTPError(
                .inputTooLong,
                "the URI would be \(writtenLength) bytes once written; at most \(Self.maximumLength) parse")
        }
    }

    /// Creates a TOTP URI from a configuration.
    ///
    /// - Throws: ``TOTPError/parameterOutOfRange`` if the configuration's T0 is not 0: the Key URI
    ///   format cannot carry T0 (RFC 6238 §4.1), so apps would compute different codes.
    public init(
        issuer: String?, account: String, secret: OTPSecret, configuration: TOTPConfiguration
    ) throws(TOTPError) {
        guard configuration.epoch == 0 else {
            throw TOTPError(.parameterOutOfRange, "otpauth URIs cannot carry a T0 other than 0")
        }
        try self.init(
            kind: .totp(period: configuration.period), issuer: issuer, account: account, secret: secret,
            algorithm: configuration.algorithm, digits: configuration.digits)
    }

    /// The TOTP configuration this URI describes, or `nil` for an HOTP URI.
    public var configuration: TOTPConfiguration? {
        guard case .totp(let period) = kind else { return nil }
        return try? TOTPConfiguration(algorithm: algorithm, digits: digits, period: period)
    }

    /// The URI text, secret included: show it only as the enrollment QR code, never log it.
    ///
    /// Names are percent-encoded (RFC 3986 §2.1): a space is `%20`, `@` is `%40`.
    public var revealedString: String {
        var label = PercentEncoding.encode(account)
        var query = "secret=" + secret.revealedBase32
        if let issuer {
            label = PercentEncoding.encode(issuer) + ":" + label
            query += "&issuer=" + PercentEncoding.encode(issuer)
        }
        query += "&algorithm=" + algorithm.rawValue + "&digits=\(digits)"
        switch kind {
        case .totp(let period): return "otpauth://totp/\(label)?\(query)&period=\(period)"
        case .hotp(let counter): return "otpauth://hotp/\(label)?\(query)&counter=\(counter)"
        }
    }

    /// A description without the secret; `dump` and `Mirror` show no more.
    public var redactedDescription: String {
        "OTPAuthURI(\(kind), issuer: \(issuer ?? "nil"), account: \(account), secret: <redacted>)"
    }
}
