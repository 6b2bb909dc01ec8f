import AuthCore
import CRMAuthStoreSupport
import GRDB
public import SessionTokens

public import struct Foundation.Date

/// A `OneTimeTokenStore` (SessionTokens) in a ``SQLiteDatabase``: table `one_time_tokens`, keyed by the
/// token's 32-byte digest.
///
/// - `insert` is one `INSERT`; the primary key on the digest refuses a duplicate (`.duplicate`).
/// - `consume` is one `DELETE FROM one_time_tokens WHERE digest = ? AND purpose = ? RETURNING *`: the
///   row is removed and returned by the same statement, so of concurrent callers, in this process or
///   another, exactly one gets it. The purpose name is compared under `BINARY`, byte for byte.
/// - `purgeExpired` is one `DELETE ... WHERE expires_at <= ?`, through an index on `expires_at`.
///
/// A row that cannot be read back throws ``SQLiteStoreError/corruptedRecord`` from `consume`, and the
/// `DELETE` is rolled back with the error (a thrown error leaves nothing changed): the damaged row stays
/// for an operator to inspect, every consume of it fails the same way, and `purgeExpired` removes it in
/// time. Other tokens are unaffected.
public final class SQLiteOneTimeTokenStore: OneTimeTokenStore {
    private let database: SQLiteDatabase

    /// A store over `database`'s `one_time_tokens` table.
    /// - Parameter database: the open database.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// See `OneTimeTokenStore.insert(_:digest:)`.
    public func insert(_ record: OneTimeTokenRecord, digest: TokenDigest) async throws {
        let arguments: StatementArguments = [
            digest.sqlValue, record.userID.rawValue.sqlText, record.purpose.name.sqlText,
            record.purpose.defaultLifetime, record.securityStamp.sqlText,
            record.createdAt.timeIntervalSinceReferenceDate,
            record.expiresAt.timeIntervalSinceReferenceDate,
        ]
        do {
            try await database.pool.write { db in
                try db.execute(
                    sql: """
                        INSERT INTO one_time_tokens
                            (digest, user_id, purpose, purpose_lifetime, security_stamp, created_at, expires_at)
                        VALUES (?, CAST(? AS TEXT), CAST(? AS TEXT), ?, CAST(? AS TEXT), ?, ?)
                        """,
                    arguments: arguments)
            }
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw SessionTokenError(.duplicate, "a one-time token with this digest is already stored")
        }
    }

    /// See `OneTimeTokenStore.consume(digest:purpose:)`.
    public func consume(digest: TokenDigest, purpose: OneTimeTokenPurpose) async throws -> OneTimeTokenRecord? {
        try await database.pool.write { db in
            try Row.fetchOne(
                db,
                sql: """
                    DELETE FROM one_time_tokens WHERE digest = ? AND purpose = CAST(? AS TEXT)
                    RETURNING CAST(user_id AS BLOB) AS user_id, CAST(purpose AS BLOB) AS purpose, purpose_lifetime,
                        CAST(security_stamp AS BLOB) AS security_stamp, created_at, expires_at
                    """,
                arguments: [digest.sqlValue, purpose.name.sqlText]
            ).map(Self.record(from:))
        }
    }

    /// See `OneTimeTokenStore.purgeExpired(at:)`.
    public func purgeExpired(at date: Date) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM one_time_tokens WHERE expires_at <= ?",
                arguments: [date.timeIntervalSinceReferenceDate])
            return db.changesCount
        }
    }

    private static func record(from row: Row) throws(SQLiteStoreError) -> OneTimeTokenRecord {
        try OneTimeTokenRecord.stored(RowReader(row, record: "one_time_tokens row"))
    }
}
