public import AuthCore
import CRMAuthStoreSupport
import GRDB
public import LoginFlow

public import struct Foundation.Date

/// A `UserStore` (LoginFlow) in a ``SQLiteDatabase``: table `users`.
///
/// Every requirement is one statement, so each is atomic across processes sharing the file:
/// - `insert` is one `INSERT`; the primary key on `id` and the unique indexes on `email_key` and
///   `username_key` (NULLs distinct, so users without a username coexist) refuse a taken id or
///   identifier, and which index refused it is the answer (`.duplicate` or `.identifierTaken`).
/// - `update` is one `UPDATE users SET ..., version = version + 1 WHERE id = ? AND version = ?
///   RETURNING *`: no row back means absent or stale; a unique violation means an identifier is taken.
/// - `recordLogin` is one `UPDATE users SET last_login_at = MAX(COALESCE(last_login_at, ?), ?)`.
/// - Paging is `WHERE id > ? ORDER BY id LIMIT ?` under the `BINARY` collation: UTF-8 byte order.
///
/// A row that cannot be read back (edited by hand, damaged) throws ``SQLiteStoreError/corruptedRecord``
/// for that user; other users still read.
public final class SQLiteUserStore: UserStore {
    private let database: SQLiteDatabase

    /// A store over `database`'s `users` table.
    /// - Parameter database: the open database.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// See `UserStore.insert(_:)`.
    public func insert(_ user: User) async throws -> User {
        let arguments = Self.arguments(user, version: 1)
        do {
            return try await database.pool.write { db in
                try db.execute(sql: Self.columns.insert(into: "users"), arguments: arguments)
                var stored = user
                stored.version = 1
                return stored
            }
        } catch let error as DatabaseError where error.isUniqueViolation {
            if error.violates("users", "id") {
                throw LoginFlowError(.duplicate, "a user with this id exists", underlying: error)
            }
            throw LoginFlowError(.identifierTaken, "the email address or username is held by another user")
        }
    }

    /// See `UserStore.user(id:)`.
    ///
    /// Every authenticated request reads the account's security stamp through this lookup, so, as
    /// `SQLiteSessionStore.session(digest:)`, it is one cached prepared statement on a lookup connection
    /// on the calling thread (``SQLiteDatabase`` `readNow`): no queue hop, no explicit transaction.
    public func user(id: UserID) async throws -> User? {
        try await database.readNow { db in
            try Row.fetchOne(try db.cachedStatement(sql: Self.selectByID), arguments: [id.rawValue.sqlText])
                .map(Self.user(from:))
        }
    }

    /// See `UserStore.user(identifier:)`; one cached statement on the calling thread, as ``user(id:)``.
    public func user(identifier: LoginIdentifier) async throws -> User? {
        let sql = identifier.kind == .email ? Self.selectByEmail : Self.selectByUsername
        return try await database.readNow { db in
            try Row.fetchOne(try db.cachedStatement(sql: sql), arguments: [identifier.key.sqlText])
                .map(Self.user(from:))
        }
    }

    private static let selectByID = "SELECT \(columns.select) FROM users WHERE id = CAST(? AS TEXT)"
    private static let selectByEmail = "SELECT \(columns.select) FROM users WHERE email_key = CAST(? AS TEXT)"
    private static let selectByUsername = "SELECT \(columns.select) FROM users WHERE username_key = CAST(? AS TEXT)"

    /// See `UserStore.update(_:expectedVersion:)`.
    public func update(_ user: User, expectedVersion: UInt64) async throws -> User? {
        guard let expected = Int64(exactly: expectedVersion), expected < Int64.max else { return nil }
        let arguments = Self.arguments(user, version: expected + 1) + ["expected": expected]
        let assignments = Self.columns.assignments(excluding: ["id"])
        do {
            return try await database.pool.write { db in
                try Row.fetchOne(
                    db,
                    sql: """
                        UPDATE users SET \(assignments) WHERE id = CAST(:id AS TEXT) AND version = :expected
                        RETURNING \(Self.columns.select)
                        """,
                    arguments: arguments
                ).map(Self.user(from:))
            }
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw LoginFlowError(.identifierTaken, "the email address or username is held by another user")
        }
    }

    /// See `UserStore.recordLogin(id:at:)`.
    public func recordLogin(id: UserID, at date: Date) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    UPDATE users SET last_login_at = MAX(COALESCE(last_login_at, :at), :at)
                    WHERE id = CAST(:id AS TEXT)
                    """,
                arguments: ["id": id.rawValue.sqlText, "at": date.timeIntervalSinceReferenceDate])
            return db.changesCount > 0
        }
    }

    /// See `UserStore.users(after:limit:)`.
    public func users(after cursor: UserID?, limit: Int) async throws -> [User] {
        guard limit > 0 else { return [] }
        return try await database.pool.read { db in
            let rows =
                if let cursor {
                    try Row.fetchAll(
                        db,
                        sql: "SELECT \(Self.columns.select) FROM users WHERE id > CAST(? AS TEXT) ORDER BY id LIMIT ?",
                        arguments: [cursor.rawValue.sqlText, limit])
                } else {
                    try Row.fetchAll(
                        db, sql: "SELECT \(Self.columns.select) FROM users ORDER BY id LIMIT ?", arguments: [limit])
                }
            return try rows.map(Self.user(from:))
        }
    }

    private static let columns = ColumnList(
        all: [
            "id", "email_text", "email_key", "username_text", "username_key", "display_name", "status",
            "home_tenant", "password_hash", "password_changed_at", "password_change_required", "security_stamp",
            "mfa", "external_identities", "created_at", "last_login_at", "version",
        ],
        text: [
            "id", "email_text", "email_key", "username_text", "username_key", "display_name", "status",
            "home_tenant", "password_hash", "security_stamp", "mfa", "external_identities",
        ])

    private static func arguments(_ user: User, version: Int64) -> StatementArguments {
        let identities = try? JSONText.encode(user.externalIdentities)
        return [
            "id": user.id.rawValue.sqlText,
            "email_text": user.email.text.sqlText,
            "email_key": user.email.key.sqlText,
            "username_text": user.username?.text.sqlText,
            "username_key": user.username?.key.sqlText,
            "display_name": user.displayName.sqlText,
            "status": user.status.rawValue.sqlText,
            "home_tenant": user.homeTenant?.rawValue.sqlText,
            "password_hash": user.passwordHash.sqlText,
            "password_changed_at": user.passwordChangedAt?.timeIntervalSinceReferenceDate,
            "password_change_required": user.passwordChangeRequired,
            "security_stamp": user.securityStamp.sqlText,
            "mfa": user.mfa.rawValue.sqlText,
            "external_identities": (identities ?? "[]").sqlText,
            "created_at": user.createdAt.timeIntervalSinceReferenceDate,
            "last_login_at": user.lastLoginAt?.timeIntervalSinceReferenceDate,
            "version": version,
        ]
    }

    private static func user(from row: Row) throws(SQLiteStoreError) -> User {
        try User.stored(RowReader(row, record: recordName("users", row)))
    }
}
