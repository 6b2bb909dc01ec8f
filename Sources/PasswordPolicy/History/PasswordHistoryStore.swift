public import AuthCore

/// Where each account's recent password hashes are kept, newest first.
///
/// Contract for conformers:
/// - ``append(_:userID:keepingNewest:)`` is one atomic read-modify-write: it adds the entry as the
///   account's newest and removes all but the newest `limit` entries. Two callers racing, on one
///   server or two sharing a database, never leave more than `limit` entries and never lose an
///   entry that is among the newest `limit`. "Newest" means appended last: when one append returns
///   before another starts, the later one is the newer.
///
///   In SQL: insert, then delete the surplus, in one transaction, ordered by an insertion sequence
///   (a `BIGSERIAL`/`AUTOINCREMENT` column) rather than by ``PasswordHistoryEntry/changedAt``, which
///   can tie: `DELETE FROM password_history WHERE user_id = $1 AND seq NOT IN (SELECT seq FROM
///   password_history WHERE user_id = $1 ORDER BY seq DESC LIMIT $2)`. Under PostgreSQL's default
///   isolation (READ COMMITTED) two such transactions for one user can each see only their own new
///   row when trimming and together keep more than `limit`; serialize them per user first, with
///   `pg_advisory_xact_lock(hashtextextended($1, 0))` or a `SELECT ... FOR UPDATE` of the user's row
///   in an owners table, as the transaction's first statement. SQLite: the two statements inside
///   `BEGIN IMMEDIATE`.
/// - `limit` is at least 1; for less a conformer throws ``PasswordPolicyError/invalidConfiguration``
///   and changes nothing. Every larger `limit` is accepted, up to `Int.max` (which keeps every
///   entry), without allocating by it. Each call trims to its own `limit`: a smaller one than last
///   time drops the surplus at once, a larger one keeps what is there.
/// - Entries form a list, not a set: an entry equal to one already kept is appended again. Order
///   is by append alone: a `changedAt` that ties or goes backwards (a clock stepped back) never
///   reorders entries.
/// - ``entries(userID:)`` lists the account's entries newest first (most recently appended first);
///   empty for an unknown account.
/// - ``removeEntries(userID:)`` forgets the account (when it is deleted); no error if it has none.
/// - User ids are compared as `UserID` defines, and never normalized. Each account's `limit` counts
///   its own entries only.
/// - ``PasswordHistoryEntry/storedHash`` is read back exactly, at any length the hasher accepts
///   (`HashingLimits.maxEncodedLength`, 2,048 bytes by default). ``PasswordHistoryEntry/changedAt``
///   is read back exactly when it falls on a whole second, before and after 2038 (microsecond
///   storage is enough).
/// - Only hashes are stored, never passwords. A thrown error means nothing changed. Values are
///   copied, never shared with the caller.
///
/// `PasswordHistoryStoreConformance` in CRMAuthTesting checks every point above.
public protocol PasswordHistoryStore: Sendable {
    /// Adds `entry` as `userID`'s newest and keeps only the newest `limit` entries, atomically.
    ///
    /// - Throws: ``PasswordPolicyError/invalidConfiguration`` when `limit` is less than 1, changing
    ///   nothing; a backend's own error when it fails, also changing nothing.
    func append(_ entry: PasswordHistoryEntry, userID: UserID, keepingNewest limit: Int) async throws

    /// `userID`'s entries, newest first; empty for an unknown account.
    func entries(userID: UserID) async throws -> [PasswordHistoryEntry]

    /// Removes every entry of `userID`; no error when there are none.
    func removeEntries(userID: UserID) async throws
}
