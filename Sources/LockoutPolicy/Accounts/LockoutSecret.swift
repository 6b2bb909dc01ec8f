public import AuthCore

/// The key that turns account identifiers into ``AccountDigest``s (HMAC-SHA256).
///
/// Every server that shares one lockout store must use the same key, or each counts the same account
/// under a different digest. Keep it with your other server secrets (a pepper, a sealing key ring);
/// replacing it forgets every account and pair counter (source counters stay), which is the only cost.
///
/// ```swift
/// let secret = try LockoutSecret(key: configuration.lockoutKey)   // 32 random bytes or more
/// let throttle = LoginThrottle(store: store, secret: secret)
/// ```
public struct LockoutSecret: Sendable, Redacting {
    /// The shortest key accepted: 32 bytes, the output size of SHA-256.
    public static let minimumKeyLength = 32

    private let key: HMACKey

    /// Prepares `key` for digesting identifiers.
    ///
    /// - Parameter key: at least ``minimumKeyLength`` random bytes.
    /// - Throws: ``LockoutError/invalidSecret`` if `key` is shorter.
    public init(key: [UInt8]) throws(LockoutError) {
        guard key.count >= Self.minimumKeyLength else {
            throw LockoutError(.invalidSecret, "the key has \(key.count) bytes; at least 32 are needed")
        }
        self.key = HMACKey(key, hash: .sha256)
    }

    /// A fresh random key, for a single process whose counters live in memory only.
    public static func random() -> LockoutSecret {
        // 32 bytes is the minimum this initializer accepts, so it cannot throw.
        try! LockoutSecret(key: SecureRandom.bytes(count: minimumKeyLength))
    }

    /// The digest of `identifier`'s UTF-8 bytes, exactly as given (normalize before, as your user
    /// lookup does: the same text must reach both).
    ///
    /// - Parameter identifier: the account identifier as typed, normalized by the caller.
    public func digest(account identifier: String) -> AccountDigest {
        var identifier = identifier
        return identifier.withUTF8 { text in
            withUnsafeTemporaryAllocation(byteCount: 32, alignment: 8) { output in
                key.authenticationCode(for: UnsafeRawBufferPointer(text), into: output)
                return AccountDigest(loading: UnsafeRawBufferPointer(output))
            }
        }
    }

    /// Shows nothing of the key.
    public var redactedDescription: String { "LockoutSecret(<redacted>)" }
}
