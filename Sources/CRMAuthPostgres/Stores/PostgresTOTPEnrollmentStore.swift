public import AuthCore
import CRMAuthStoreSupport
import PostgresNIO
public import TOTP

public import struct Foundation.Date

/// A `TOTPEnrollmentStore` (TOTP) in a ``PostgresAuthDatabase``: table `totp_enrollments`, one row per
/// user holding a pending secret (with its creation instant) or an active one, never both (a `CHECK` on
/// the table says so too).
///
/// Secrets are stored exactly as the protocol hands them: `SealedOTPSecret` bytes (AES-256-GCM under the
/// app's key ring, bound to the user), never opened here, as a `BYTEA`. PostgreSQL keeps an empty
/// `BYTEA` empty and distinct from NULL, so no length is kept beside it.
///
/// How each atomic requirement stays atomic across every server sharing the database (each is one
/// statement with `RETURNING 1`, so a row back means it changed something; the row lock PostgreSQL takes
/// to change a row makes a racer wait, then re-check its `WHERE` on the committed row):
/// - `savePending`: `INSERT ... ON CONFLICT (user_id) DO UPDATE SET pending = EXCLUDED.pending, ...
///   WHERE totp_enrollments.active IS NULL`.
/// - `activate`: `UPDATE ... SET active = pending, pending = NULL, pending_created_at = NULL WHERE
///   user_id = $1 AND pending = $2 AND active IS NULL`: of racing confirmations, one matches.
/// - `replaceActive`: `UPDATE ... SET active = $1 WHERE user_id = $2 AND active = $3`.
/// - `removeActive`: `DELETE ... WHERE user_id = $1 AND active = $2` (the row goes whole: an active
///   secret has nothing pending beside it).
/// - `remove`: `DELETE ... WHERE user_id = $1`.
///
/// Sealed bytes are compared by PostgreSQL's `memcmp` in the compare-and-swaps; they are ciphertext
/// under a key the reader of timings does not have, and the caller read them from this store first.
///
/// A row that cannot be read (a pending secret without its creation instant, left by a hand edit)
/// throws ``PostgresStoreError/corruptedRecord`` from `pending` for that user only; `remove` deletes the
/// row without reading it.
public final class PostgresTOTPEnrollmentStore: TOTPEnrollmentStore {
    private let database: PostgresAuthDatabase

    /// A store over `database`'s `totp_enrollments` table.
    /// - Parameter database: the open database.
    public init(database: PostgresAuthDatabase) {
        self.database = database
    }

    /// See `TOTPEnrollmentStore.savePending(userID:secret:createdAt:)`; one conditional upsert.
    public func savePending(userID: UserID, secret: SealedOTPSecret, createdAt: Date) async throws -> Bool {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        let pending = arguments.bytes(secret.bytes)
        let created = arguments.date(createdAt)
        let sql = """
            INSERT INTO totp_enrollments (user_id, pending, pending_created_at) VALUES (\(user), \(pending), \(created))
            ON CONFLICT (user_id) DO UPDATE SET pending = EXCLUDED.pending, pending_created_at = EXCLUDED.pending_created_at
            WHERE totp_enrollments.active IS NULL
            RETURNING 1
            """
        return try await changes("save a pending TOTP secret", arguments.query(sql))
    }

    /// See `TOTPEnrollmentStore.pending(userID:)`.
    public func pending(userID: UserID) async throws -> PendingOTPSecret? {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        let sql = """
            SELECT pending, pending_created_at FROM totp_enrollments WHERE user_id = \(user) AND pending IS NOT NULL
            """
        return try await database.run("read a pending TOTP secret") { [database, query = arguments.query(sql)] in
            for try await row in try await database.client.query(query, logger: database.logger) {
                return try PendingOTPSecret.stored(Self.reader(row, userID))
            }
            return nil
        }
    }

    /// See `TOTPEnrollmentStore.activate(userID:pending:)`; one conditional `UPDATE`.
    public func activate(userID: UserID, pending: SealedOTPSecret) async throws -> Bool {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        let expected = arguments.bytes(pending.bytes)
        let sql = """
            UPDATE totp_enrollments SET active = pending, pending = NULL, pending_created_at = NULL
            WHERE user_id = \(user) AND pending = \(expected) AND active IS NULL
            RETURNING 1
            """
        return try await changes("activate a TOTP secret", arguments.query(sql))
    }

    /// See `TOTPEnrollmentStore.active(userID:)`.
    public func active(userID: UserID) async throws -> SealedOTPSecret? {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        let sql = "SELECT active FROM totp_enrollments WHERE user_id = \(user) AND active IS NOT NULL"
        return try await database.run("read an active TOTP secret") { [database, query = arguments.query(sql)] in
            for try await row in try await database.client.query(query, logger: database.logger) {
                return try SealedOTPSecret.stored(Self.reader(row, userID), column: "active")
            }
            return nil
        }
    }

    /// See `TOTPEnrollmentStore.replaceActive(userID:expected:with:)`; one conditional `UPDATE`.
    public func replaceActive(
        userID: UserID, expected: SealedOTPSecret, with replacement: SealedOTPSecret
    ) async throws -> Bool {
        var arguments = PostgresArguments()
        let next = arguments.bytes(replacement.bytes)
        let user = try arguments.text(userID.rawValue, "the user id")
        let current = arguments.bytes(expected.bytes)
        let sql = """
            UPDATE totp_enrollments SET active = \(next) WHERE user_id = \(user) AND active = \(current) RETURNING 1
            """
        return try await changes("replace an active TOTP secret", arguments.query(sql))
    }

    /// See `TOTPEnrollmentStore.removeActive(userID:expected:)`; one conditional `DELETE`.
    public func removeActive(userID: UserID, expected: SealedOTPSecret) async throws -> Bool {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        let current = arguments.bytes(expected.bytes)
        let sql = "DELETE FROM totp_enrollments WHERE user_id = \(user) AND active = \(current) RETURNING 1"
        return try await changes("remove an active TOTP secret", arguments.query(sql))
    }

    /// See `TOTPEnrollmentStore.remove(userID:)`.
    public func remove(userID: UserID) async throws {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        try await database.run("remove a TOTP enrollment") {
            [database, query = arguments.query("DELETE FROM totp_enrollments WHERE user_id = \(user)")] in
            try await database.client.query(query, logger: database.logger)
        }
    }

    /// Runs `query` (a statement ending in `RETURNING 1`) and returns whether it changed a row.
    private func changes(_ what: String, _ query: PostgresQuery) async throws -> Bool {
        try await database.run(what) { [database] in
            for try await _ in try await database.client.query(query, logger: database.logger) { return true }
            return false
        }
    }

    private static func reader(_ row: PostgresRow, _ userID: UserID) -> PostgresRowReader {
        PostgresRowReader(row, record: "totp_enrollments row '\(userID.rawValue)'")
    }
}
