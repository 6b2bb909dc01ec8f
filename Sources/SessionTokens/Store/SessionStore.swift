public import struct Foundation.Date

/// Where sessions live, keyed by the SHA-256 digest of their token (never the token itself).
///
/// Contract every conformer keeps (the in-memory store, and later SQLite and PostgreSQL):
/// - Values are copied in and out; a returned ``Session`` never changes under its reader, and reads
///   return every field exactly as written (instants to at least the microsecond, text byte for byte).
/// - User ids and session ids are compared byte for byte (their UTF-8), as SQL's `=` on text does
///   under a binary or deterministic collation: case counts, and so does Unicode normalization ("é" as
///   one code point and as "e" + U+0301 are two users, though Swift's `String` `==` calls them equal).
///   Limits, listings and ``deleteAll(userID:except:)`` see the exact user's sessions only.
/// - ``insert(_:digest:limit:)`` throws ``SessionTokenError/duplicate`` if the digest or the session id
///   is already stored, and stores nothing. With a limit it is ONE atomic operation: it counts the
///   user's sessions live at `session.createdAt`, and when the new one would exceed the limit either
///   evicts the oldest live ones (by creation time) or throws ``SessionTokenError/limitReached``
///   and stores nothing. Sessions already expired at `session.createdAt` neither count nor are
///   evicted (``purgeExpired(at:)`` removes them). Among sessions created at the same instant any
///   may go first. Each evicted id is returned once, in no particular order. Two concurrent logins
///   cannot both slip under the cap.
/// - ``replace(digest:with:session:)`` is ONE atomic operation: the old digest stops resolving and the
///   new one starts in the same step; if the old digest is absent (revoked, already rotated) it
///   returns `false` and stores nothing. If `new` is already stored it throws
///   ``SessionTokenError/duplicate`` and changes nothing. Two servers rotating the same token:
///   exactly one wins.
/// - ``touch(digest:lastSeenAt:)`` only moves "last seen" forward, never back.
/// - Deletions are idempotent and return how many sessions they removed.
/// - Expiry is the caller's decision, taken at the instants passed in (never the store's own clock):
///   reads return expired sessions until ``purgeExpired(at:)``, which removes those whose expiry
///   instant is at or before `date`.
/// - Errors other than ``SessionTokenError`` mean the backend failed; callers treat them as
///   "cannot validate" (deny), never as "valid".
/// - Digests are looked up through an index or hash table; ``SessionTokenDigest`` explains why that
///   lookup's timing reveals nothing useful. Compare digests with its constant-time `==`.
/// - `SessionStoreConformance` in CRMAuthTesting checks every point above, races included.
public protocol SessionStore: Sendable {
    /// The session whose token has `digest`, or `nil`.
    nonisolated(nonsending) func session(digest: SessionTokenDigest) async throws -> Session?

    /// Stores a new session under `digest`, enforcing `limit`; returns the ids of evicted sessions.
    nonisolated(nonsending) func insert(_ session: Session, digest: SessionTokenDigest, limit: ConcurrentSessionLimit?) async throws -> [SessionID]

    /// Sets "last seen" of the session under `digest` to `lastSeenAt` if that is later; `false` if absent.
    nonisolated(nonsending) func touch(digest: SessionTokenDigest, lastSeenAt: Date) async throws -> Bool

    /// Atomically removes the session under `old` and stores `session` under `new`; `false` if `old` is absent.
    nonisolated(nonsending) func replace(digest old: SessionTokenDigest, with new: SessionTokenDigest, session: Session) async throws -> Bool

    /// Removes the session with `id`; `false` if there was none.
    nonisolated(nonsending) func delete(id: SessionID) async throws -> Bool

    /// Removes every session of `userID` except the one with id `kept` (all of them when `kept` is `nil`).
    nonisolated(nonsending) func deleteAll(userID: String, except kept: SessionID?) async throws -> Int

    /// Every stored session of `userID`, expired or not, in no particular order.
    nonisolated(nonsending) func sessions(userID: String) async throws -> [Session]

    /// Removes every session expired at `date` (see ``Session/isExpired(at:)``).
    nonisolated(nonsending) func purgeExpired(at date: Date) async throws -> Int
}

extension SessionStore {
    /// Stores a new session under `digest` with no per-user limit.
    public func insert(_ session: Session, digest: SessionTokenDigest) async throws {
        _ = try await insert(session, digest: digest, limit: nil)
    }
}
