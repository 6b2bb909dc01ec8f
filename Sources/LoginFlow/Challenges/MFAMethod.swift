/// A second factor a person can answer an MFA challenge with.
public enum MFAMethod: String, Sendable, Hashable, Codable, CaseIterable {
    /// A six-digit code from an authenticator app (TOTP, RFC 6238).
    case totp
    /// One of the single-use recovery codes given at enrollment.
    case recoveryCode
}
