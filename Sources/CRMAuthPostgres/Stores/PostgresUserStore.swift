public import AuthCore
import CRMAuthStoreSupport
public import LoginFlow
import PostgresNIO

public import struct Foundation.Date

/// A `UserStore` (LoginFlow) in a ``PostgresAuthDatabase``: table `users`.
///
/// Every requirement is one statement, atomic across every server sharing the database:
/// - `insert` is one `INSERT`; the primary key on `id` and the unique constraints on `email_key` and
///   `username_key` (NULLs distinct, so users without a username coexist) refuse a taken id or
///   identifier, and the constraint named in the refusal is the answer (`.duplicate` or `.identifierTaken`).
/// - `update` is one `UPDATE users SET ..., version = $n WHERE id = $1 AND version = $expected
///   RETURNING *`: the row lock PostgreSQL takes for the update makes a concurrent updater of the same
///   version wait, then re-check the `WHERE` on the new row and match nothing; no row back means absent
///   or stale.
/// - `recordLogin` is one `UPDATE users SET last_login_at = GREATEST(COALESCE(last_login_at, $2), $2)`.
/// - Paging is `WHERE id > $1 ORDER BY id LIMIT $2` under the `"C"` collation: UTF-8 byte order.
///
/// A row that cannot be read back (edited by hand) throws ``PostgresStoreError/corruptedRecord`` for that
/// user; other users still read. Text holding U+0000 is refused with ``PostgresStoreError/unrepresentable``
/// before anything is sent.
public final class PostgresUserStore: UserStore {
    private let database: PostgresAuthDatabase

    /// A store over `database`'s `users` table.
    /// - Parameter database: the open database.
    public init(database: PostgresAuthDatabase) {
        self.database = database
    }

    /// See `UserStore.insert(_:)`.
    public func insert(_ user: User) async throws -> User {
        var arguments = PostgresArguments()
        let values = try Self.bind(user, version: 1, into: &arguments)
        let sql =
            "INSERT INTO users (\(Self.columns.joined(separator: ", "))) VALUES (\(values.joined(separator: ", ")))"
        do {
            try await database.run("insert a user") { [database, query = arguments.query(sql)] in
                try await database.client.query(query, logger: database.logger)
            }
        } catch let error as PostgresStoreError {
            if let server = error.underlying as? PSQLError, server.isUniqueViolation {
                if server.constraintName == "users_pkey" {
                    throw LoginFlowError(.duplicate, "a user with this id exists")
                }
                throw LoginFlowError(.identifierTaken, "the email address or username is held by another user")
            }
            throw error
        }
        var stored = user
        stored.version = 1
        return stored
    }

    /// See `UserStore.user(id:)`.
    public func user(id: UserID) async throws -> User? {
        // Every authenticated request reads its user (the security stamp): prepared once per connection.
        guard !id.rawValue.utf8.contains(0) else {
            throw PostgresStoreError(.unrepresentable, "the user id holds U+0000, which PostgreSQL text cannot store")
        }
        return try await database.run("read a user") { [database] in
            for try await row in try await database.client.execute(UserByID(id: id.rawValue), logger: database.logger) {
                return try Self.user(from: row)
            }
            return nil
        }
    }

    /// The user read of every request, as a statement PostgreSQL parses and plans once per connection
    /// (each pool serves one schema, so the name cannot meet another schema's tables).
    private struct UserByID: PostgresPreparedStatement {
        static let name = "crmauth_user_by_id"
        static let sql = "SELECT \(PostgresUserStore.select) FROM users WHERE id = $1"
        let id: String

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(id)
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
    }

    /// See `UserStore.user(identifier:)`.
    public func user(identifier: LoginIdentifier) async throws -> User? {
        let column = identifier.kind == .email ? "email_key" : "username_key"
        var arguments = PostgresArguments()
        let placeholder = try arguments.text(identifier.key, "the identifier")
        return try await fetchOne(arguments.query("SELECT \(Self.select) FROM users WHERE \(column) = \(placeholder)"))
    }

    /// See `UserStore.update(_:expectedVersion:)`.
    public func update(_ user: User, expectedVersion: UInt64) async throws -> User? {
        guard let expected = Int64(exactly: expectedVersion), expected < Int64.max else { return nil }
        var arguments = PostgresArguments()
        let values = try Self.bind(user, version: expected + 1, into: &arguments)
        let assignments = zip(Self.columns, values).dropFirst().map { "\($0) = \($1)" }.joined(separator: ", ")
        let expectedPlaceholder = arguments.value(expected)
        let sql = """
            UPDATE users SET \(assignments) WHERE id = \(values[0]) AND version = \(expectedPlaceholder)
            RETURNING \(Self.select)
            """
        do {
            return try await fetchOne(arguments.query(sql))
        } catch let error as PostgresStoreError {
            if let server = error.underlying as? PSQLError, server.isUniqueViolation {
                throw LoginFlowError(.identifierTaken, "the email address or username is held by another user")
            }
            throw error
        }
    }

    /// See `UserStore.recordLogin(id:at:)`.
    public func recordLogin(id: UserID, at date: Date) async throws -> Bool {
        var arguments = PostgresArguments()
        let idPlaceholder = try arguments.text(id.rawValue, "the user id")
        let at = arguments.date(date)
        let sql = """
            UPDATE users SET last_login_at = GREATEST(COALESCE(last_login_at, \(at)), \(at))
            WHERE id = \(idPlaceholder) RETURNING 1
            """
        return try await database.run("record a login") { [database, query = arguments.query(sql)] in
            let rows = try await database.client.query(query, logger: database.logger)
            for try await _ in rows { return true }
            return false
        }
    }

    /// See `UserStore.users(after:limit:)`.
    public func users(after cursor: UserID?, limit: Int) async throws -> [User] {
        guard limit > 0 else { return [] }
        var arguments = PostgresArguments()
        let sql: String
        if let cursor {
            let after = try arguments.text(cursor.rawValue, "the cursor")
            let count = arguments.value(Int64(limit))
            sql = "SELECT \(Self.select) FROM users WHERE id > \(after) ORDER BY id LIMIT \(count)"
        } else {
            let count = arguments.value(Int64(limit))
            sql = "SELECT \(Self.select) FROM users ORDER BY id LIMIT \(count)"
        }
        return try await database.run("list users") { [database, query = arguments.query(sql)] in
            var users: [User] = []
            for try await row in try await database.client.query(query, logger: database.logger) {
                users.append(try Self.user(from: row))
            }
            return users
        }
    }

    private func fetchOne(_ query: PostgresQuery) async throws -> User? {
        try await database.run("read a user") { [database] in
            for try await row in try await database.client.query(query, logger: database.logger) {
                return try Self.user(from: row)
            }
            return nil
        }
    }

    private static let columns = [
        "id", "email_text", "email_key", "username_text", "username_key", "display_name", "status", "home_tenant",
        "password_hash", "password_changed_at", "password_change_required", "security_stamp", "mfa",
        "external_identities", "created_at", "last_login_at", "version",
    ]

    private static let select = columns.joined(separator: ", ")

    /// Binds every column of `user` in ``columns`` order and returns the placeholders.
    private static func bind(
        _ user: User, version: Int64, into arguments: inout PostgresArguments
    ) throws(PostgresStoreError) -> [String] {
        let identities = (try? JSONText.encode(user.externalIdentities)) ?? "[]"
        return [
            try arguments.text(user.id.rawValue, "the user id"),
            try arguments.text(user.email.text, "the email address"),
            try arguments.text(user.email.key, "the email address"),
            try arguments.optionalText(user.username?.text, "the username"),
            try arguments.optionalText(user.username?.key, "the username"),
            try arguments.text(user.displayName, "the display name"),
            try arguments.text(user.status.rawValue, "the status"),
            try arguments.optionalText(user.homeTenant?.rawValue, "the home tenant"),
            try arguments.optionalText(user.passwordHash, "the password hash"),
            arguments.optionalDate(user.passwordChangedAt),
            arguments.value(user.passwordChangeRequired),
            try arguments.text(user.securityStamp, "the security stamp"),
            try arguments.text(user.mfa.rawValue, "the MFA requirement"),
            try arguments.text(identities, "the external identities"),
            arguments.date(user.createdAt),
            arguments.optionalDate(user.lastLoginAt),
            arguments.value(version),
        ]
    }

    private static func user(from row: PostgresRow) throws(PostgresStoreError) -> User {
        try User.stored(PostgresRowReader(row, record: recordName("users", row)))
    }
}
