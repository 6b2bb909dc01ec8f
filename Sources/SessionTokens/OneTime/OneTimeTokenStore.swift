public import struct Foundation.Date

/// Where outstanding one-time tokens live, keyed by the SHA-256 digest of the token.
///
/// Contract:
/// - ``insert(_:digest:)`` throws ``SessionTokenError/duplicate`` if the digest is stored, changing
///   nothing.
/// - ``consume(digest:purpose:)`` is ONE atomic operation: it removes and returns the record if its
///   purpose matches, so of many concurrent callers exactly one gets it. In SQL, one statement:
///   `DELETE FROM one_time_tokens WHERE digest = $1 AND purpose = $2 RETURNING ...` (PostgreSQL,
///   SQLite 3.35+); a concurrent second `DELETE` finds the row gone and returns nothing, under any
///   isolation level. Never a `SELECT` followed by a `DELETE`: two callers would both read the row.
///   Purposes match by
///   ``OneTimeTokenPurpose/name`` (the stable name stored with the token), so changing a purpose's
///   default lifetime does not orphan tokens already sent; names are compared byte for byte (their
///   UTF-8, as SQL's `=` under a binary or deterministic collation), so a canonically equivalent
///   spelling is another purpose, though Swift's `String` `==` calls it equal. A record of another
///   purpose is left untouched and `nil` is returned. Expiry is the caller's decision: an expired
///   record is still returned (and removed), so the caller can say "expired" rather than "not found".
/// - Records come back exactly as inserted, every field including the purpose's default lifetime
///   (instants to at least the microsecond, purpose names byte for byte; user ids as `UserID`
///   defines; nothing normalized).
/// - ``purgeExpired(at:)`` removes records whose `expiresAt` is at or before `date`, the instant
///   given, never the store's own clock.
/// - Digests are looked up through an index or hash table; ``TokenDigest`` explains why that
///   lookup's timing reveals nothing useful. Compare digests with its constant-time `==`.
/// - `OneTimeTokenStoreConformance` in CRMAuthTesting checks every point above, races included.
public protocol OneTimeTokenStore: Sendable {
    /// Stores a record under `digest`.
    func insert(_ record: OneTimeTokenRecord, digest: TokenDigest) async throws
    /// Atomically removes and returns the record under `digest` if it has `purpose`.
    func consume(digest: TokenDigest, purpose: OneTimeTokenPurpose) async throws -> OneTimeTokenRecord?
    /// Removes expired records; returns how many.
    func purgeExpired(at date: Date) async throws -> Int
}
