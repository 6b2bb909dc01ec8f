public import struct Foundation.Date

/// One remembered password: its stored hash and when it was set.
public struct PasswordHistoryEntry: Sendable, Hashable {
    /// The stored hash (a PHC or other format ``PasswordHasher`` verifies), never the password.
    public let storedHash: String
    /// When the password was set.
    public let changedAt: Date

    /// Creates an entry.
    public init(storedHash: String, changedAt: Date) {
        self.storedHash = storedHash
        self.changedAt = changedAt
    }
}
