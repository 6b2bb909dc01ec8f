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
/// - ``insert(_:digest:)`` throws ``SessionTokenError/duplicate`` if the digest is stored, changing
///   nothing. Records are read back exactly as written (instants to at least the microsecond).
/// - ``rotate(digest:to:)`` is ONE atomic operation. An unused token is marked used and its successor
///   stored in the same family; a used token deletes the whole family. Of concurrent callers
///   presenting the same token exactly one gets `.rotated`, the next gets `.reuseDetected` (and
///   deletes the family), and any later one `.notFound`: reuse detection fires exactly once.
///   The successor is the presented record unchanged but unused (same family, user, creation and
///   expiry). Checked in that order: an absent `old` is `.notFound`, a used one `.reuseDetected`;
///   an unused one whose `new` digest is already stored throws ``SessionTokenError/duplicate`` and
///   changes nothing. Rotation does not look at expiry: that is the caller's decision.
/// - Family ids are compared byte for byte (their UTF-8), as SQL's `=` on text does under a binary or
///   deterministic collation: Unicode normalization counts ("é" as one code point and as "e" + U+0301
///   are two families, as ``SessionID``'s `==` says), so revocation and reuse detection reach the
///   exact family only. Family and user ids are read back byte for byte, never normalized.
/// - ``revokeFamily(_:userID:)`` deletes only when the family's user id is `userID`, byte for byte:
///   another user's family is left untouched and 0 returned, so a family id (safe to show) is not
///   enough to end someone's sign-in. ``revokeFamily(_:)`` is the unchecked form the issuer uses on
///   reuse or a stamp change.
/// - Digests are looked up through an index or hash table; ``SessionTokenDigest`` explains why that
///   lookup's timing reveals nothing useful. Compare digests with its constant-time `==`.
/// - Used records are kept (to detect reuse) until the family is revoked or purged; both count
///   and remove used and unused records alike. ``purgeExpired(at:)`` decides by the instant given,
///   never the store's own clock.
/// - `RefreshTokenStoreConformance` in CRMAuthTesting checks every point above, races included.
public protocol RefreshTokenStore: Sendable {
    /// Stores the first token of a new family.
    func insert(_ record: RefreshTokenRecord, digest: SessionTokenDigest) async throws
    /// The record under `digest`, used or not.
    func record(digest: SessionTokenDigest) async throws -> RefreshTokenRecord?
    /// Atomically trades the token under `old` for a successor stored under `new`.
    func rotate(digest old: SessionTokenDigest, to new: SessionTokenDigest) async throws -> RefreshRotation
    /// Deletes every token of `familyID`; returns how many.
    func revokeFamily(_ familyID: SessionID) async throws -> Int
    /// Deletes every token of `familyID` if the family belongs to `userID`, in one step; returns how
    /// many (0 when the family is someone else's or does not exist).
    func revokeFamily(_ familyID: SessionID, userID: String) async throws -> Int
    /// Deletes every record whose family expired at or before `date`; returns how many.
    func purgeExpired(at date: Date) async throws -> Int
}
