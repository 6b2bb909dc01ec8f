public import AuthCore
public import SessionTokens

public import struct Foundation.Date

/// A device its user chose to remember after completing a second factor on it.
///
/// A login that presents the device's `SessionTokens.DeviceToken` for the same user skips the second
/// factor (unless the risk policy steps up), and lockout counts it apart from strangers. The record
/// stops working when it expires, when the user forgets it, and when the user's security stamp changes
/// (password change or reset, disable, "sign out everywhere").
public struct RememberedDevice: Sendable, Hashable {
    /// The device's public id, for lists and for forgetting it.
    public var id: DeviceID
    /// Whose device it is.
    public var userID: UserID
    /// A label for people ("Safari on iPhone"), from the user agent when it was remembered.
    public var label: String
    /// The user's security stamp when it was remembered; a different current stamp voids it.
    public var securityStamp: String
    /// When it was remembered.
    public var createdAt: Date
    /// When it was last used to log in.
    public var lastUsedAt: Date
    /// When it stops working, whatever happens before.
    public var expiresAt: Date

    /// Creates a record.
    /// - Parameters:
    ///   - id: the device's public id.
    ///   - userID: whose device it is.
    ///   - label: a label for people.
    ///   - securityStamp: the user's security stamp now.
    ///   - createdAt: when it is remembered.
    ///   - lastUsedAt: when it was last used (the creation instant for a new record).
    ///   - expiresAt: when it stops working.
    public init(
        id: DeviceID, userID: UserID, label: String, securityStamp: String, createdAt: Date, lastUsedAt: Date,
        expiresAt: Date
    ) {
        self.id = id
        self.userID = userID
        self.label = label
        self.securityStamp = securityStamp
        self.createdAt = createdAt
        self.lastUsedAt = lastUsedAt
        self.expiresAt = expiresAt
    }

    /// Whether the record has expired at `date` (expiry is inclusive: at `expiresAt` it no longer works).
    /// - Parameter date: the instant to judge at.
    public func isExpired(at date: Date) -> Bool { date >= expiresAt }
}
