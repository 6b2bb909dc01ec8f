public import AuthCore
import CRMAuthStoreSupport
import GRDB
public import PasswordPolicy

import struct Foundation.Date

/// A `PasswordHistoryStore` (PasswordPolicy) in a ``SQLiteDatabase``: table `password_history`, one
/// row per entry, ordered by an insertion sequence (the rowid), never by `changedAt`.
///
/// - `append` runs in one `BEGIN IMMEDIATE` transaction: the `INSERT` of the new entry, then
///   `DELETE ... WHERE user_id = ? AND seq NOT IN (SELECT seq ... ORDER BY seq DESC LIMIT ?)`. SQLite's
///   write lock is held from the first statement, so two appends for one user, from this process or
///   another sharing the file, trim one after the other and never keep more than `limit` entries.
/// - `entries` is one `SELECT ... ORDER BY seq DESC`; `removeEntries` one `DELETE`.
///
/// Only hashes are stored, as the text the hasher wrote (a PHC string, or another format the hasher
/// verifies). The store never parses them, but on reading it checks their shape: a stored hash that is
/// empty, holds anything but printable ASCII (a space, a control character, U+0000, a non-ASCII
/// character), or starts with `$` without an `$id$` field is a damaged row. A damaged row (that, a
/// wrong type, invalid UTF-8, an invalid user id) throws ``SQLiteStoreError/corruptedRecord`` naming
/// the entry's sequence number: `entries(userID:)` of that user fails as a whole rather than return a
/// shorter history (a history missing an entry would let that old password be reused), and other
/// users' histories still read. `removeEntries` and a later trim remove the damaged row like any other.
public final class SQLitePasswordHistoryStore: PasswordHistoryStore {
    private let database: SQLiteDatabase

    /// A store over `database`'s `password_history` table.
    /// - Parameter database: the open database.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// See `PasswordHistoryStore.append(_:userID:keepingNewest:)`.
    public func append(_ entry: PasswordHistoryEntry, userID: UserID, keepingNewest limit: Int) async throws {
        guard limit >= 1 else {
            throw PasswordPolicyError(.invalidConfiguration, "a password history keeps at least 1 entry, not \(limit)")
        }
        let user = userID.rawValue.sqlText
        try await database.pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try db.execute(
                    sql: """
                        INSERT INTO password_history (user_id, stored_hash, changed_at)
                        VALUES (CAST(? AS TEXT), CAST(? AS TEXT), ?)
                        """,
                    arguments: [user, entry.storedHash.sqlText, entry.changedAt.timeIntervalSinceReferenceDate])
                try db.execute(
                    sql: """
                        DELETE FROM password_history WHERE user_id = CAST(:user AS TEXT) AND seq NOT IN (
                            SELECT seq FROM password_history WHERE user_id = CAST(:user AS TEXT)
                            ORDER BY seq DESC LIMIT :limit)
                        """,
                    arguments: ["user": user, "limit": Int64(limit)])
                return .commit
            }
        }
    }

    /// See `PasswordHistoryStore.entries(userID:)`.
    public func entries(userID: UserID) async throws -> [PasswordHistoryEntry] {
        try await database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT seq, CAST(stored_hash AS BLOB) AS stored_hash, changed_at FROM password_history
                    WHERE user_id = CAST(? AS TEXT) ORDER BY seq DESC
                    """,
                arguments: [userID.rawValue.sqlText]
            )
            .map { row in try Self.entry(from: row, userID: userID) }
        }
    }

    /// See `PasswordHistoryStore.removeEntries(userID:)`.
    public func removeEntries(userID: UserID) async throws {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM password_history WHERE user_id = CAST(? AS TEXT)",
                arguments: [userID.rawValue.sqlText])
        }
    }

    private static func entry(from row: Row, userID: UserID) throws(SQLiteStoreError) -> PasswordHistoryEntry {
        let sequence = row["seq"].map { "\($0.databaseValue)" } ?? "?"
        return try PasswordHistoryEntry.stored(
            RowReader(row, record: "password_history row \(sequence) of user '\(userID.rawValue)'"))
    }
}
