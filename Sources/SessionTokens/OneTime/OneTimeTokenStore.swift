public import struct Foundation.Date

/// Where outstanding one-time tokens live, keyed by the SHA-256 digest of the token.
///
/// Contract:
/// - ``insert(_:digest:)`` throws ``SessionTokenError/duplicate`` if the digest is stored.
/// - ``consume(digest:purpose:)`` is ONE atomic operation: it removes and returns the record if its
///   purpose matches, so of many concurrent callers exactly one gets it. A record of another
///   purpose is left untouched and `nil` is returned. Expiry is the caller's decision.
/// - ``purgeExpired(at:)`` removes records whose `expiresAt` is at or before `date`.
public protocol OneTimeTokenStore: Sendable {
    /// Stores a record under `digest`.
    func insert(_ record: OneTimeTokenRecord, digest: SessionTokenDigest) async throws
    /// Atomically removes and returns the record under `digest` if it has `purpose`.
    func consume(digest: SessionTokenDigest, purpose: OneTimeTokenPurpose) async throws -> OneTimeTokenRecord?
    /// Removes expired records; returns how many.
    func purgeExpired(at date: Date) async throws -> Int
}
