public import AuthCore
import CRMAuthStoreSupport
import GRDB
public import TOTP

/// A `RecoveryCodeStore` (TOTP) in a ``SQLiteDatabase``: table `recovery_codes`, one row per unused
/// code, holding only its 32-byte SHA-256 digest (`RecoveryCodeDigest`), unique per user.
///
/// - `replaceCodes` is one write transaction (`BEGIN IMMEDIATE`): `DELETE FROM recovery_codes WHERE
///   user_id = ?`, then one `INSERT ... VALUES (...), (...) ON CONFLICT DO NOTHING` of the new set (a
///   digest given twice is one row). A racing consumption, in this process or another, runs before or
///   after it, so it sees the old set or the new one, never a mix.
/// - `consumeCode` is one `DELETE FROM recovery_codes WHERE user_id = ? AND digest = ?` whose affected
///   row count is the answer: of callers racing with one code, exactly one deletes the row. The digest
///   is found through the primary key's index; a digest of 80 random bits' code tells a timing observer
///   nothing useful (as for session token digests).
/// - `remainingCodes` counts the user's rows in one `SELECT`.
///
/// A row whose digest is not a 32-byte `BLOB` (a hand edit) can never be redeemed: `remainingCodes`
/// throws ``SQLiteStoreError/corruptedRecord`` for that user rather than count it, other users are
/// unaffected, and `replaceCodes` clears it with the rest of the user's set.
public final class SQLiteRecoveryCodeStore: RecoveryCodeStore {
    private let database: SQLiteDatabase

    /// A store over `database`'s `recovery_codes` table.
    /// - Parameter database: the open database.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// See `RecoveryCodeStore.replaceCodes(userID:digests:)`; one `BEGIN IMMEDIATE` transaction.
    public func replaceCodes(userID: UserID, digests: [RecoveryCodeDigest]) async throws {
        let user = userID.rawValue.sqlText
        let values: [(any DatabaseValueConvertible)?] = digests.flatMap { digest -> [(any DatabaseValueConvertible)?] in
            [user, digest.sqlValue]
        }
        let arguments = StatementArguments(values)
        let rows = Array(repeating: "(CAST(? AS TEXT), ?)", count: digests.count).joined(separator: ", ")
        try await database.pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                try db.execute(sql: "DELETE FROM recovery_codes WHERE user_id = CAST(? AS TEXT)", arguments: [user])
                if !digests.isEmpty {
                    try db.execute(
                        sql: "INSERT INTO recovery_codes (user_id, digest) VALUES \(rows) ON CONFLICT DO NOTHING",
                        arguments: arguments)
                }
                return .commit
            }
        }
    }

    /// See `RecoveryCodeStore.consumeCode(userID:digest:)`; one `DELETE`.
    public func consumeCode(userID: UserID, digest: RecoveryCodeDigest) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM recovery_codes WHERE user_id = CAST(? AS TEXT) AND digest = ?",
                arguments: [userID.rawValue.sqlText, digest.sqlValue])
            return db.changesCount > 0
        }
    }

    /// See `RecoveryCodeStore.remainingCodes(userID:)`.
    public func remainingCodes(userID: UserID) async throws -> Int {
        try await database.pool.read { db in
            let row = try Row.fetchOne(
                db,
                sql: """
                    SELECT COUNT(*) AS total,
                        COUNT(*) FILTER (WHERE typeof(digest) <> 'blob' OR length(digest) <> 32) AS damaged
                    FROM recovery_codes WHERE user_id = CAST(? AS TEXT)
                    """,
                arguments: [userID.rawValue.sqlText])
            guard let row else { return 0 }
            let reader = RowReader(row, record: "recovery_codes of user '\(userID.rawValue)'")
            guard try reader.integer("damaged") == 0 else {
                throw reader.corrupted("digest", "is not a 32-byte BLOB in some row")
            }
            return Int(try reader.integer("total"))
        }
    }
}
