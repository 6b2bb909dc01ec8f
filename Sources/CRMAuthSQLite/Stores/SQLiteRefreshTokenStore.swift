public import AuthCore
import CRMAuthStoreSupport
import GRDB
public import SessionTokens

public import struct Foundation.Date

/// A `RefreshTokenStore` (SessionTokens) in a ``SQLiteDatabase``: table `refresh_tokens`, one row per
/// token of a family (used or not), keyed by the token's 32-byte digest, indexed by family and expiry.
///
/// How each requirement stays atomic across connections and processes sharing the file:
/// - `insert` is one `INSERT`; the primary key on the digest refuses a duplicate (`.duplicate`).
/// - `rotate` is one `BEGIN IMMEDIATE` transaction, so SQLite's write lock is held from its first
///   statement: `UPDATE refresh_tokens SET used = 1 WHERE digest = ? AND used = 0 RETURNING ...` claims
///   the presented token; the claimant inserts the successor (a copy of the row, unused, under the new
///   digest; a taken digest is a unique violation: rolled back, `.duplicate`). A caller that claimed
///   nothing reads the row under the same lock: absent is `.notFound`; used is reuse, and
///   `DELETE FROM refresh_tokens WHERE family_id = ?` runs in the same transaction. No other writer
///   runs between the claim and the insert or the delete, so of racing callers exactly one rotates, the
///   next detects reuse (and deletes the family), and the others find nothing.
/// - `revokeFamily` is one `DELETE ... WHERE family_id = ?` (with `AND user_id = ?` for the checked form);
///   `purgeExpired` one `DELETE ... WHERE expires_at <= ?`, through its index.
///
/// Family and user ids are `TEXT` under `BINARY` collation: compared byte for byte, never normalized.
/// Digests are looked up through the primary key's index; `TokenDigest` explains why that lookup's
/// timing reveals nothing useful.
///
/// A row that cannot be read back (a wrong type, a `used` other than 0 or 1, invalid UTF-8, an invalid
/// user id) throws ``SQLiteStoreError/corruptedRecord`` from `record` and `rotate` for that token only;
/// a failed rotation is rolled back and changes nothing. Revocation and purge delete damaged rows
/// without reading them.
public final class SQLiteRefreshTokenStore: RefreshTokenStore {
    private let database: SQLiteDatabase

    /// A store over `database`'s `refresh_tokens` table.
    /// - Parameter database: the open database.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// See `RefreshTokenStore.insert(_:digest:)`.
    public func insert(_ record: RefreshTokenRecord, digest: TokenDigest) async throws {
        let arguments: StatementArguments = [
            "digest": digest.sqlValue,
            "family_id": record.familyID.rawValue.sqlText,
            "user_id": record.userID.rawValue.sqlText,
            "security_stamp": record.securityStamp.sqlText,
            "family_created_at": record.familyCreatedAt.timeIntervalSinceReferenceDate,
            "expires_at": record.expiresAt.timeIntervalSinceReferenceDate,
            "used": record.isUsed,
        ]
        do {
            try await database.pool.write { db in
                try db.execute(sql: Self.columns.insert(into: "refresh_tokens"), arguments: arguments)
            }
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw SessionTokenError(.duplicate, "a refresh token with this digest is already stored")
        }
    }

    /// See `RefreshTokenStore.record(digest:)`.
    public func record(digest: TokenDigest) async throws -> RefreshTokenRecord? {
        try await database.pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.columns.select) FROM refresh_tokens WHERE digest = ?",
                arguments: [digest.sqlValue]
            )
            .map(Self.record(from:))
        }
    }

    /// See `RefreshTokenStore.rotate(digest:to:)`; one `BEGIN IMMEDIATE` transaction.
    public func rotate(digest old: TokenDigest, to new: TokenDigest) async throws -> RefreshRotation {
        let returning = Self.columns.select
        return try await database.pool.writeWithoutTransaction { db in
            var rotation = RefreshRotation.notFound
            try db.inTransaction(.immediate) {
                let claimed = try Row.fetchOne(
                    db,
                    sql: "UPDATE refresh_tokens SET used = 1 WHERE digest = ? AND used = 0 RETURNING \(returning)",
                    arguments: [old.sqlValue])
                if let claimed {
                    var successor = try Self.record(from: claimed)
                    successor.isUsed = false
                    do {
                        // The successor is the presented row copied as stored, byte for byte.
                        try db.execute(
                            sql: """
                                INSERT INTO refresh_tokens
                                    (digest, family_id, user_id, security_stamp, family_created_at, expires_at, used)
                                SELECT ?, family_id, user_id, security_stamp, family_created_at, expires_at, 0
                                FROM refresh_tokens WHERE digest = ?
                                """,
                            arguments: [new.sqlValue, old.sqlValue])
                    } catch let error as DatabaseError where error.isUniqueViolation {
                        throw SessionTokenError(.duplicate, "the successor's digest is already stored")
                    }
                    rotation = .rotated(successor)
                    return .commit
                }
                guard
                    let row = try Row.fetchOne(
                        db,
                        sql: "SELECT CAST(family_id AS BLOB) AS family_id, used FROM refresh_tokens WHERE digest = ?",
                        arguments: [old.sqlValue])
                else { return .commit }
                let reader = RowReader(row, record: "refresh_tokens row of family \(Self.familyName(row))")
                guard try reader.bool("used") else {
                    // Present, unused, yet the UPDATE under the same lock did not claim it.
                    throw reader.corrupted("used", "is 0 but did not match")
                }
                let familyID = RefreshFamilyID(rawValue: try reader.text("family_id"))
                try db.execute(
                    sql: "DELETE FROM refresh_tokens WHERE family_id = CAST(? AS TEXT)",
                    arguments: [familyID.rawValue.sqlText])
                if db.changesCount > 0 { rotation = .reuseDetected(familyID: familyID) }
                return .commit
            }
            return rotation
        }
    }

    /// See `RefreshTokenStore.revokeFamily(_:)`.
    public func revokeFamily(_ familyID: RefreshFamilyID) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM refresh_tokens WHERE family_id = CAST(? AS TEXT)",
                arguments: [familyID.rawValue.sqlText])
            return db.changesCount
        }
    }

    /// See `RefreshTokenStore.revokeFamily(_:userID:)`; one `DELETE` naming both.
    public func revokeFamily(_ familyID: RefreshFamilyID, userID: UserID) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM refresh_tokens WHERE family_id = CAST(? AS TEXT) AND user_id = CAST(? AS TEXT)",
                arguments: [familyID.rawValue.sqlText, userID.rawValue.sqlText])
            return db.changesCount
        }
    }

    /// See `RefreshTokenStore.purgeExpired(at:)`.
    public func purgeExpired(at date: Date) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM refresh_tokens WHERE expires_at <= ?",
                arguments: [date.timeIntervalSinceReferenceDate])
            return db.changesCount
        }
    }

    private static let columns = ColumnList(
        all: ["digest", "family_id", "user_id", "security_stamp", "family_created_at", "expires_at", "used"],
        text: ["family_id", "user_id", "security_stamp"])

    /// How errors name a row: by its family id (safe to show), never by digest or stamp.
    private static func familyName(_ row: Row) -> String {
        switch row["family_id"].map({ $0.databaseValue.storage }) {
        case .string(let text): "'\(text)'"
        case .blob(let bytes): "'\(String(decoding: bytes, as: UTF8.self))'"
        default: "?"
        }
    }

    private static func record(from row: Row) throws(SQLiteStoreError) -> RefreshTokenRecord {
        try RefreshTokenRecord.stored(RowReader(row, record: "refresh_tokens row of family \(familyName(row))"))
    }
}
