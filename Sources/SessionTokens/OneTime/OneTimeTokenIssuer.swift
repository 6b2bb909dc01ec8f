public import AuthCore

public import struct Foundation.TimeInterval

/// Issues and redeems single-use tokens bound to a purpose, a user and the user's security stamp.
///
/// ```swift
/// let issuer = OneTimeTokenIssuer(store: InMemoryOneTimeTokenStore(), stamps: stamps)
/// let token = try await issuer.issue(userID: user.id, purpose: .passwordReset, securityStamp: user.securityStamp)
/// // later, from the link:
/// let record = try await issuer.redeem(linkToken, purpose: .passwordReset)
/// ```
public struct OneTimeTokenIssuer: Sendable {
    /// Where outstanding tokens are kept.
    public let store: any OneTimeTokenStore
    /// The source of the current time.
    public let clock: any WallClock
    /// The source of each user's current security stamp.
    public let stamps: any SecurityStampProvider

    /// Creates an issuer.
    public init(store: any OneTimeTokenStore, clock: any WallClock = SystemClock(), stamps: any SecurityStampProvider) {
        self.store = store
        self.clock = clock
        self.stamps = stamps
    }

    /// A new token for `userID` and `purpose`, living `lifetime` (the purpose's default when `nil`),
    /// clamped to 0...``SessionPolicy/maximumTimeout`` (NaN becomes 0).
    public func issue(
        userID: UserID, purpose: OneTimeTokenPurpose, securityStamp: String, lifetime: TimeInterval? = nil
    ) async throws -> OneTimeToken {
        let now = clock.now()
        let token = OneTimeToken.generate()
        let record = OneTimeTokenRecord(
            userID: userID, purpose: purpose, securityStamp: securityStamp, createdAt: now,
            expiresAt: now.addingTimeInterval(SessionPolicy.bounded(lifetime ?? purpose.defaultLifetime)))
        try await store.insert(record, digest: token.digest)
        return token
    }

    /// Consumes the token `text` for `purpose`: it works exactly once, even under concurrency.
    ///
    /// Checks, in order: format, existence with this purpose (atomically consumed), expiry, stamp.
    /// - Throws: ``SessionTokenError`` `.malformed`, `.notFound` (unknown, used, or another purpose),
    ///   `.expired` or `.stampMismatch`; the token is used up in the last two cases too.
    public func redeem(_ text: some StringProtocol, purpose: OneTimeTokenPurpose) async throws -> OneTimeTokenRecord {
        let token = try OneTimeToken(parsing: text)
        guard let record = try await store.consume(digest: token.digest, purpose: purpose) else {
            throw SessionTokenError.notFound
        }
        guard clock.now() < record.expiresAt else { throw SessionTokenError.expired }
        guard let stamp = try await stamps.securityStamp(userID: record.userID),
            ConstantTime.equals(stamp, record.securityStamp)
        else { throw SessionTokenError.stampMismatch }
        return record
    }
}
