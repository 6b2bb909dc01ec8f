public import AuthCore

public import struct Foundation.Date

/// Where sessions live, keyed by the SHA-256 digest of their token (never the token itself).
///
/// Contract every conformer keeps (the in-memory store, and later SQLite and PostgreSQL):
/// - Values are copied in and out; a returned ``Session`` never changes under its reader, and reads
///   return every field exactly as written (instants to at least the microsecond, text byte for byte).
/// - User ids are compared as `UserID` defines, session ids as ``SessionID`` does; neither is ever
///   normalized. Limits, listings and deletions see the exact user's sessions only.
/// - ``insert(_:digest:limit:)`` throws ``SessionTokenError/duplicate`` if the digest or the session id
///   is already stored, and stores nothing. With a limit it is ONE atomic operation: it counts the
///   user's sessions live at `session.createdAt`, and when the new one would exceed the limit either
///   evicts the oldest live ones (by creation time) or throws ``SessionTokenError/limitReached``
///   and stores nothing. Sessions already expired at `session.createdAt` neither count nor are
///   evicted (``purgeExpired(at:)`` removes them). Among sessions created at the same instant any
///   may go first. Each evicted id is returned once, in no particular order. Two concurrent logins,
///   on one server or two sharing a database, cannot both slip under the cap.
///
///   In SQL a plain count-then-insert races: under PostgreSQL's default isolation (READ COMMITTED)
///   two transactions both count N - 1 live sessions, both insert, and the user holds N + 1. (Even
///   under SERIALIZABLE one of them fails with a serialization error the store must retry.) What does
///   not race is serializing one user's inserts in one transaction, before counting:
///   `INSERT INTO session_owners (user_id) VALUES ($1) ON CONFLICT DO NOTHING`, then
///   `SELECT 1 FROM session_owners WHERE user_id = $1 FOR UPDATE`, then count, evict
///   (`DELETE ... WHERE id = ANY($2)`) and insert, then commit; or take
///   `pg_advisory_xact_lock(hashtextextended($1, 0))` on the user id as the transaction's first
///   statement. Either lock is released at commit or rollback. SQLite: the same statements inside
///   `BEGIN IMMEDIATE`, which takes the write lock before the count. Without a limit the insert is
///   one `INSERT` whose unique keys (digest, id) refuse duplicates.
/// - ``replace(digest:with:session:)`` is ONE atomic operation: the old digest stops resolving and the
///   new one starts in the same step; if the old digest is absent (revoked, already rotated) it
///   returns `false` and stores nothing. If `new` is already stored it throws
///   ``SessionTokenError/duplicate`` and changes nothing. Two servers rotating the same token:
///   exactly one wins. In SQL: one `UPDATE sessions SET digest = $new, ... WHERE digest = $old`
///   (one row changed means `true`), the unique index on the digest refusing a taken `new`.
/// - ``touch(digest:lastSeenAt:)`` only moves "last seen" forward, never back: one
///   `UPDATE ... SET last_seen_at = GREATEST(last_seen_at, $2) WHERE digest = $1`.
/// - ``delete(id:userID:)`` removes the session only if it belongs to `userID`, in one step:
///   `DELETE FROM sessions WHERE id = $1 AND user_id = $2`, `true` when it removed a row. A session
///   id (safe to show in a device list) names someone else's session to no effect: `false`, and the
///   session stays. Of callers racing to delete one session, exactly one gets `true`.
/// - ``deleteAll(userID:except:)`` is one `DELETE ... WHERE user_id = $1 AND id <> $2`.
/// - Deletions are idempotent and return how many sessions (or whether one) they removed.
/// - Expiry is the caller's decision, taken at the instants passed in (never the store's own clock):
///   reads return expired sessions until ``purgeExpired(at:)``, which removes those whose expiry
///   instant is at or before `date`.
/// - Errors other than ``SessionTokenError`` mean the backend failed; callers treat them as
///   "cannot validate" (deny), never as "valid". A thrown error leaves nothing half-written.
/// - Digests are looked up through an index or hash table; ``TokenDigest`` explains why that
///   lookup's timing reveals nothing useful. Compare digests with its constant-time `==`.
/// - `SessionStoreConformance` in CRMAuthTesting checks every point above, races included.
public protocol SessionStore: Sendable {
    /// The session whose token has `digest`, or `nil`.
    func session(digest: TokenDigest) async throws -> Session?

    /// Stores a new session under `digest`, enforcing `limit` atomically; returns the ids of evicted
    /// sessions.
    func insert(_ session: Session, digest: TokenDigest, limit: ConcurrentSessionLimit?) async throws -> [SessionID]

    /// Sets "last seen" of the session under `digest` to `lastSeenAt` if that is later; `false` if absent.
    func touch(digest: TokenDigest, lastSeenAt: Date) async throws -> Bool

    /// Atomically removes the session under `old` and stores `session` under `new`; `false` if `old` is absent.
    func replace(digest old: TokenDigest, with new: TokenDigest, session: Session) async throws -> Bool

    /// Removes the session `id` if it belongs to `userID`, in one step; `false` if `userID` has no
    /// such session (none at all, or someone else's).
    func delete(id: SessionID, userID: UserID) async throws -> Bool

    /// Removes every session of `userID` except the one with id `kept` (all of them when `kept` is `nil`).
    func deleteAll(userID: UserID, except kept: SessionID?) async throws -> Int

    /// Every stored session of `userID`, expired or not, in no particular order.
    func sessions(userID: UserID) async throws -> [Session]

    /// Removes every session expired at `date` (see ``Session/isExpired(at:)``).
    func purgeExpired(at date: Date) async throws -> Int
}

extension SessionStore {
    /// Stores a new session under `digest` with no per-user limit.
    public func insert(_ session: Session, digest: TokenDigest) async throws {
        _ = try await insert(session, digest: digest, limit: nil)
    }
}
