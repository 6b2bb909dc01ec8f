public import AuthCore

/// What the enrollment screen shows: the new secret's provisioning URI (as text or a QR code) and the
/// secret in Base32 for manual entry. Show it once; it is not stored in the clear.
public struct TOTPEnrollmentChallenge: Sendable, Redacting {
    /// The `otpauth://` URI for authenticator apps.
    public let uri: OTPAuthURI

    /// The secret in Base32, for users who type it in.
    public var revealedSecretBase32: String { uri.secret.revealedBase32 }

    /// The URI text, secret included; never log it.
    public var revealedURIString: String { uri.revealedString }

    /// Shows the account only; `dump` and `Mirror` show neither the secret nor the URI.
    public var redactedDescription: String { "TOTPEnrollmentChallenge(account: \(uri.account))" }
}
