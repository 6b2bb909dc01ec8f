public import AuthCore
import CRMAuthStoreSupport
import PostgresNIO
public import TOTP

/// A `TOTPStore` (TOTP) in a ``PostgresAuthDatabase``: table `totp_steps`, the last accepted time step
/// per user as a `BIGINT` (compared exactly over the whole signed range, never as floating point).
///
/// How each requirement stays atomic across every server sharing the database:
/// - `markStepUsed` is one statement, `INSERT INTO totp_steps (user_id, last) VALUES ($1, $2) ON CONFLICT
///   (user_id) DO UPDATE SET last = EXCLUDED.last WHERE totp_steps.last < EXCLUDED.last RETURNING 1`. The
///   primary key makes racing inserts of a first step meet on one row, and the update's row lock makes a
///   racer with the same step wait, then re-check the `WHERE` against the committed step and change
///   nothing: of callers racing with one step, on any server, exactly one gets a row back and `true`.
///   When nothing changed, the stored step is read back, so a damaged row fails rather than refuse
///   every code in silence.
/// - `removeSteps` is one `DELETE`.
///
/// A row that cannot be read (a step made NULL by a hand edit that dropped the `NOT NULL`) throws
/// ``PostgresStoreError/corruptedRecord`` for that user only, from `lastUsedStep` and `markStepUsed`
/// (which then records nothing); `removeSteps` deletes it without reading it.
public final class PostgresTOTPStore: TOTPStore {
    private let database: PostgresAuthDatabase

    /// A store over `database`'s `totp_steps` table.
    /// - Parameter database: the open database.
    public init(database: PostgresAuthDatabase) {
        self.database = database
    }

    /// See `TOTPStore.markStepUsed(userID:step:)`; one conditional `INSERT ... ON CONFLICT`.
    public func markStepUsed(userID: UserID, step: Int64) async throws -> Bool {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        let last = arguments.value(step)
        let sql = """
            INSERT INTO totp_steps (user_id, last) VALUES (\(user), \(last))
            ON CONFLICT (user_id) DO UPDATE SET last = EXCLUDED.last WHERE totp_steps.last < EXCLUDED.last
            RETURNING 1
            """
        let changed = try await database.run("record a TOTP step") { [database, query = arguments.query(sql)] in
            for try await _ in try await database.client.query(query, logger: database.logger) { return true }
            return false
        }
        if changed { return true }
        _ = try await lastUsedStep(userID: userID)
        return false
    }

    /// See `TOTPStore.lastUsedStep(userID:)`.
    public func lastUsedStep(userID: UserID) async throws -> Int64? {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        let sql = "SELECT last FROM totp_steps WHERE user_id = \(user)"
        return try await database.run("read a TOTP step") { [database, query = arguments.query(sql)] in
            for try await row in try await database.client.query(query, logger: database.logger) {
                return try PostgresRowReader(row, record: "totp_steps row '\(userID.rawValue)'").integer("last")
            }
            return nil
        }
    }

    /// See `TOTPStore.removeSteps(userID:)`.
    public func removeSteps(userID: UserID) async throws {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        try await database.run("remove TOTP steps") {
            [database, query = arguments.query("DELETE FROM totp_steps WHERE user_id = \(user)")] in
            try await database.client.query(query, logger: database.logger)
        }
    }
}
