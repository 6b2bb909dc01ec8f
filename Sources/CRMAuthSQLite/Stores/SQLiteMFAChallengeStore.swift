import AuthCore
import CRMAuthStoreSupport
import GRDB
public import LoginFlow
public import SessionTokens

public import struct Foundation.Date

/// An `MFAChallengeStore` (LoginFlow) in a ``SQLiteDatabase``: table `mfa_challenges`, keyed by the
/// challenge token's 32-byte SHA-256 digest (never the token); the methods as a JSON array of their names.
///
/// How each atomic requirement stays atomic across processes sharing the file:
/// - `insert` is one `INSERT`; the primary key on the digest refuses a duplicate (`.duplicate`).
/// - `recordFailure` is one `BEGIN IMMEDIATE` transaction of two statements:
///   `UPDATE mfa_challenges SET failures = failures + 1 WHERE digest = ? RETURNING *`, then
///   `DELETE ... WHERE digest = ? AND failures >= ?`. The write lock is held from the `UPDATE` to the
///   commit, so concurrent wrong answers are each counted once and the one reaching the maximum removes
///   the challenge: with 64 racers on a challenge allowing 5, exactly 5 are counted and the rest get `nil`.
/// - `consume` is one `DELETE ... WHERE digest = ? RETURNING *`: of concurrent callers exactly one gets it.
/// - `purgeExpired` is one `DELETE ... WHERE expires_at <= ?`, through an index on `expires_at`.
///
/// A row that cannot be read back throws ``SQLiteStoreError/corruptedRecord`` from `challenge`,
/// `recordFailure` and `consume` of that digest; the statement's change is rolled back with the error,
/// so the damaged row stays (every answer to it fails the same way, which is no login) until
/// `purgeExpired` removes it. Other challenges are unaffected.
public final class SQLiteMFAChallengeStore: MFAChallengeStore {
    private let database: SQLiteDatabase

    /// A store over `database`'s `mfa_challenges` table.
    /// - Parameter database: the open database.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// See `MFAChallengeStore.insert(_:digest:)`.
    public func insert(_ challenge: MFAChallenge, digest: TokenDigest) async throws {
        let methods = try JSONText.encode(challenge.methods.map(\.rawValue))
        let arguments: StatementArguments = [
            "digest": digest.sqlValue,
            "user_id": challenge.userID.rawValue.sqlText,
            "tenant_id": challenge.tenantID?.rawValue.sqlText,
            "methods": methods.sqlText,
            "security_stamp": challenge.securityStamp.sqlText,
            "created_at": challenge.createdAt.timeIntervalSinceReferenceDate,
            "expires_at": challenge.expiresAt.timeIntervalSinceReferenceDate,
            "failures": Int64(challenge.failures),
        ]
        do {
            try await database.pool.write { db in
                try db.execute(sql: Self.columns.insert(into: "mfa_challenges"), arguments: arguments)
            }
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw LoginFlowError(.duplicate, "digest already stored")
        }
    }

    /// See `MFAChallengeStore.challenge(digest:)`.
    public func challenge(digest: TokenDigest) async throws -> MFAChallenge? {
        try await database.pool.read { db in
            try Row.fetchOne(
                db, sql: "SELECT \(Self.columns.select) FROM mfa_challenges WHERE digest = ?",
                arguments: [digest.sqlValue]
            )
            .map(Self.challenge(from:))
        }
    }

    /// See `MFAChallengeStore.recordFailure(digest:maximumFailures:)`.
    public func recordFailure(digest: TokenDigest, maximumFailures: Int) async throws -> MFAChallenge? {
        try await database.pool.writeWithoutTransaction { db in
            var challenge: MFAChallenge?
            try db.inTransaction(.immediate) {
                challenge = try Row.fetchOne(
                    db,
                    sql:
                        "UPDATE mfa_challenges SET failures = failures + 1 WHERE digest = ? RETURNING \(Self.columns.select)",
                    arguments: [digest.sqlValue]
                )
                .map(Self.challenge(from:))
                // A count that was negative before the increment is as damaged as one read negative.
                if let counted = challenge?.failures, counted < 1 {
                    throw SQLiteStoreError(.corruptedRecord, "mfa_challenges row: column failures was negative")
                }
                if challenge != nil {
                    try db.execute(
                        sql: "DELETE FROM mfa_challenges WHERE digest = ? AND failures >= ?",
                        arguments: [digest.sqlValue, Int64(maximumFailures)])
                }
                return .commit
            }
            return challenge
        }
    }

    /// See `MFAChallengeStore.consume(digest:)`.
    public func consume(digest: TokenDigest) async throws -> MFAChallenge? {
        try await database.pool.write { db in
            try Row.fetchOne(
                db, sql: "DELETE FROM mfa_challenges WHERE digest = ? RETURNING \(Self.columns.select)",
                arguments: [digest.sqlValue]
            )
            .map(Self.challenge(from:))
        }
    }

    /// See `MFAChallengeStore.purgeExpired(at:)`.
    public func purgeExpired(at date: Date) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM mfa_challenges WHERE expires_at <= ?",
                arguments: [date.timeIntervalSinceReferenceDate])
            return db.changesCount
        }
    }

    private static let columns = ColumnList(
        all: ["digest", "user_id", "tenant_id", "methods", "security_stamp", "created_at", "expires_at", "failures"],
        text: ["user_id", "tenant_id", "methods", "security_stamp"])

    private static func challenge(from row: Row) throws(SQLiteStoreError) -> MFAChallenge {
        try MFAChallenge.stored(RowReader(row, record: "mfa_challenges row"))
    }
}
