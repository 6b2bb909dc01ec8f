public import AuthCore
import CRMAuthStoreSupport
import PostgresNIO
public import SessionTokens

public import struct Foundation.Date

/// A `RefreshTokenStore` (SessionTokens) in a ``PostgresAuthDatabase``: table `refresh_tokens`, one row
/// per token of a family (used or not), keyed by the token's 32-byte digest, indexed by family and expiry.
///
/// How each requirement stays atomic across every server sharing the database:
/// - `insert` is one `INSERT`; the primary key on the digest refuses a duplicate (`.duplicate`).
/// - `rotate` is one transaction whose first statement claims the presented token:
///   `UPDATE refresh_tokens SET used = TRUE WHERE digest = $1 AND used = FALSE RETURNING ...`. Under
///   `READ COMMITTED` a racing caller's `UPDATE`, on any server, waits for the claimant's row lock, then
///   re-reads the row, finds it used and claims nothing: exactly one caller claims. The claimant copies
///   the row, unused, under the new digest (`INSERT ... SELECT`; a taken digest is a unique violation:
///   the whole transaction rolls back, `.duplicate`). A caller that claimed nothing reads the row
///   `SELECT family_id, used ... FOR UPDATE`, which waits for any transaction holding it: absent is
///   `.notFound`; used is reuse, and `DELETE FROM refresh_tokens WHERE family_id = $1` runs in the same
///   transaction, the successor committed by the claimant included. A later loser's `FOR UPDATE` finds
///   the row deleted and reports `.notFound`, so reuse is detected exactly once. (A row found unused
///   there was inserted after the claim's snapshot; it is locked now, so it is claimed again.)
/// - `revokeFamily` is one `DELETE ... WHERE family_id = $1` (with `AND user_id = $2` for the checked
///   form); `purgeExpired` one `DELETE ... WHERE expires_at <= $1`, through its index.
///
/// Family and user ids are `TEXT COLLATE "C"`: compared byte for byte, never normalized.
///
/// A row that cannot be read back (edited by hand) throws ``PostgresStoreError/corruptedRecord`` from
/// `record` and `rotate` for that token only; a failed rotation is rolled back and changes nothing.
/// Revocation and purge delete damaged rows without reading them. Text holding U+0000 is refused with
/// ``PostgresStoreError/unrepresentable`` before anything is sent.
public final class PostgresRefreshTokenStore: RefreshTokenStore {
    private let database: PostgresAuthDatabase

    /// A store over `database`'s `refresh_tokens` table.
    /// - Parameter database: the open database.
    public init(database: PostgresAuthDatabase) {
        self.database = database
    }

    /// See `RefreshTokenStore.insert(_:digest:)`.
    public func insert(_ record: RefreshTokenRecord, digest: TokenDigest) async throws {
        var arguments = PostgresArguments()
        let values = [
            arguments.bytes(digest.bytes),
            try arguments.text(record.familyID.rawValue, "the family id"),
            try arguments.text(record.userID.rawValue, "the user id"),
            try arguments.text(record.securityStamp, "the security stamp"),
            arguments.date(record.familyCreatedAt),
            arguments.date(record.expiresAt),
            arguments.value(record.isUsed),
        ]
        let sql = "INSERT INTO refresh_tokens (\(Self.select)) VALUES (\(values.joined(separator: ", ")))"
        do {
            try await database.run("insert a refresh token") { [database, query = arguments.query(sql)] in
                try await database.client.query(query, logger: database.logger)
            }
        } catch let error as PostgresStoreError {
            if let server = error.underlying as? PSQLError, server.isUniqueViolation {
                throw SessionTokenError(.duplicate, "a refresh token with this digest is already stored")
            }
            throw error
        }
    }

    /// See `RefreshTokenStore.record(digest:)`.
    public func record(digest: TokenDigest) async throws -> RefreshTokenRecord? {
        var arguments = PostgresArguments()
        let placeholder = arguments.bytes(digest.bytes)
        let sql = "SELECT \(Self.select) FROM refresh_tokens WHERE digest = \(placeholder)"
        return try await database.run("read a refresh token") { [database, query = arguments.query(sql)] in
            for try await row in try await database.client.query(query, logger: database.logger) {
                return try Self.record(from: row)
            }
            return nil
        }
    }

    /// See `RefreshTokenStore.rotate(digest:to:)`; one transaction: claim, then successor or reuse.
    public func rotate(digest old: TokenDigest, to new: TokenDigest) async throws -> RefreshRotation {
        var claimArguments = PostgresArguments()
        let claimed = claimArguments.bytes(old.bytes)
        let claim = claimArguments.query(
            "UPDATE refresh_tokens SET used = TRUE WHERE digest = \(claimed) AND used = FALSE RETURNING \(Self.select)")
        var successorArguments = PostgresArguments()
        let newPlaceholder = successorArguments.bytes(new.bytes)
        let oldPlaceholder = successorArguments.bytes(old.bytes)
        // The successor is the presented row copied as stored, byte for byte, unused.
        let successor = successorArguments.query(
            """
            INSERT INTO refresh_tokens (\(Self.select))
            SELECT \(newPlaceholder), family_id, user_id, security_stamp, family_created_at, expires_at, FALSE
            FROM refresh_tokens WHERE digest = \(oldPlaceholder)
            """)
        var inspectArguments = PostgresArguments()
        let inspected = inspectArguments.bytes(old.bytes)
        let inspect = inspectArguments.query(
            "SELECT family_id, used FROM refresh_tokens WHERE digest = \(inspected) FOR UPDATE")
        do {
            return try await database.run("rotate a refresh token") { [database] in
                try await database.client.withTransaction(logger: database.logger) { connection in
                    func claimAndSucceed() async throws -> RefreshRotation? {
                        guard let row = try await connection.query(claim, logger: database.logger).collect().first
                        else { return nil }
                        var record = try Self.record(from: row)
                        try await connection.query(successor, logger: database.logger)
                        record.isUsed = false
                        return .rotated(record)
                    }
                    if let rotated = try await claimAndSucceed() { return rotated }
                    guard let row = try await connection.query(inspect, logger: database.logger).collect().first
                    else { return RefreshRotation.notFound }
                    let reader = PostgresRowReader(row, record: Self.name(of: row))
                    guard try reader.bool("used") else {
                        // Inserted after the claim's snapshot, and locked by this transaction now.
                        return try await claimAndSucceed() ?? .notFound
                    }
                    let familyID = RefreshFamilyID(rawValue: try reader.text("family_id"))
                    var revokeArguments = PostgresArguments()
                    let family = try revokeArguments.text(familyID.rawValue, "the family id")
                    let revoke = revokeArguments.query(
                        Self.counting("DELETE FROM refresh_tokens WHERE family_id = \(family)"))
                    var removed: Int64 = 0
                    for try await count in try await connection.query(revoke, logger: database.logger)
                        .decode(Int64.self)
                    {
                        removed = count
                    }
                    return removed > 0 ? .reuseDetected(familyID: familyID) : .notFound
                }
            }
        } catch let error as PostgresStoreError {
            if let server = error.underlying as? PSQLError, server.isUniqueViolation {
                throw SessionTokenError(.duplicate, "the successor's digest is already stored")
            }
            throw error
        }
    }

    /// See `RefreshTokenStore.revokeFamily(_:)`; one `DELETE`.
    public func revokeFamily(_ familyID: RefreshFamilyID) async throws -> Int {
        var arguments = PostgresArguments()
        let family = try arguments.text(familyID.rawValue, "the family id")
        let sql = Self.counting("DELETE FROM refresh_tokens WHERE family_id = \(family)")
        return try await count("revoke a refresh-token family", arguments.query(sql))
    }

    /// See `RefreshTokenStore.revokeFamily(_:userID:)`; one `DELETE` naming both.
    public func revokeFamily(_ familyID: RefreshFamilyID, userID: UserID) async throws -> Int {
        var arguments = PostgresArguments()
        let family = try arguments.text(familyID.rawValue, "the family id")
        let user = try arguments.text(userID.rawValue, "the user id")
        let sql = Self.counting("DELETE FROM refresh_tokens WHERE family_id = \(family) AND user_id = \(user)")
        return try await count("revoke a user's refresh-token family", arguments.query(sql))
    }

    /// See `RefreshTokenStore.purgeExpired(at:)`; one `DELETE`.
    public func purgeExpired(at date: Date) async throws -> Int {
        var arguments = PostgresArguments()
        let at = arguments.date(date)
        let sql = Self.counting("DELETE FROM refresh_tokens WHERE expires_at <= \(at)")
        return try await count("purge expired refresh tokens", arguments.query(sql))
    }

    private static let select = "digest, family_id, user_id, security_stamp, family_created_at, expires_at, used"

    /// `statement` (a `DELETE`) as one query answering how many rows it removed.
    private static func counting(_ statement: String) -> String {
        "WITH removed AS (\(statement) RETURNING 1) SELECT count(*) FROM removed"
    }

    private func count(_ what: String, _ query: PostgresQuery) async throws -> Int {
        try await database.run(what) { [database] in
            for try await count in try await database.client.query(query, logger: database.logger).decode(Int64.self) {
                return Int(count)
            }
            return 0
        }
    }

    /// How errors name a row: by its family id (safe to show), never by digest or stamp.
    private static func name(of row: PostgresRow) -> String {
        recordName("refresh_tokens", row, column: "family_id")
    }

    private static func record(from row: PostgresRow) throws(PostgresStoreError) -> RefreshTokenRecord {
        try RefreshTokenRecord.stored(PostgresRowReader(row, record: name(of: row)))
    }
}
