public import AuthCore

public import struct Foundation.Date

/// What a store keeps about an outstanding one-time token (never the token itself).
public struct OneTimeTokenRecord: Sendable, Hashable {
    /// The user the token acts for.
    public var userID: UserID
    /// What the token may be used for.
    public var purpose: OneTimeTokenPurpose
    /// The user's security stamp at issue; a password change voids pending reset links.
    public var securityStamp: String
    /// When the token was issued.
    public var createdAt: Date
    /// When the token stops being accepted.
    public var expiresAt: Date

    /// Creates a record.
    public init(userID: UserID, purpose: OneTimeTokenPurpose, securityStamp: String, createdAt: Date, expiresAt: Date) {
        self.userID = userID
        self.purpose = purpose
        self.securityStamp = securityStamp
        self.createdAt = createdAt
        self.expiresAt = expiresAt
    }
}
