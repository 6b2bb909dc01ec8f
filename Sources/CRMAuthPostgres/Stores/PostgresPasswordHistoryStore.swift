public import AuthCore
import CRMAuthStoreSupport
public import PasswordPolicy
import PostgresNIO

/// A `PasswordHistoryStore` (PasswordPolicy) in a ``PostgresAuthDatabase``: table `password_history`,
/// one row per entry, ordered by an insertion sequence (`seq`, an identity column), never by `changedAt`.
///
/// - `append` is one transaction whose first statement takes a transaction-level advisory lock on the
///   user: `pg_advisory_xact_lock(hashtextextended('crmauth.password_history:' || user_id, 0))`. Then
///   the `INSERT` of the new entry, and `DELETE ... WHERE user_id = $1 AND seq <= (the seq of the
///   (limit + 1)-th newest entry)`. Every append for one user, from any server, waits for the previous
///   one's commit or rollback, so it draws its sequence number after the previous one committed (a
///   larger one: newer means appended later) and its trim sees that entry (`READ COMMITTED`): two
///   appends never keep more than `limit` entries nor drop one of the newest `limit`. Two users whose
///   ids hash alike only wait for each other.
/// - `entries` is one `SELECT ... ORDER BY seq DESC`; `removeEntries` one `DELETE`.
///
/// Only hashes are stored, as the text the hasher wrote. The store never parses them, but on reading it
/// checks their shape (`hashShapeProblem`): a stored hash that is empty, holds anything but printable
/// ASCII, or starts with `$` without an `$id$` field is a damaged row. A damaged row (that, or an
/// invalid user id) throws ``PostgresStoreError/corruptedRecord`` naming the entry's sequence number:
/// `entries(userID:)` of that user fails as a whole rather than return a shorter history (a history
/// missing an entry would let that old password be reused), and other users' histories still read.
/// `removeEntries` and a later trim remove the damaged row like any other. Text holding U+0000 is
/// refused with ``PostgresStoreError/unrepresentable`` before anything is sent.
public final class PostgresPasswordHistoryStore: PasswordHistoryStore {
    private let database: PostgresAuthDatabase

    /// A store over `database`'s `password_history` table.
    /// - Parameter database: the open database.
    public init(database: PostgresAuthDatabase) {
        self.database = database
    }

    /// See `PasswordHistoryStore.append(_:userID:keepingNewest:)`; one transaction under the user's
    /// advisory lock.
    public func append(_ entry: PasswordHistoryEntry, userID: UserID, keepingNewest limit: Int) async throws {
        guard limit >= 1 else {
            throw PasswordPolicyError(.invalidConfiguration, "a password history keeps at least 1 entry, not \(limit)")
        }
        var lockArguments = PostgresArguments()
        let lockUser = try lockArguments.text(userID.rawValue, "the user id")
        let lock = lockArguments.query(
            """
            SELECT pg_advisory_xact_lock(hashtextextended(('crmauth.password_history:' || \(lockUser)) COLLATE "C", 0))
            """)
        var insertArguments = PostgresArguments()
        let values = [
            try insertArguments.text(userID.rawValue, "the user id"),
            try insertArguments.text(entry.storedHash, "the stored hash"),
            insertArguments.date(entry.changedAt),
        ]
        let insert = insertArguments.query(
            "INSERT INTO password_history (user_id, stored_hash, changed_at) VALUES (\(values.joined(separator: ", ")))"
        )
        var trimArguments = PostgresArguments()
        let user = try trimArguments.text(userID.rawValue, "the user id")
        let kept = trimArguments.value(Int64(limit))
        // The sequence number of the newest entry past the limit (NULL, deleting nothing, when there is
        // none): it and every older entry go.
        let trim = trimArguments.query(
            """
            DELETE FROM password_history WHERE user_id = \(user) AND seq <= (
                SELECT seq FROM password_history WHERE user_id = \(user) ORDER BY seq DESC OFFSET \(kept) LIMIT 1)
            """)
        try await database.run("append to a password history") { [database] in
            try await database.client.withTransaction(logger: database.logger) { connection in
                try await connection.query(lock, logger: database.logger)
                try await connection.query(insert, logger: database.logger)
                try await connection.query(trim, logger: database.logger)
            }
        }
    }

    /// See `PasswordHistoryStore.entries(userID:)`; one `SELECT`, newest first.
    public func entries(userID: UserID) async throws -> [PasswordHistoryEntry] {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        let sql = "SELECT seq, stored_hash, changed_at FROM password_history WHERE user_id = \(user) ORDER BY seq DESC"
        return try await database.run("read a password history") { [database, query = arguments.query(sql)] in
            var entries: [PasswordHistoryEntry] = []
            for try await row in try await database.client.query(query, logger: database.logger) {
                entries.append(try Self.entry(from: row, userID: userID))
            }
            return entries
        }
    }

    /// See `PasswordHistoryStore.removeEntries(userID:)`; one `DELETE`.
    public func removeEntries(userID: UserID) async throws {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        try await database.run("remove a password history") {
            [database, query = arguments.query("DELETE FROM password_history WHERE user_id = \(user)")] in
            try await database.client.query(query, logger: database.logger)
        }
    }

    private static func entry(from row: PostgresRow, userID: UserID) throws(PostgresStoreError) -> PasswordHistoryEntry
    {
        let random = row.makeRandomAccess()
        let sequence = random.contains("seq") ? (try? random["seq"].decode(Int64.self)).map { "\($0)" } ?? "?" : "?"
        return try PasswordHistoryEntry.stored(
            PostgresRowReader(row, record: "password_history row \(sequence) of user '\(userID.rawValue)'"))
    }
}
