public import AuthCore
import CRMAuthStoreSupport
import PostgresNIO
public import TOTP

/// A `RecoveryCodeStore` (TOTP) in a ``PostgresAuthDatabase``: table `recovery_codes`, one row per unused
/// code, holding only its 32-byte SHA-256 digest (`RecoveryCodeDigest`), unique per user.
///
/// How each requirement stays atomic across every server sharing the database:
/// - `replaceCodes` is one transaction: `DELETE FROM recovery_codes WHERE user_id = $1`, then one
///   `INSERT ... VALUES (...), (...) ON CONFLICT DO NOTHING` of the new set (a digest given twice is one
///   row). The `DELETE` locks the old rows until the commit: a racing consumption of an old code waits,
///   then finds its row gone and answers `false`; other readers see the old set until the commit and the
///   new one after it, never a mix.
/// - `consumeCode` is one `DELETE FROM recovery_codes WHERE user_id = $1 AND digest = $2 RETURNING 1`:
///   PostgreSQL locks the row to delete it, and a racing `DELETE` of it, from any server, waits and then
///   finds nothing, so exactly one racer gets the row back and `true`. The digest is found through the
///   primary key's index; a digest of an 80-bit random code tells a timing observer nothing useful.
/// - `remainingCodes` counts the user's rows in one `SELECT`.
///
/// A row whose digest is not 32 bytes (a hand edit) can never be redeemed: `remainingCodes` throws
/// ``PostgresStoreError/corruptedRecord`` for that user rather than count it, other users are
/// unaffected, and `replaceCodes` clears it with the rest of the user's set.
public final class PostgresRecoveryCodeStore: RecoveryCodeStore {
    private let database: PostgresAuthDatabase

    /// A store over `database`'s `recovery_codes` table.
    /// - Parameter database: the open database.
    public init(database: PostgresAuthDatabase) {
        self.database = database
    }

    /// Codes per `INSERT` statement: two bound values each, well under PostgreSQL's 65,535.
    private static let rowsPerInsert = 1_000

    /// See `RecoveryCodeStore.replaceCodes(userID:digests:)`; one transaction.
    public func replaceCodes(userID: UserID, digests: [RecoveryCodeDigest]) async throws {
        var deletion = PostgresArguments()
        let user = try deletion.text(userID.rawValue, "the user id")
        let delete = deletion.query("DELETE FROM recovery_codes WHERE user_id = \(user)")
        var inserts: [PostgresQuery] = []
        var start = 0
        while start < digests.count {
            let end = min(start + Self.rowsPerInsert, digests.count)
            var arguments = PostgresArguments()
            let owner = try arguments.text(userID.rawValue, "the user id")
            let rows = digests[start..<end].map { "(\(owner), \(arguments.bytes($0.bytes)))" }
            inserts.append(
                arguments.query(
                    "INSERT INTO recovery_codes (user_id, digest) VALUES \(rows.joined(separator: ", ")) ON CONFLICT DO NOTHING"
                ))
            start = end
        }
        try await database.run("replace recovery codes") { [database, inserts] in
            try await database.client.withTransaction(logger: database.logger) { connection in
                try await connection.query(delete, logger: database.logger)
                for insert in inserts { try await connection.query(insert, logger: database.logger) }
            }
        }
    }

    /// See `RecoveryCodeStore.consumeCode(userID:digest:)`; one `DELETE ... RETURNING`.
    public func consumeCode(userID: UserID, digest: RecoveryCodeDigest) async throws -> Bool {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        let code = arguments.bytes(digest.bytes)
        let sql = "DELETE FROM recovery_codes WHERE user_id = \(user) AND digest = \(code) RETURNING 1"
        return try await database.run("redeem a recovery code") { [database, query = arguments.query(sql)] in
            for try await _ in try await database.client.query(query, logger: database.logger) { return true }
            return false
        }
    }

    /// See `RecoveryCodeStore.remainingCodes(userID:)`.
    public func remainingCodes(userID: UserID) async throws -> Int {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        let sql = """
            SELECT COUNT(*) AS total, COUNT(*) FILTER (WHERE length(digest) <> 32) AS damaged
            FROM recovery_codes WHERE user_id = \(user)
            """
        return try await database.run("count recovery codes") { [database, query = arguments.query(sql)] in
            for try await row in try await database.client.query(query, logger: database.logger) {
                let reader = PostgresRowReader(row, record: "recovery_codes of user '\(userID.rawValue)'")
                guard try reader.integer("damaged") == 0 else {
                    throw reader.corrupted("digest", "is not 32 bytes in some row")
                }
                return try reader.count("total")
            }
            return 0
        }
    }
}
