public import AuthCore
import CRMAuthStoreSupport
import GRDB
public import SessionTokens

public import struct Foundation.Date

/// A `SessionStore` (SessionTokens) in a ``SQLiteDatabase``: table `sessions`, keyed by the token's
/// 32-byte digest, the session id unique, indexed by user.
///
/// How each atomic requirement stays atomic across processes sharing the file:
/// - `insert` with a limit runs in one `BEGIN IMMEDIATE` transaction: SQLite's write lock is taken
///   before the duplicate check and the count of the user's live sessions, so no other connection or
///   process can insert between the count and the insert; eviction and insert commit together, and a
///   thrown error rolls both back. Without a limit it is one `INSERT`, the primary key on the digest
///   and the unique index on the id refusing duplicates.
/// - `replace` is one `UPDATE sessions SET digest = new, ... WHERE digest = old`; a taken new digest
///   or session id is a unique violation (`.duplicate`), and no row changed means `false`.
/// - `touch` is one `UPDATE ... SET last_seen_at = MAX(last_seen_at, ?)`; `delete` one
///   `DELETE ... WHERE id = ? AND user_id = ?`; `deleteAll` and `purgeExpired` one `DELETE` each.
///
/// Expiry is computed in SQL as `MIN(created_at + absolute_timeout, last_seen_at + idle_timeout)`, the
/// same IEEE additions `Session.expiresAt` does, so the store and the caller agree to the last bit.
///
/// A row that cannot be read back throws ``SQLiteStoreError/corruptedRecord`` for that session; a
/// listing of a user's sessions throws if one of them is corrupted, rather than silently omit it.
public final class SQLiteSessionStore: SessionStore {
    private let database: SQLiteDatabase

    /// A store over `database`'s `sessions` table.
    /// - Parameter database: the open database.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// See `SessionStore.session(digest:)`.
    ///
    /// Every authenticated request runs this lookup, so it is one cached prepared statement run on a
    /// lookup connection on the calling thread (``SQLiteDatabase`` `readNow`): no queue hop, no
    /// explicit transaction, no statement compiled per call (Documentation/Performance.md has the
    /// figures).
    public func session(digest: TokenDigest) async throws -> Session? {
        try await database.readNow { db in
            try Row.fetchOne(try db.cachedStatement(sql: Self.selectByDigest), arguments: [digest.sqlValue])
                .map(Self.session(from:))
        }
    }

    private static let selectByDigest = "SELECT \(columns.select) FROM sessions WHERE digest = ?"

    /// See `SessionStore.insert(_:digest:limit:)`.
    public func insert(
        _ session: Session, digest: TokenDigest, limit: ConcurrentSessionLimit?
    ) async throws -> [SessionID] {
        let arguments = Self.arguments(session, digest: digest)
        guard let limit else {
            do {
                try await database.pool.write { db in try Self.insertRow(db, arguments) }
            } catch let error as DatabaseError where error.isUniqueViolation {
                throw SessionTokenError(.duplicate, "session \(session.id) or its digest is already stored")
            }
            return []
        }
        let now = session.createdAt.timeIntervalSinceReferenceDate
        // The transaction kind is named rather than left to GRDB's default (IMMEDIATE for a pool's
        // writer too): the write lock must be held before the count.
        return try await database.pool.writeWithoutTransaction { db in
            var evicted: [SessionID] = []
            try db.inTransaction(.immediate) {
                let taken = try Bool.fetchOne(
                    db, sql: "SELECT EXISTS (SELECT 1 FROM sessions WHERE digest = :digest OR id = CAST(:id AS TEXT))",
                    arguments: arguments)
                if taken == true {
                    throw SessionTokenError(.duplicate, "session \(session.id) or its digest is already stored")
                }
                let live = try Row.fetchAll(
                    db,
                    sql: """
                        SELECT rowid, CAST(id AS BLOB) AS id FROM sessions
                        WHERE user_id = CAST(? AS TEXT)
                            AND MIN(created_at + absolute_timeout, last_seen_at + idle_timeout) > ?
                        ORDER BY created_at
                        """,
                    arguments: [session.userID.rawValue.sqlText, now])
                let excess = live.count + 1 - limit.maximum
                if excess > 0 {
                    guard limit.overflow == .evictOldest else {
                        throw SessionTokenError(.limitReached, "the user holds \(live.count) live sessions")
                    }
                    for row in live.prefix(excess) {
                        let reader = RowReader(row, record: recordName("sessions", row))
                        evicted.append(SessionID(rawValue: try reader.text("id")))
                        try db.execute(sql: "DELETE FROM sessions WHERE rowid = ?", arguments: [row["rowid"]])
                    }
                }
                try Self.insertRow(db, arguments)
                return .commit
            }
            return evicted
        }
    }

    /// See `SessionStore.touch(digest:lastSeenAt:)`.
    public func touch(digest: TokenDigest, lastSeenAt: Date) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(
                sql: "UPDATE sessions SET last_seen_at = MAX(last_seen_at, ?) WHERE digest = ?",
                arguments: [lastSeenAt.timeIntervalSinceReferenceDate, digest.sqlValue])
            return db.changesCount > 0
        }
    }

    /// See `SessionStore.replace(digest:with:session:)`.
    public func replace(digest old: TokenDigest, with new: TokenDigest, session: Session) async throws -> Bool {
        if old == new {
            // The new digest is the old one: taken if the session exists, else nothing to rotate.
            guard try await self.session(digest: old) != nil else { return false }
            throw SessionTokenError(.duplicate, "the new digest is already stored")
        }
        let arguments = Self.arguments(session, digest: new) + ["old": old.sqlValue]
        let assignments = Self.columns.assignments()
        do {
            return try await database.pool.write { db in
                try db.execute(sql: "UPDATE sessions SET \(assignments) WHERE digest = :old", arguments: arguments)
                return db.changesCount > 0
            }
        } catch let error as DatabaseError where error.isUniqueViolation {
            throw SessionTokenError(.duplicate, "the new digest or session \(session.id) is already stored")
        }
    }

    /// See `SessionStore.delete(id:userID:)`.
    public func delete(id: SessionID, userID: UserID) async throws -> Bool {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM sessions WHERE id = CAST(? AS TEXT) AND user_id = CAST(? AS TEXT)",
                arguments: [id.rawValue.sqlText, userID.rawValue.sqlText])
            return db.changesCount > 0
        }
    }

    /// See `SessionStore.deleteAll(userID:except:)`.
    public func deleteAll(userID: UserID, except kept: SessionID?) async throws -> Int {
        try await database.pool.write { db in
            if let kept {
                try db.execute(
                    sql: "DELETE FROM sessions WHERE user_id = CAST(? AS TEXT) AND id <> CAST(? AS TEXT)",
                    arguments: [userID.rawValue.sqlText, kept.rawValue.sqlText])
            } else {
                try db.execute(
                    sql: "DELETE FROM sessions WHERE user_id = CAST(? AS TEXT)", arguments: [userID.rawValue.sqlText])
            }
            return db.changesCount
        }
    }

    /// See `SessionStore.sessions(userID:)`.
    public func sessions(userID: UserID) async throws -> [Session] {
        try await database.pool.read { db in
            try Row.fetchAll(
                db, sql: "SELECT \(Self.columns.select) FROM sessions WHERE user_id = CAST(? AS TEXT)",
                arguments: [userID.rawValue.sqlText]
            )
            .map(Self.session(from:))
        }
    }

    /// See `SessionStore.purgeExpired(at:)`.
    public func purgeExpired(at date: Date) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM sessions WHERE MIN(created_at + absolute_timeout, last_seen_at + idle_timeout) <= ?",
                arguments: [date.timeIntervalSinceReferenceDate])
            return db.changesCount
        }
    }

    private static let columns = ColumnList(
        all: [
            "digest", "id", "user_id", "tenant_id", "created_at", "last_seen_at", "idle_timeout",
            "absolute_timeout", "authentication_level", "user_agent", "address", "device_label", "security_stamp",
        ],
        text: [
            "id", "user_id", "tenant_id", "authentication_level", "user_agent", "address", "device_label",
            "security_stamp",
        ])

    private static func insertRow(_ db: Database, _ arguments: StatementArguments) throws {
        try db.execute(sql: columns.insert(into: "sessions"), arguments: arguments)
    }

    private static func arguments(_ session: Session, digest: TokenDigest) -> StatementArguments {
        [
            "digest": digest.sqlValue,
            "id": session.id.rawValue.sqlText,
            "user_id": session.userID.rawValue.sqlText,
            "tenant_id": session.tenantID?.rawValue.sqlText,
            "created_at": session.createdAt.timeIntervalSinceReferenceDate,
            "last_seen_at": session.lastSeenAt.timeIntervalSinceReferenceDate,
            "idle_timeout": session.idleTimeout,
            "absolute_timeout": session.absoluteTimeout,
            "authentication_level": session.authenticationLevel.rawValue.sqlText,
            "user_agent": session.client.userAgent.sqlText,
            "address": session.client.address.sqlText,
            "device_label": session.client.deviceLabel.sqlText,
            "security_stamp": session.securityStamp.sqlText,
        ]
    }

    private static func session(from row: Row) throws(SQLiteStoreError) -> Session {
        try Session.stored(RowReader(row, record: recordName("sessions", row)))
    }
}
