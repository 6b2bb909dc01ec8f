public import AuthCore
public import LockoutPolicy

/// The keys the login flow needs, the same on every server of one deployment. Keep them out of the
/// database (an environment variable, a secrets manager); the pepper, if any, is in
/// `PasswordHasher.Configuration`.
public struct AuthFlowSecrets: Sendable, Redacting {
    /// Seals TOTP secrets at rest; the newest key seals, any key in the ring opens.
    public var totpKeys: KeyRing
    /// Digests account identifiers in lockout counters.
    public var lockout: LockoutSecret
    /// Signs audit checkpoints.
    public var auditSigningKey: Ed25519SigningKey

    /// Collects the keys.
    /// - Parameters:
    ///   - totpKeys: the key ring for TOTP secrets.
    ///   - lockout: the key for lockout's account digests.
    ///   - auditSigningKey: the key for audit checkpoints.
    public init(totpKeys: KeyRing, lockout: LockoutSecret, auditSigningKey: Ed25519SigningKey) {
        self.totpKeys = totpKeys
        self.lockout = lockout
        self.auditSigningKey = auditSigningKey
    }

    /// Fresh random keys, for tests and the demo: sessions, TOTP enrollments and checkpoints made under
    /// them cannot be read after the process ends.
    public static func random() throws -> AuthFlowSecrets {
        AuthFlowSecrets(
            totpKeys: try KeyRing(current: SealingKey.generate(id: "totp-1")), lockout: .random(),
            auditSigningKey: try Ed25519SigningKey.generate(id: "audit-1"))
    }

    /// Key ids only.
    public var redactedDescription: String {
        "AuthFlowSecrets(totpKeys: <redacted>, lockout: <redacted>, auditSigningKey: \(auditSigningKey.id))"
    }
}
