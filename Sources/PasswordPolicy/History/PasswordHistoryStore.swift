/// Where each account's recent password hashes are kept, newest first.
///
/// Contract for conformers:
/// - ``append(_:userID:keepingNewest:)`` is one atomic read-modify-write: it adds the entry as the
///   account's newest and removes all but the newest `limit` entries. Two callers racing, on one
///   server or two sharing a database, never leave more than `limit` entries and never lose an
///   entry that is among the newest `limit` (in SQL: insert and delete the surplus in one
///   transaction, ordered by an insertion sequence rather than by ``PasswordHistoryEntry/changedAt``,
///   which can tie). `limit` is at least 1; a conformer throws for less.
/// - ``entries(userID:)`` lists the account's entries newest first (most recently appended first);
///   empty for an unknown account.
/// - ``removeEntries(userID:)`` forgets the account (when it is deleted); no error if it has none.
/// - Only hashes are stored, never passwords. A thrown error means nothing changed. Values are
///   copied, never shared with the caller.
public protocol PasswordHistoryStore: Sendable {
    /// Adds `entry` as `userID`'s newest and keeps only the newest `limit` entries, atomically.
    func append(_ entry: PasswordHistoryEntry, userID: String, keepingNewest limit: Int) async throws

    /// `userID`'s entries, newest first.
    func entries(userID: String) async throws -> [PasswordHistoryEntry]

    /// Removes every entry of `userID`.
    func removeEntries(userID: String) async throws
}
