import AuthCore
import CRMAuthStoreSupport
public import LoginFlow
import PostgresNIO
public import SessionTokens

public import struct Foundation.Date

/// An `MFAChallengeStore` (LoginFlow) in a ``PostgresAuthDatabase``: table `mfa_challenges`, keyed by
/// the challenge token's 32-byte SHA-256 digest (never the token); the methods as a JSON array of their
/// names.
///
/// How each atomic requirement stays atomic across every server sharing the database:
/// - `insert` is one `INSERT`; the primary key on the digest refuses a duplicate (`.duplicate`).
/// - `recordFailure` is one transaction of two statements:
///   `UPDATE mfa_challenges SET failures = failures + 1 WHERE digest = $1 RETURNING ...`, then
///   `DELETE ... WHERE digest = $1 AND failures >= $2`. The `UPDATE` takes the row lock and holds it to
///   the commit: a racing wrong answer, on any server, waits, then re-reads the row (counted once more)
///   or finds it deleted (`nil`). So each wrong answer is counted once and the one reaching the maximum
///   removes the challenge: with 64 racers on a challenge allowing 5, exactly 5 are counted.
/// - `consume` is one `DELETE ... WHERE digest = $1 RETURNING ...` (in a transaction, so that a row that
///   cannot be read back is not consumed): of concurrent callers exactly one gets it, and it waits for a
///   failure being counted, whose count it then returns.
/// - `purgeExpired` is one `DELETE ... WHERE expires_at <= $1`, through an index on `expires_at`.
///
/// A row that cannot be read back (edited by hand) throws ``PostgresStoreError/corruptedRecord`` from
/// `challenge`, `recordFailure` and `consume` of that digest; the statement's change is rolled back with
/// the error, so the damaged row stays (every answer to it fails the same way, which is no login) until
/// `purgeExpired` removes it. Other challenges are unaffected. Text holding U+0000 is refused with
/// ``PostgresStoreError/unrepresentable`` before anything is sent.
public final class PostgresMFAChallengeStore: MFAChallengeStore {
    private let database: PostgresAuthDatabase

    /// A store over `database`'s `mfa_challenges` table.
    /// - Parameter database: the open database.
    public init(database: PostgresAuthDatabase) {
        self.database = database
    }

    /// See `MFAChallengeStore.insert(_:digest:)`.
    public func insert(_ challenge: MFAChallenge, digest: TokenDigest) async throws {
        let methods = try JSONText.encode(challenge.methods.map(\.rawValue))
        var arguments = PostgresArguments()
        let values = [
            arguments.bytes(digest.bytes),
            try arguments.text(challenge.userID.rawValue, "the user id"),
            try arguments.optionalText(challenge.tenantID?.rawValue, "the tenant id"),
            try arguments.text(methods, "the methods"),
            try arguments.text(challenge.securityStamp, "the security stamp"),
            arguments.date(challenge.createdAt),
            arguments.date(challenge.expiresAt),
            arguments.value(Int64(challenge.failures)),
        ]
        let sql = "INSERT INTO mfa_challenges (\(Self.select)) VALUES (\(values.joined(separator: ", ")))"
        do {
            try await database.run("insert an MFA challenge") { [database, query = arguments.query(sql)] in
                try await database.client.query(query, logger: database.logger)
            }
        } catch let error as PostgresStoreError {
            if let server = error.underlying as? PSQLError, server.isUniqueViolation {
                throw LoginFlowError(.duplicate, "digest already stored")
            }
            throw error
        }
    }

    /// See `MFAChallengeStore.challenge(digest:)`.
    public func challenge(digest: TokenDigest) async throws -> MFAChallenge? {
        var arguments = PostgresArguments()
        let placeholder = arguments.bytes(digest.bytes)
        let sql = "SELECT \(Self.select) FROM mfa_challenges WHERE digest = \(placeholder)"
        return try await database.run("read an MFA challenge") { [database, query = arguments.query(sql)] in
            for try await row in try await database.client.query(query, logger: database.logger) {
                return try Self.challenge(from: row)
            }
            return nil
        }
    }

    /// See `MFAChallengeStore.recordFailure(digest:maximumFailures:)`; one transaction holding the row lock.
    public func recordFailure(digest: TokenDigest, maximumFailures: Int) async throws -> MFAChallenge? {
        var countArguments = PostgresArguments()
        let counted = countArguments.bytes(digest.bytes)
        let count = countArguments.query(
            "UPDATE mfa_challenges SET failures = failures + 1 WHERE digest = \(counted) RETURNING \(Self.select)")
        var removeArguments = PostgresArguments()
        let removed = removeArguments.bytes(digest.bytes)
        let maximum = removeArguments.value(Int64(maximumFailures))
        let remove = removeArguments.query(
            "DELETE FROM mfa_challenges WHERE digest = \(removed) AND failures >= \(maximum)")
        return try await database.run("count a wrong MFA answer") { [database] in
            try await database.client.withTransaction(logger: database.logger) { connection in
                guard let row = try await connection.query(count, logger: database.logger).collect().first else {
                    return nil
                }
                let challenge = try Self.challenge(from: row)
                // A count that was negative before the increment is as damaged as one read negative.
                guard challenge.failures >= 1 else {
                    throw PostgresStoreError(.corruptedRecord, "mfa_challenges row: column failures was negative")
                }
                try await connection.query(remove, logger: database.logger)
                return challenge
            }
        }
    }

    /// See `MFAChallengeStore.consume(digest:)`; one `DELETE ... RETURNING`.
    public func consume(digest: TokenDigest) async throws -> MFAChallenge? {
        var arguments = PostgresArguments()
        let placeholder = arguments.bytes(digest.bytes)
        let query = arguments.query("DELETE FROM mfa_challenges WHERE digest = \(placeholder) RETURNING \(Self.select)")
        return try await database.run("consume an MFA challenge") { [database] in
            try await database.client.withTransaction(logger: database.logger) { connection in
                guard let row = try await connection.query(query, logger: database.logger).collect().first else {
                    return nil
                }
                return try Self.challenge(from: row)
            }
        }
    }

    /// See `MFAChallengeStore.purgeExpired(at:)`; one `DELETE`.
    public func purgeExpired(at date: Date) async throws -> Int {
        var arguments = PostgresArguments()
        let at = arguments.date(date)
        let sql = """
            WITH removed AS (DELETE FROM mfa_challenges WHERE expires_at <= \(at) RETURNING 1)
            SELECT count(*) FROM removed
            """
        return try await database.run("purge expired MFA challenges") { [database, query = arguments.query(sql)] in
            for try await count in try await database.client.query(query, logger: database.logger).decode(Int64.self) {
                return Int(count)
            }
            return 0
        }
    }

    private static let select = "digest, user_id, tenant_id, methods, security_stamp, created_at, expires_at, failures"

    private static func challenge(from row: PostgresRow) throws(PostgresStoreError) -> MFAChallenge {
        try MFAChallenge.stored(PostgresRowReader(row, record: "mfa_challenges row"))
    }
}
