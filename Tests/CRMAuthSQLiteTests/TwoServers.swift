import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import LoginFlow
import SessionTokens
import Synchronization
import Testing

/// Two `SQLiteDatabase` values opened on one file, as two app servers would: each has its own writer
/// connection, so concurrent writes contend through SQLite's file locks (and the busy timeout), not
/// through GRDB's in-process writer queue. Calls alternate between the two.
final class TwoServers<Store: Sendable>: Sendable {
    private let stores: [Store]
    private let next = Atomic<Int>(0)
    private let second: SQLiteDatabase

    init(_ temporary: TemporaryDatabase, _ make: (SQLiteDatabase) -> Store) throws {
        second = try SQLiteDatabase(path: temporary.path)
        stores = [make(temporary.database), make(second)]
    }

    deinit { try? second.close() }

    var any: Store {
        stores[next.wrappingAdd(1, ordering: .relaxed).oldValue % stores.count]
    }
}

extension TwoServers: UserStore where Store == SQLiteUserStore {
    func insert(_ user: User) async throws -> User { try await any.insert(user) }
    func user(id: UserID) async throws -> User? { try await any.user(id: id) }
    func user(identifier: LoginIdentifier) async throws -> User? { try await any.user(identifier: identifier) }
    func update(_ user: User, expectedVersion: UInt64) async throws -> User? {
        try await any.update(user, expectedVersion: expectedVersion)
    }
    func recordLogin(id: UserID, at date: Date) async throws -> Bool { try await any.recordLogin(id: id, at: date) }
    func users(after cursor: UserID?, limit: Int) async throws -> [User] {
        try await any.users(after: cursor, limit: limit)
    }
}

extension TwoServers: SessionStore where Store == SQLiteSessionStore {
    func session(digest: TokenDigest) async throws -> Session? { try await any.session(digest: digest) }
    func insert(_ session: Session, digest: TokenDigest, limit: ConcurrentSessionLimit?) async throws -> [SessionID] {
        try await any.insert(session, digest: digest, limit: limit)
    }
    func touch(digest: TokenDigest, lastSeenAt: Date) async throws -> Bool {
        try await any.touch(digest: digest, lastSeenAt: lastSeenAt)
    }
    func replace(digest old: TokenDigest, with new: TokenDigest, session: Session) async throws -> Bool {
        try await any.replace(digest: old, with: new, session: session)
    }
    func delete(id: SessionID, userID: UserID) async throws -> Bool { try await any.delete(id: id, userID: userID) }
    func deleteAll(userID: UserID, except kept: SessionID?) async throws -> Int {
        try await any.deleteAll(userID: userID, except: kept)
    }
    func sessions(userID: UserID) async throws -> [Session] { try await any.sessions(userID: userID) }
    func purgeExpired(at date: Date) async throws -> Int { try await any.purgeExpired(at: date) }
}

extension TwoServers: OneTimeTokenStore where Store == SQLiteOneTimeTokenStore {
    func insert(_ record: OneTimeTokenRecord, digest: TokenDigest) async throws {
        try await any.insert(record, digest: digest)
    }
    func consume(digest: TokenDigest, purpose: OneTimeTokenPurpose) async throws -> OneTimeTokenRecord? {
        try await any.consume(digest: digest, purpose: purpose)
    }
    func purgeExpired(at date: Date) async throws -> Int { try await any.purgeExpired(at: date) }
}

/// The conformance suites again, each store's calls alternating between two connections to one file.
@Suite("SQLite stores on two connections to one file")
struct TwoServersTests {
    @Test("UserStore", arguments: UserStoreConformance.Check.allCases)
    func userStore(check: UserStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLiteUserStore(database: $0) }
        try await UserStoreConformance { _ in servers }.run(check)
    }

    @Test("SessionStore", arguments: SessionStoreConformance.Check.allCases)
    func sessionStore(check: SessionStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLiteSessionStore(database: $0) }
        try await SessionStoreConformance { _ in servers }.run(check)
    }

    @Test("OneTimeTokenStore", arguments: OneTimeTokenStoreConformance.Check.allCases)
    func oneTimeTokenStore(check: OneTimeTokenStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLiteOneTimeTokenStore(database: $0) }
        try await OneTimeTokenStoreConformance { _ in servers }.run(check)
    }
}
