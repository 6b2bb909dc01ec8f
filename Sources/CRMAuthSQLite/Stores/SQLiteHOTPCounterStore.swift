public import AuthCore
import CRMAuthStoreSupport
import GRDB
public import TOTP

/// A `HOTPCounterStore` (TOTP) in a ``SQLiteDatabase``: table `hotp_counters`, the last accepted counter
/// per user.
///
/// SQLite has no unsigned 64-bit integer, so the counter is stored order-preservingly as
/// `Int64(bitPattern: counter ^ 2^63)` (0 is `Int64.min`, `UInt64.max` is `Int64.max`): SQLite's
/// signed `<` is then the counter's `<`, exact over the whole range.
///
/// - `advanceCounter` is one statement, `INSERT ... ON CONFLICT (user_id) DO UPDATE SET last =
///   excluded.last WHERE hotp_counters.last < excluded.last`, run under SQLite's write lock: of callers
///   racing with one counter, in this process or another, exactly one changes a row and gets `true`.
///   When nothing changed, the same write transaction checks the stored counter's type.
/// - `removeCounter` is one `DELETE`.
///
/// A row that cannot be read (a counter that is not an `INTEGER`) throws
/// ``SQLiteStoreError/corruptedRecord`` for that user only, from `lastAcceptedCounter` and
/// `advanceCounter` (which then records nothing); `removeCounter` deletes it without reading it.
public final class SQLiteHOTPCounterStore: HOTPCounterStore {
    private let database: SQLiteDatabase

    /// A store over `database`'s `hotp_counters` table.
    /// - Parameter database: the open database.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// See `HOTPCounterStore.advanceCounter(userID:to:)`; one conditional `INSERT ... ON CONFLICT`.
    public func advanceCounter(userID: UserID, to counter: UInt64) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO hotp_counters (user_id, last) VALUES (CAST(? AS TEXT), ?)
                    ON CONFLICT (user_id) DO UPDATE SET last = excluded.last WHERE hotp_counters.last < excluded.last
                    """,
                arguments: [userID.rawValue.sqlText, HOTPCounterColumn.stored(counter)])
            if db.changesCount > 0 { return true }
            _ = try Self.lastCounter(db, userID: userID)
            return false
        }
    }

    /// See `HOTPCounterStore.lastAcceptedCounter(userID:)`.
    public func lastAcceptedCounter(userID: UserID) async throws -> UInt64? {
        try await database.pool.read { db in try Self.lastCounter(db, userID: userID) }
    }

    /// See `HOTPCounterStore.removeCounter(userID:)`.
    public func removeCounter(userID: UserID) async throws {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM hotp_counters WHERE user_id = CAST(? AS TEXT)", arguments: [userID.rawValue.sqlText])
        }
    }

    private static func lastCounter(_ db: Database, userID: UserID) throws -> UInt64? {
        try Row.fetchOne(
            db, sql: "SELECT last FROM hotp_counters WHERE user_id = CAST(? AS TEXT)",
            arguments: [userID.rawValue.sqlText]
        )
        .map { row throws(SQLiteStoreError) in
            try RowReader(row, record: "hotp_counters row '\(userID.rawValue)'").hotpCounter()
        }
    }
}
