public import AuthCore

public import struct Foundation.TimeInterval

/// Starts refresh-token families and trades tokens, revoking a family when a used token comes back.
///
/// ```swift
/// let refresh = RefreshTokenIssuer(store: InMemoryRefreshTokenStore(), stamps: stamps)
/// let (token, _) = try await refresh.startFamily(userID: user.id, securityStamp: user.securityStamp)
/// // later, from the client:
/// let (next, record) = try await refresh.refresh(presentedText)   // .reuseDetected if stolen and replayed
/// ```
///
/// A family is bound to the user's security stamp when it starts, as sessions are: after a password
/// change (or anything else that changes the stamp) its next use throws `.stampMismatch` and the
/// family is revoked, so a stolen refresh token cannot outlive the password it was issued under.
public struct RefreshTokenIssuer: Sendable {
    /// Where families are kept.
    public let store: any RefreshTokenStore
    /// The source of the current time.
    public let clock: any WallClock
    /// How long a family lives from login; rotation never extends it. Within
    /// 0...``SessionPolicy/maximumTimeout`` (clamped by `init`; NaN becomes 0).
    public let familyLifetime: TimeInterval
    /// The source of each user's current security stamp.
    public let stamps: any SecurityStampProvider

    /// Creates an issuer; families live 30 days by default, at most
    /// ``SessionPolicy/maximumTimeout`` (a longer or infinite lifetime is lowered to it).
    public init(
        store: any RefreshTokenStore, clock: any WallClock = SystemClock(),
        familyLifetime: TimeInterval = 30 * 24 * 3600,
        stamps: any SecurityStampProvider
    ) {
        self.store = store
        self.clock = clock
        self.familyLifetime = SessionPolicy.bounded(familyLifetime)
        self.stamps = stamps
    }

    /// The first token of a new family for `userID`, under the user's current `securityStamp`.
    public func startFamily(
        userID: UserID, securityStamp: String
    ) async throws -> (token: RefreshToken, record: RefreshTokenRecord) {
        let now = clock.now()
        let record = RefreshTokenRecord(
            familyID: .generate(), userID: userID, securityStamp: securityStamp, familyCreatedAt: now,
            expiresAt: now.addingTimeInterval(familyLifetime))
        let token = RefreshToken.generate()
        try await store.insert(record, digest: token.digest)
        return (token, record)
    }

    /// Trades the token `text` for its successor; the presented token stops working.
    /// - Throws: ``SessionTokenError`` `.malformed`, `.notFound`, `.expired`, `.stampMismatch` (the
    ///   user's stamp changed since the family started, or the user is gone: the family is now
    ///   revoked) or `.reuseDetected` (the token was already used: the whole family is now revoked).
    public func refresh(_ text: some StringProtocol) async throws -> (token: RefreshToken, record: RefreshTokenRecord) {
        let old = try RefreshToken(parsing: text)
        guard let current = try await store.record(digest: old.digest) else { throw SessionTokenError.notFound }
        // Expiry only moves one way, so checking before the atomic rotation cannot be raced.
        guard clock.now() < current.expiresAt else { throw SessionTokenError.expired }
        guard let stamp = try await stamps.securityStamp(userID: current.userID),
            ConstantTime.equals(stamp, current.securityStamp)
        else {
            _ = try await store.revokeFamily(current.familyID)
            throw SessionTokenError(.stampMismatch, "the user's security stamp changed; refresh token family revoked")
        }
        let new = RefreshToken.generate()
        switch try await store.rotate(digest: old.digest, to: new.digest) {
        case .rotated(let record): return (new, record)
        case .reuseDetected: throw SessionTokenError(.reuseDetected, "refresh token family revoked")
        case .notFound: throw SessionTokenError.notFound
        }
    }

    /// Ends the family `familyID` of `userID` (sign-out of a device); `false` if `userID` has no
    /// such family.
    ///
    /// Family ids are safe to show (in a "signed-in devices" list, in logs), so they are not
    /// capabilities: the owner is required, and one user cannot end another's family by naming it.
    @discardableResult
    public func revokeFamily(_ familyID: RefreshFamilyID, userID: UserID) async throws -> Bool {
        try await store.revokeFamily(familyID, userID: userID) > 0
    }
}
