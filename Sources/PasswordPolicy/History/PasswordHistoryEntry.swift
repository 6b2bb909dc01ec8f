public import AuthCore

public import struct Foundation.Date

/// One remembered password: its stored hash and when it was set.
///
/// A stored hash is an offline-guessing target, so the entry prints its date only.
public struct PasswordHistoryEntry: Sendable, Hashable, Redacting {
    /// The stored hash (a PHC or other format `PasswordHasher` verifies), never the password.
    public let storedHash: String
    /// When the password was set.
    public let changedAt: Date

    /// Shows the date only; `dump` and `Mirror` show no hash either.
    public var redactedDescription: String { "PasswordHistoryEntry(changedAt: \(changedAt), storedHash: <redacted>)" }

    /// Creates an entry.
    public init(storedHash: String, changedAt: Date) {
        self.storedHash = storedHash
        self.changedAt = changedAt
    }
}
