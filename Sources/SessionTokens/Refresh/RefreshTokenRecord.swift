public import AuthCore

public import struct Foundation.Date

/// What a store keeps about one refresh token of a family (never the token itself).
public struct RefreshTokenRecord: Sendable, Hashable {
    /// The family: every token descended from one login shares it.
    public var familyID: RefreshFamilyID
    /// The user the family belongs to.
    public var userID: UserID
    /// The user's security stamp when the family was started; a different current stamp (password
    /// changed, account disabled, signed out everywhere) ends the family at its next use.
    public var securityStamp: String
    /// When the family was started (the login).
    public var familyCreatedAt: Date
    /// When the whole family stops being accepted; rotation never extends it.
    public var expiresAt: Date
    /// Whether this token was already traded for a successor.
    public var isUsed: Bool

    /// Creates a record.
    public init(
        familyID: RefreshFamilyID, userID: UserID, securityStamp: String, familyCreatedAt: Date, expiresAt: Date,
        isUsed: Bool = false
    ) {
        self.familyID = familyID
        self.userID = userID
        self.securityStamp = securityStamp
        self.familyCreatedAt = familyCreatedAt
        self.expiresAt = expiresAt
        self.isUsed = isUsed
    }
}
