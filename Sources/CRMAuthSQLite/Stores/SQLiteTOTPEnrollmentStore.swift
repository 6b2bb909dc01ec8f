public import AuthCore
import CRMAuthStoreSupport
import GRDB
public import TOTP

public import struct Foundation.Date

/// A `TOTPEnrollmentStore` (TOTP) in a ``SQLiteDatabase``: table `totp_enrollments`, one row per user
/// holding a pending secret (with its creation instant) or an active one, never both (a `CHECK` on the
/// table says so too).
///
/// Secrets are stored exactly as the protocol hands them: `SealedOTPSecret` bytes (AES-256-GCM under the
/// app's key ring, bound to the user), never opened here, as a `BLOB` beside its length. The length is
/// checked on every read, so a value cut short (a partial copy, a hand edit) is a corrupted record
/// rather than bytes that fail to open later as a wrong code.
///
/// How each atomic requirement stays atomic (each one statement, run under SQLite's write lock, its
/// affected row count read back):
/// - `savePending`: `INSERT ... ON CONFLICT (user_id) DO UPDATE SET pending = excluded.pending, ...
///   WHERE totp_enrollments.active IS NULL`.
/// - `activate`: `UPDATE ... SET active = pending, pending = NULL, ... WHERE user_id = ? AND pending = ?
///   AND active IS NULL`.
/// - `replaceActive`: `UPDATE ... SET active = ? WHERE user_id = ? AND active = ?`.
/// - `removeActive`: `DELETE ... WHERE user_id = ? AND active = ?` (the row goes whole: an active secret
///   has nothing pending beside it).
/// - `remove`: `DELETE ... WHERE user_id = ?`.
///
/// Sealed bytes are compared by SQLite's `memcmp` in the compare-and-swaps; they are ciphertext under a
/// key the reader of timings does not have, and the caller read them from this store in the first place.
///
/// A row that cannot be read (a wrong type, a length that does not match, an instant that is not
/// `REAL`) throws ``SQLiteStoreError/corruptedRecord`` from `pending` or `active` for that user only.
/// The compare-and-swaps never match a damaged value (they compare whole values), and `remove` deletes
/// the row without reading it.
public final class SQLiteTOTPEnrollmentStore: TOTPEnrollmentStore {
    private let database: SQLiteDatabase

    /// A store over `database`'s `totp_enrollments` table.
    /// - Parameter database: the open database.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// See `TOTPEnrollmentStore.savePending(userID:secret:createdAt:)`; one conditional upsert.
    public func savePending(userID: UserID, secret: SealedOTPSecret, createdAt: Date) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO totp_enrollments (user_id, pending, pending_length, pending_created_at)
                    VALUES (CAST(? AS TEXT), COALESCE(?, x''), ?, ?)
                    ON CONFLICT (user_id) DO UPDATE SET pending = excluded.pending,
                        pending_length = excluded.pending_length, pending_created_at = excluded.pending_created_at
                    WHERE totp_enrollments.active IS NULL
                    """,
                arguments: [
                    userID.rawValue.sqlText, secret.sqlValue, secret.bytes.count,
                    createdAt.timeIntervalSinceReferenceDate,
                ])
            return db.changesCount > 0
        }
    }

    /// See `TOTPEnrollmentStore.pending(userID:)`.
    public func pending(userID: UserID) async throws -> PendingOTPSecret? {
        try await database.pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT pending, pending_length, pending_created_at FROM totp_enrollments
                        WHERE user_id = CAST(? AS TEXT) AND pending IS NOT NULL
                        """,
                    arguments: [userID.rawValue.sqlText])
            else { return nil }
            let reader = Self.reader(row, userID)
            return PendingOTPSecret(
                secret: try Self.sealed(reader, "pending"), createdAt: try reader.date("pending_created_at"))
        }
    }

    /// See `TOTPEnrollmentStore.activate(userID:pending:)`; one conditional `UPDATE`.
    public func activate(userID: UserID, pending: SealedOTPSecret) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    UPDATE totp_enrollments SET active = pending, active_length = pending_length,
                        pending = NULL, pending_length = NULL, pending_created_at = NULL
                    WHERE user_id = CAST(? AS TEXT) AND pending = COALESCE(?, x'') AND active IS NULL
                    """,
                arguments: [userID.rawValue.sqlText, pending.sqlValue])
            return db.changesCount > 0
        }
    }

    /// See `TOTPEnrollmentStore.active(userID:)`.
    public func active(userID: UserID) async throws -> SealedOTPSecret? {
        try await database.pool.read { db in
            guard
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT active, active_length FROM totp_enrollments
                        WHERE user_id = CAST(? AS TEXT) AND active IS NOT NULL
                        """,
                    arguments: [userID.rawValue.sqlText])
            else { return nil }
            return try Self.sealed(Self.reader(row, userID), "active")
        }
    }

    /// See `TOTPEnrollmentStore.replaceActive(userID:expected:with:)`; one conditional `UPDATE`.
    public func replaceActive(
        userID: UserID, expected: SealedOTPSecret, with replacement: SealedOTPSecret
    ) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    UPDATE totp_enrollments SET active = COALESCE(?, x''), active_length = ?
                    WHERE user_id = CAST(? AS TEXT) AND active = COALESCE(?, x'')
                    """,
                arguments: [
                    replacement.sqlValue, replacement.bytes.count, userID.rawValue.sqlText, expected.sqlValue,
                ])
            return db.changesCount > 0
        }
    }

    /// See `TOTPEnrollmentStore.removeActive(userID:expected:)`; one conditional `DELETE`.
    public func removeActive(userID: UserID, expected: SealedOTPSecret) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM totp_enrollments WHERE user_id = CAST(? AS TEXT) AND active = COALESCE(?, x'')",
                arguments: [userID.rawValue.sqlText, expected.sqlValue])
            return db.changesCount > 0
        }
    }

    /// See `TOTPEnrollmentStore.remove(userID:)`.
    public func remove(userID: UserID) async throws {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM totp_enrollments WHERE user_id = CAST(? AS TEXT)",
                arguments: [userID.rawValue.sqlText])
        }
    }

    private static func reader(_ row: Row, _ userID: UserID) -> RowReader {
        RowReader(row, record: "totp_enrollments row '\(userID.rawValue)'")
    }

    /// The sealed secret in `column`, checked against its stored length.
    private static func sealed(_ reader: RowReader, _ column: String) throws(SQLiteStoreError) -> SealedOTPSecret {
        let bytes = try reader.blob(column)
        let length = try reader.integer("\(column)_length")
        guard length == bytes.count else {
            throw reader.corrupted(column, "holds \(bytes.count) bytes where \(length) were stored")
        }
        return SealedOTPSecret(bytes: bytes)
    }
}
