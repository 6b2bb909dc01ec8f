public import AuthCore

public import struct Foundation.Date

/// The result of ``RefreshTokenStore/rotate(digest:to:)``.
public enum RefreshRotation: Sendable, Hashable {
    /// The old token was unused; it is now used and the successor is stored (the successor's record).
    case rotated(RefreshTokenRecord)
    /// The old token was already used: the whole family has been deleted.
    case reuseDetected(familyID: RefreshFamilyID)
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
///
///   In SQL, one transaction whose first statement claims the presented row:
///   `UPDATE refresh_tokens SET used = true WHERE digest = $old AND NOT used RETURNING ...`. Under
///   PostgreSQL's default isolation (READ COMMITTED) a second transaction's `UPDATE` waits for the
///   first's row lock, then re-reads the row, finds it used and changes nothing, so exactly one caller
///   claims it. The claimant inserts the successor (the unique digest index refuses a taken `new`:
///   roll back). A caller that claimed nothing reads the row `FOR UPDATE`: absent is `.notFound`;
///   used is reuse, and `DELETE FROM refresh_tokens WHERE family_id = $1` in the same transaction
///   (only the caller whose `DELETE` removed rows reports `.reuseDetected`; one that finds the family
///   already gone reports `.notFound`). SQLite: the same statements inside `BEGIN IMMEDIATE`.
/// - Family ids are compared as ``RefreshFamilyID`` defines (byte for byte: Unicode normalization
///   counts), user ids as `UserID` does, so revocation and reuse detection reach the exact family
///   only. Neither is ever normalized.
/// - ``revokeFamily(_:userID:)`` deletes only when the family's user id is `userID`, in one
///   statement (`DELETE ... WHERE family_id = $1 AND user_id = $2`): another user's family is left
///   untouched and 0 returned, so a family id (safe to show) is not enough to end someone's sign-in.
///   ``revokeFamily(_:)`` is the unchecked form the issuer uses on reuse or a stamp change.
/// - Digests are looked up through an index or hash table; ``TokenDigest`` explains why that
///   lookup's timing reveals nothing useful. Compare digests with its constant-time `==`.
/// - Used records are kept (to detect reuse) until the family is revoked or purged; both count
///   and remove used and unused records alike. ``purgeExpired(at:)`` decides by the instant given,
///   never the store's own clock.
/// - `RefreshTokenStoreConformance` in CRMAuthTesting checks every point above, races included.
public protocol RefreshTokenStore: Sendable {
    /// Stores the first token of a new family.
    func insert(_ record: RefreshTokenRecord, digest: TokenDigest) async throws
    /// The record under `digest`, used or not.
    func record(digest: TokenDigest) async throws -> RefreshTokenRecord?
    /// Atomically trades the token under `old` for a successor stored under `new`.
    func rotate(digest old: TokenDigest, to new: TokenDigest) async throws -> RefreshRotation
    /// Deletes every token of `familyID`; returns how many.
    func revokeFamily(_ familyID: RefreshFamilyID) async throws -> Int
    /// Deletes every token of `familyID` if the family belongs to `userID`, in one step; returns how
    /// many (0 when the family is someone else's or does not exist).
    func revokeFamily(_ familyID: RefreshFamilyID, userID: UserID) async throws -> Int
    /// Deletes every record whose family expired at or before `date`; returns how many.
    func purgeExpired(at date: Date) async throws -> Int
}
