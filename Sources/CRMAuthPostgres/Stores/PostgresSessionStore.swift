public import AuthCore
import CRMAuthStoreSupport
import PostgresNIO
public import SessionTokens

public import struct Foundation.Date

/// A `SessionStore` (SessionTokens) in a ``PostgresAuthDatabase``: table `sessions`, keyed by the
/// token's 32-byte digest, the session id unique, indexed by user.
///
/// How each atomic requirement stays atomic across every server sharing the database:
/// - `insert` with a limit is one transaction whose first statement is
///   `pg_advisory_xact_lock(hashtextextended('crmauth.sessions:' || user_id, 0))`: every limited insert
///   for one user, from any server, waits for the previous one's commit or rollback before it checks
///   for a duplicate and counts the user's live sessions (each later statement sees what that one
///   committed, under `READ COMMITTED`). The evictions (`DELETE ... WHERE id IN (the oldest live ones)
///   RETURNING id`) and the `INSERT` commit together; a unique violation rolls the evictions back. Two
///   users whose ids hash alike only wait for each other. Without a limit `insert` is one `INSERT`, the
///   primary key on the digest and the unique constraint on the id refusing duplicates (`.duplicate`).
/// - `replace` is one `UPDATE sessions SET digest = new, ... WHERE digest = old`: of racing rotations
///   the first takes the row lock, the others wait, then re-check the `WHERE` and match nothing. A
///   taken new digest or session id is a unique violation (`.duplicate`).
/// - `touch` is one `UPDATE ... SET last_seen_at = GREATEST(last_seen_at, $1)`; `delete` one
///   `DELETE ... WHERE id = $1 AND user_id = $2`; `deleteAll` and `purgeExpired` one `DELETE` each.
///
/// Expiry is computed in SQL as `LEAST(created_at + absolute_timeout, last_seen_at + idle_timeout)`: the
/// same IEEE additions `Session.expiresAt` does on the same doubles, so the store and the caller agree
/// to the last bit.
///
/// A row that cannot be read back (edited by hand) throws ``PostgresStoreError/corruptedRecord`` for
/// that session; a listing of a user's sessions throws if one of them is damaged rather than silently
/// omit it. A limited insert reads only the ids of the sessions it evicts, and `delete`, `deleteAll`
/// and `purgeExpired` remove a damaged row without reading it. Text holding U+0000 is refused with
/// ``PostgresStoreError/unrepresentable`` before anything is sent.
public final class PostgresSessionStore: SessionStore {
    private let database: PostgresAuthDatabase

    /// A store over `database`'s `sessions` table.
    /// - Parameter database: the open database.
    public init(database: PostgresAuthDatabase) {
        self.database = database
    }

    /// See `SessionStore.session(digest:)`; one `SELECT` through the primary key, prepared once per
    /// connection (every authenticated request makes this call).
    public func session(digest: TokenDigest) async throws -> Session? {
        try await database.run("read a session") { [database] in
            let statement = SessionByDigest(digest: digest.bytes)
            for try await row in try await database.client.execute(statement, logger: database.logger) {
                return try Self.session(from: row)
            }
            return nil
        }
    }

    /// The session read of every request, as a statement PostgreSQL parses and plans once per
    /// connection (each pool serves one schema, so the name cannot meet another schema's tables).
    private struct SessionByDigest: PostgresPreparedStatement {
        static let name = "crmauth_session_by_digest"
        static let sql = "SELECT \(PostgresSessionStore.select) FROM sessions WHERE digest = $1"
        let digest: [UInt8]

        func makeBindings() throws -> PostgresBindings {
            var bindings = PostgresBindings()
            bindings.append(ByteBuffer(bytes: digest))
            return bindings
        }

        func decodeRow(_ row: PostgresRow) throws -> PostgresRow { row }
    }

    /// See `SessionStore.insert(_:digest:limit:)`; with a limit, one transaction under the user's
    /// advisory lock.
    public func insert(
        _ session: Session, digest: TokenDigest, limit: ConcurrentSessionLimit?
    ) async throws -> [SessionID] {
        var arguments = PostgresArguments()
        let values = try Self.bind(session, digest: digest, into: &arguments)
        let insert = arguments.query("INSERT INTO sessions (\(Self.select)) VALUES (\(values.joined(separator: ", ")))")
        guard let limit else {
            do {
                try await database.run("insert a session") { [database] in
                    try await database.client.query(insert, logger: database.logger)
                }
            } catch let error as PostgresStoreError {
                throw Self.duplicate(error, session)
            }
            return []
        }
        let queries = try LimitQueries(session, digest: digest)
        let admission: Admission
        do {
            admission = try await database.run("insert a session under a limit") { [database] in
                try await database.client.withTransaction(logger: database.logger) { connection in
                    try await connection.query(queries.lock, logger: database.logger)
                    // Every row of each statement is read before the next one is sent.
                    var taken = false
                    for try await value in try await connection.query(queries.taken, logger: database.logger)
                        .decode(Bool.self)
                    {
                        taken = value
                    }
                    if taken { return Admission.duplicate }
                    var live: Int64 = 0
                    for try await count in try await connection.query(queries.live, logger: database.logger)
                        .decode(Int64.self)
                    {
                        live = count
                    }
                    let excess = live + 1 - Int64(limit.maximum)
                    var evicted: [SessionID] = []
                    if excess > 0 {
                        guard limit.overflow == .evictOldest else { return Admission.limitReached(live) }
                        let rows = try await connection.query(queries.evict(excess), logger: database.logger)
                            .collect()
                        for row in rows {
                            let reader = PostgresRowReader(row, record: recordName("sessions", row))
                            evicted.append(SessionID(rawValue: try reader.text("id")))
                        }
                    }
                    try await connection.query(insert, logger: database.logger)
                    return Admission.stored(evicted)
                }
            }
        } catch let error as PostgresStoreError {
            throw Self.duplicate(error, session)
        }
        switch admission {
        case .stored(let evicted): return evicted
        case .duplicate: throw SessionTokenError(.duplicate, "session \(session.id) or its digest is already stored")
        case .limitReached(let live): throw SessionTokenError(.limitReached, "the user holds \(live) live sessions")
        }
    }

    /// See `SessionStore.touch(digest:lastSeenAt:)`; one `UPDATE` that only moves forward.
    public func touch(digest: TokenDigest, lastSeenAt: Date) async throws -> Bool {
        var arguments = PostgresArguments()
        let at = arguments.date(lastSeenAt)
        let placeholder = arguments.bytes(digest.bytes)
        let sql = """
            UPDATE sessions SET last_seen_at = GREATEST(last_seen_at, \(at)) WHERE digest = \(placeholder) RETURNING 1
            """
        return try await database.run("touch a session") { [database, query = arguments.query(sql)] in
            for try await _ in try await database.client.query(query, logger: database.logger) { return true }
            return false
        }
    }

    /// See `SessionStore.replace(digest:with:session:)`; one `UPDATE` of every column, digest included.
    public func replace(digest old: TokenDigest, with new: TokenDigest, session: Session) async throws -> Bool {
        if old == new {
            // The new digest is the old one: taken if the session exists, else nothing to rotate.
            var arguments = PostgresArguments()
            let placeholder = arguments.bytes(old.bytes)
            let sql = "SELECT 1 FROM sessions WHERE digest = \(placeholder)"
            let exists = try await database.run("read a session") { [database, query = arguments.query(sql)] in
                for try await _ in try await database.client.query(query, logger: database.logger) { return true }
                return false
            }
            guard exists else { return false }
            throw SessionTokenError(.duplicate, "the new digest is already stored")
        }
        var arguments = PostgresArguments()
        let values = try Self.bind(session, digest: new, into: &arguments)
        let assignments = zip(Self.columns, values).map { "\($0) = \($1)" }.joined(separator: ", ")
        let oldPlaceholder = arguments.bytes(old.bytes)
        let sql = "UPDATE sessions SET \(assignments) WHERE digest = \(oldPlaceholder) RETURNING 1"
        do {
            return try await database.run("rotate a session") { [database, query = arguments.query(sql)] in
                for try await _ in try await database.client.query(query, logger: database.logger) { return true }
                return false
            }
        } catch let error as PostgresStoreError {
            throw Self.duplicate(error, session)
        }
    }

    /// See `SessionStore.delete(id:userID:)`; one `DELETE` naming both.
    public func delete(id: SessionID, userID: UserID) async throws -> Bool {
        var arguments = PostgresArguments()
        let idPlaceholder = try arguments.text(id.rawValue, "the session id")
        let user = try arguments.text(userID.rawValue, "the user id")
        let sql = "DELETE FROM sessions WHERE id = \(idPlaceholder) AND user_id = \(user) RETURNING 1"
        return try await database.run("delete a session") { [database, query = arguments.query(sql)] in
            for try await _ in try await database.client.query(query, logger: database.logger) { return true }
            return false
        }
    }

    /// See `SessionStore.deleteAll(userID:except:)`; one `DELETE`.
    public func deleteAll(userID: UserID, except kept: SessionID?) async throws -> Int {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        var condition = "user_id = \(user)"
        if let kept {
            condition += " AND id <> \(try arguments.text(kept.rawValue, "the kept session id"))"
        }
        return try await count(
            "delete a user's sessions", arguments.query(Self.counting("DELETE FROM sessions WHERE \(condition)")))
    }

    /// See `SessionStore.sessions(userID:)`.
    public func sessions(userID: UserID) async throws -> [Session] {
        var arguments = PostgresArguments()
        let user = try arguments.text(userID.rawValue, "the user id")
        let sql = "SELECT \(Self.select) FROM sessions WHERE user_id = \(user)"
        return try await database.run("list a user's sessions") { [database, query = arguments.query(sql)] in
            var sessions: [Session] = []
            for try await row in try await database.client.query(query, logger: database.logger) {
                sessions.append(try Self.session(from: row))
            }
            return sessions
        }
    }

    /// See `SessionStore.purgeExpired(at:)`; one `DELETE`.
    public func purgeExpired(at date: Date) async throws -> Int {
        var arguments = PostgresArguments()
        let at = arguments.date(date)
        let sql = Self.counting("DELETE FROM sessions WHERE \(Self.expiry) <= \(at)")
        return try await count("purge expired sessions", arguments.query(sql))
    }

    /// What a limited insert's transaction decided.
    private enum Admission: Sendable {
        case stored([SessionID])
        case duplicate
        case limitReached(Int64)
    }

    /// The statements of a limited insert, bound before the transaction starts.
    private struct LimitQueries: Sendable {
        let lock: PostgresQuery
        let taken: PostgresQuery
        let live: PostgresQuery
        private let user: String
        private let now: Double

        init(_ session: Session, digest: TokenDigest) throws(PostgresStoreError) {
            user = session.userID.rawValue
            now = session.createdAt.timeIntervalSinceReferenceDate
            var lockArguments = PostgresArguments()
            let lockUser = try lockArguments.text(user, "the user id")
            lock = lockArguments.query(
                "SELECT pg_advisory_xact_lock(hashtextextended(('crmauth.sessions:' || \(lockUser)) COLLATE \"C\", 0))")
            var takenArguments = PostgresArguments()
            let digestPlaceholder = takenArguments.bytes(digest.bytes)
            let idPlaceholder = try takenArguments.text(session.id.rawValue, "the session id")
            taken = takenArguments.query(
                "SELECT EXISTS (SELECT 1 FROM sessions WHERE digest = \(digestPlaceholder) OR id = \(idPlaceholder))")
            var liveArguments = PostgresArguments()
            let condition = try Self.liveCondition(&liveArguments, user: user, now: now)
            live = liveArguments.query("SELECT count(*) FROM sessions WHERE \(condition)")
        }

        /// Deletes the `count` oldest live sessions of the user (by creation) and returns their ids.
        func evict(_ count: Int64) throws(PostgresStoreError) -> PostgresQuery {
            var arguments = PostgresArguments()
            let condition = try Self.liveCondition(&arguments, user: user, now: now)
            let limit = arguments.value(count)
            return arguments.query(
                """
                DELETE FROM sessions WHERE id IN (
                    SELECT id FROM sessions WHERE \(condition) ORDER BY created_at, id LIMIT \(limit))
                RETURNING id
                """)
        }

        private static func liveCondition(
            _ arguments: inout PostgresArguments, user: String, now: Double
        ) throws(PostgresStoreError) -> String {
            let userPlaceholder = try arguments.text(user, "the user id")
            return "user_id = \(userPlaceholder) AND \(PostgresSessionStore.expiry) > \(arguments.value(now))"
        }
    }

    /// A session's expiry instant, in SQL: the additions `Session.expiresAt` makes.
    private static let expiry = "LEAST(created_at + absolute_timeout, last_seen_at + idle_timeout)"

    private static let columns = [
        "digest", "id", "user_id", "tenant_id", "created_at", "last_seen_at", "idle_timeout", "absolute_timeout",
        "authentication_level", "user_agent", "address", "device_label", "security_stamp",
    ]

    private static let select = columns.joined(separator: ", ")

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

    /// `.duplicate` for a unique violation, else `error` itself.
    private static func duplicate(_ error: PostgresStoreError, _ session: Session) -> any Error {
        if let server = error.underlying as? PSQLError, server.isUniqueViolation {
            return SessionTokenError(.duplicate, "the digest or session \(session.id) is already stored")
        }
        return error
    }

    /// Binds every column of `session` under `digest` in ``columns`` order and returns the placeholders.
    private static func bind(
        _ session: Session, digest: TokenDigest, into arguments: inout PostgresArguments
    ) throws(PostgresStoreError) -> [String] {
        [
            arguments.bytes(digest.bytes),
            try arguments.text(session.id.rawValue, "the session id"),
            try arguments.text(session.userID.rawValue, "the user id"),
            try arguments.optionalText(session.tenantID?.rawValue, "the tenant id"),
            arguments.date(session.createdAt),
            arguments.date(session.lastSeenAt),
            arguments.value(session.idleTimeout),
            arguments.value(session.absoluteTimeout),
            try arguments.text(session.authenticationLevel.rawValue, "the authentication level"),
            try arguments.optionalText(session.client.userAgent, "the user agent"),
            try arguments.optionalText(session.client.address, "the client address"),
            try arguments.optionalText(session.client.deviceLabel, "the device label"),
            try arguments.text(session.securityStamp, "the security stamp"),
        ]
    }

    private static func session(from row: PostgresRow) throws(PostgresStoreError) -> Session {
        try Session.stored(PostgresRowReader(row, record: recordName("sessions", row)))
    }
}
