public import struct Foundation.Date

/// The result of ``RefreshTokenStore/rotate(digest:to:)``.
public enum RefreshRotation: Sendable, Hashable {
    /// The old token was unused; it is now used and the successor is stored (the successor's record).
    case rotated(RefreshTokenRecord)
    /// The old token was already used: the whole family has been deleted.
    case reuseDetected(familyID: SessionID)
    /// No such token (never issued, family revoked or purged).
    case notFound
}

/// Where refresh-token families live, keyed by token digest.
///
/// Contract (OAuth 2.0 Security Best Current Practice, refresh token rotation):
/// - ``rotate(digest:to:)`` is ONE atomic operation. An unused token is marked used and its successor
///   stored in the same family; a used token deletes the whole family. Of concurrent callers
///   presenting the same token exactly one gets `.rotated`, the next gets `.reuseDetected` (and
///   deletes the family), and any later one `.notFound`: reuse detection fires exactly once.
/// - Used records are kept (to detect reuse) until the family is revoked or purged.
public protocol RefreshTokenStore: Sendable {
    /// Stores the first token of a new family.
    func insert(_ record: RefreshTokenRecord, digest: SessionTokenDigest) async throws
    /// The record under `digest`, used or not.
    func record(digest: SessionTokenDigest) async throws -> RefreshTokenRecord?
    /// Atomically trades the token under `old` for a successor stored under `new`.
    func rotate(digest old: SessionTokenDigest, to new: SessionTokenDigest) async throws -> RefreshRotation
    /// Deletes every token of `familyID`; returns how many.
    func revokeFamily(_ familyID: SessionID) async throws -> Int
    /// Deletes every record whose family expired at or before `date`; returns how many.
    func purgeExpired(at date: Date) async throws -> Int
}
