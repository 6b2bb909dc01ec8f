public import AuthCore
import CRMAuthStoreSupport
import GRDB
public import TOTP

/// A `TOTPStore` (TOTP) in a ``SQLiteDatabase``: table `totp_steps`, the last accepted time step per
/// user as a signed 64-bit `INTEGER` (compared exactly over the whole range, never as floating point).
///
/// - `markStepUsed` is one statement, `INSERT INTO totp_steps (user_id, last) VALUES (?, ?) ON CONFLICT
///   (user_id) DO UPDATE SET last = excluded.last WHERE totp_steps.last < excluded.last`: SQLite runs
///   it under its write lock, so of callers racing with one step, on this connection or another
///   process's, exactly one changes a row and gets `true`. When nothing changed, the same write
///   transaction checks the stored step's type, so a damaged row fails rather than refuse every code
///   in silence.
/// - `removeSteps` is one `DELETE`.
///
/// A row that cannot be read (a step that is not an `INTEGER`, left by a tool that ignores `STRICT`)
/// throws ``SQLiteStoreError/corruptedRecord`` for that user only, from `lastUsedStep` and
/// `markStepUsed` (which then records nothing); `removeSteps` deletes it without reading it.
public final class SQLiteTOTPStore: TOTPStore {
    private let database: SQLiteDatabase

    /// A store over `database`'s `totp_steps` table.
    /// - Parameter database: the open database.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// See `TOTPStore.markStepUsed(userID:step:)`; one conditional `INSERT ... ON CONFLICT`.
    public func markStepUsed(userID: UserID, step: Int64) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO totp_steps (user_id, last) VALUES (CAST(? AS TEXT), ?)
                    ON CONFLICT (user_id) DO UPDATE SET last = excluded.last WHERE totp_steps.last < excluded.last
                    """,
                arguments: [userID.rawValue.sqlText, step])
            if db.changesCount > 0 { return true }
            _ = try Self.lastStep(db, userID: userID)
            return false
        }
    }

    /// See `TOTPStore.lastUsedStep(userID:)`.
    public func lastUsedStep(userID: UserID) async throws -> Int64? {
        try await database.pool.read { db in try Self.lastStep(db, userID: userID) }
    }

    /// See `TOTPStore.removeSteps(userID:)`.
    public func removeSteps(userID: UserID) async throws {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM totp_steps WHERE user_id = CAST(? AS TEXT)", arguments: [userID.rawValue.sqlText])
        }
    }

    private static func lastStep(_ db: Database, userID: UserID) throws -> Int64? {
        try Row.fetchOne(
            db, sql: "SELECT last FROM totp_steps WHERE user_id = CAST(? AS TEXT)", arguments: [userID.rawValue.sqlText]
        )
        .map { row throws(SQLiteStoreError) in
            try RowReader(row, record: "totp_steps row '\(userID.rawValue)'").integer("last")
        }
    }
}
