import AuthCore
import CRMAuthStoreSupport
import PostgresNIO
public import SessionTokens

public import struct Foundation.Date

/// A `OneTimeTokenStore` (SessionTokens) in a ``PostgresAuthDatabase``: table `one_time_tokens`, keyed
/// by the token's 32-byte digest.
///
/// - `insert` is one `INSERT`; the primary key on the digest refuses a duplicate (`.duplicate`).
/// - `consume` is one `DELETE FROM one_time_tokens WHERE digest = $1 AND purpose = $2 RETURNING ...`
///   inside a transaction: the row is removed and returned by the same statement (PostgreSQL locks the
///   row, and a concurrent `DELETE` of it waits, then finds nothing), so of concurrent callers on any
///   server exactly one gets it. The transaction exists only so that a row that cannot be read back
///   is not consumed: the decoding error rolls the `DELETE` back.
/// - `purgeExpired` is one `DELETE ... WHERE expires_at <= $1`, through an index on `expires_at`.
///
/// A damaged row throws ``PostgresStoreError/corruptedRecord`` from `consume` and stays for an operator
/// to inspect; `purgeExpired` removes it in time. Other tokens are unaffected.
public final class PostgresOneTimeTokenStore: OneTimeTokenStore {
    private let database: PostgresAuthDatabase

    /// A store over `database`'s `one_time_tokens` table.
    /// - Parameter database: the open database.
    public init(database: PostgresAuthDatabase) {
        self.database = database
    }

    /// See `OneTimeTokenStore.insert(_:digest:)`.
    public func insert(_ record: OneTimeTokenRecord, digest: TokenDigest) async throws {
        var arguments = PostgresArguments()
        let values = [
            arguments.bytes(digest.bytes),
            try arguments.text(record.userID.rawValue, "the user id"),
            try arguments.text(record.purpose.name, "the purpose"),
            arguments.value(record.purpose.defaultLifetime),
            try arguments.text(record.securityStamp, "the security stamp"),
            arguments.date(record.createdAt),
            arguments.date(record.expiresAt),
        ]
        let sql = """
            INSERT INTO one_time_tokens
                (digest, user_id, purpose, purpose_lifetime, security_stamp, created_at, expires_at)
            VALUES (\(values.joined(separator: ", ")))
            """
        do {
            try await database.run("insert a one-time token") { [database, query = arguments.query(sql)] in
                try await database.client.query(query, logger: database.logger)
            }
        } catch let error as PostgresStoreError {
            if let server = error.underlying as? PSQLError, server.isUniqueViolation {
                throw SessionTokenError(.duplicate, "a one-time token with this digest is already stored")
            }
            throw error
        }
    }

    /// See `OneTimeTokenStore.consume(digest:purpose:)`.
    public func consume(digest: TokenDigest, purpose: OneTimeTokenPurpose) async throws -> OneTimeTokenRecord? {
        var arguments = PostgresArguments()
        let digestPlaceholder = arguments.bytes(digest.bytes)
        let purposePlaceholder = try arguments.text(purpose.name, "the purpose")
        let query = arguments.query(
            """
            DELETE FROM one_time_tokens WHERE digest = \(digestPlaceholder) AND purpose = \(purposePlaceholder)
            RETURNING user_id, purpose, purpose_lifetime, security_stamp, created_at, expires_at
            """)
        return try await database.run("consume a one-time token") { [database] in
            try await database.client.withTransaction(logger: database.logger) { connection in
                for try await row in try await connection.query(query, logger: database.logger) {
                    return try Self.record(from: row)
                }
                return nil
            }
        }
    }

    /// See `OneTimeTokenStore.purgeExpired(at:)`.
    public func purgeExpired(at date: Date) async throws -> Int {
        var arguments = PostgresArguments()
        let at = arguments.date(date)
        return try await database.run("purge expired one-time tokens") {
            [database, query = arguments.query("DELETE FROM one_time_tokens WHERE expires_at <= \(at) RETURNING 1")] in
            var count = 0
            for try await _ in try await database.client.query(
                query,
                logger: database.logger)
            {
                count += 1
            }
            return count
        }
    }

    private static func record(from row: PostgresRow) throws(PostgresStoreError) -> OneTimeTokenRecord {
        try OneTimeTokenRecord.stored(PostgresRowReader(row, record: "one_time_tokens row"))
    }
}
