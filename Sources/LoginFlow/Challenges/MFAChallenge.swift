public import AuthCore

public import struct Foundation.Date

/// The state between a correct password and a second factor: short-lived, bound to the user and to the
/// security stamp the password was checked under, and limited in wrong answers.
///
/// Its bearer text is a `SessionTokens.OneTimeToken` the app carries to the MFA page (a hidden form
/// field or a short-lived cookie); stores keep only its digest.
public struct MFAChallenge: Sendable, Hashable {
    /// Whose login it continues.
    public var userID: UserID
    /// The tenant the login asked for.
    public var tenantID: TenantID?
    /// The methods the person may answer with.
    public var methods: [MFAMethod]
    /// The user's security stamp when the password was checked; a different current stamp voids it.
    public var securityStamp: String
    /// When the password was checked.
    public var createdAt: Date
    /// When the challenge stops working.
    public var expiresAt: Date
    /// Wrong answers so far.
    public var failures: Int

    /// Creates a challenge.
    /// - Parameters:
    ///   - userID: whose login it continues.
    ///   - tenantID: the tenant the login asked for.
    ///   - methods: the methods the person may answer with.
    ///   - securityStamp: the user's security stamp when the password was checked.
    ///   - createdAt: when the password was checked.
    ///   - expiresAt: when the challenge stops working.
    ///   - failures: wrong answers so far (0 for a new challenge).
    public init(
        userID: UserID, tenantID: TenantID?, methods: [MFAMethod], securityStamp: String, createdAt: Date,
        expiresAt: Date, failures: Int = 0
    ) {
        self.userID = userID
        self.tenantID = tenantID
        self.methods = methods
        self.securityStamp = securityStamp
        self.createdAt = createdAt
        self.expiresAt = expiresAt
        self.failures = failures
    }
}
