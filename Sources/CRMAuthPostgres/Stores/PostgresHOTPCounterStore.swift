public import AuthCore
import CRMAuthStoreSupport
import PostgresNIO
public import TOTP

/// A `HOTPCounterStore` (TOTP) in a ``PostgresAuthDatabase``: table `hotp_counters`, the last accepted
/// counter per user.
///
/// PostgreSQL has no unsigned 64-bit integer, so the counter is stored order-preservingly as the
/// `BIGINT` `Int64(bitPattern: counter ^ 2^63)` (0 is `Int64.min`, `UInt64.max` is `Int64.max`): the
/// signed `<` is then the counter's `<`, exact over the whole range.
///
/// How each requirement stays atomic across every server sharing the database:
/// - `advanceCounter` is one statement, `INSERT ... ON CONFLICT (user_id) DO UPDATE SET last =
///   EXCLUDED.last WHERE hotp_counters.last < EXCLUDED.last RETURNING 1`: the primary key and the
///   update's row lock make racers with one counter, on any server, meet on one row, and exactly one
///   gets a row back and `true`. When nothing changed, the stored counter is read back, so a damaged
///   row fails rather than refuse every code in silence.
/// - `removeCounter` is one `DELETE`.
///
/// A row that cannot be read (a counter made NULL by a hand edit that dropped the `NOT NULL`) throws
/// ``PostgresStoreError/corruptedRecord`` for that user only, from `lastAcceptedCounter` and
/// `advanceCounter` (which then records nothing); `removeCounter` deletes it without reading it.
public final class PostgresHOTPCounterStore: HOTPCounterStore {
    private let database: PostgresAuthDatabase

    /// A store over `database`'s `hotp_counters` table.
    /// - Parameter database: the open database.
    public init(database: PostgresAuthDatabase) {
        self.database = database
    }

    /// See `HOTPCounterStore.advanceCounter(userID:to:)`; one conditional `INSERT ... ON CONFLICT`.
    public func advanceCounter(userID: UserID, to counter: UInt64) async throws -> Bool {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        let last = arguments.value(HOTPCounterColumn.stored(counter))
        let sql = """
            INSERT INTO hotp_counters (user_id, last) VALUES (\(user), \(last))
            ON CONFLICT (user_id) DO UPDATE SET last = EXCLUDED.last WHERE hotp_counters.last < EXCLUDED.last
            RETURNING 1
            """
        let changed = try await database.run("advance an HOTP counter") { [database, query = arguments.query(sql)] in
            for try await _ in try await database.client.query(query, logger: database.logger) { return true }
            return false
        }
        if changed { return true }
        _ = try await lastAcceptedCounter(userID: userID)
        return false
    }

    /// See `HOTPCounterStore.lastAcceptedCounter(userID:)`.
    public func lastAcceptedCounter(userID: UserID) async throws -> UInt64? {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        let sql = "SELECT last FROM hotp_counters WHERE user_id = \(user)"
        return try await database.run("read an HOTP counter") { [database, query = arguments.query(sql)] in
            for try await row in try await database.client.query(query, logger: database.logger) {
                return try PostgresRowReader(row, record: "hotp_counters row '\(userID.rawValue)'").hotpCounter()
            }
            return nil
        }
    }

    /// See `HOTPCounterStore.removeCounter(userID:)`.
    public func removeCounter(userID: UserID) async throws {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        try await database.run("remove an HOTP counter") {
            [database, query = arguments.query("DELETE FROM hotp_counters WHERE user_id = \(user)")] in
            try await database.client.query(query, logger: database.logger)
        }
    }
}
