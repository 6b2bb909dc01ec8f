import AuthCore
import Dispatch
import Foundation
import GRDB
import LoginFlow
import SessionTokens
import Testing

@testable import CRMAuthSQLite

@Suite("SQLiteDatabase under concurrent reads")
struct SQLiteConcurrentReadsTests {
    /// Many lookups on the calling thread (session and user by id, as every authenticated request makes)
    /// at the same time as many `async` reads (`users(after:limit:)`, as a dashboard listing accounts).
    ///
    /// Before the fix the lookups waited, blocking their threads of Swift's cooperative pool, for one of
    /// GRDB's reader connections, while every reader connection was held by an `async` read that could
    /// give it back only once resumed on that same pool: with every cooperative thread blocked, nothing
    /// ever resumed, and the process stopped answering (found by CRMServer's load check).
    ///
    /// A deadlock of the cooperative pool also stops any time limit the test library could apply, so a
    /// watchdog on a thread of its own ends the process with a message if the work does not finish.
    @Test("regression: lookups on the calling thread next to async reads deadlocked the cooperative pool")
    func lookupsBesideAsyncReads() async throws {
        let temporary = try TemporaryDatabase()
        let users = SQLiteUserStore(database: temporary.database)
        let sessions = SQLiteSessionStore(database: temporary.database)
        for index in 0..<40 {
            _ = try await users.insert(
                User(
                    id: try UserID("user-\(index)"), email: try LoginIdentifier(email: "user\(index)@example.com"),
                    displayName: "User \(index)", status: .active, createdAt: Date(timeIntervalSinceReferenceDate: 0)))
        }
        let digest = try TokenDigest(bytes: [UInt8](repeating: 9, count: 32))
        let session = Session(
            id: SessionID(rawValue: "s1"), userID: UserID("user-1"), createdAt: Date(timeIntervalSinceReferenceDate: 0),
            lastSeenAt: Date(timeIntervalSinceReferenceDate: 0), idleTimeout: 600, absoluteTimeout: 3600,
            authenticationLevel: .password, securityStamp: "stamp")
        _ = try await sessions.insert(session, digest: digest, limit: nil)

        let finished = DispatchSemaphore(value: 0)
        let watchdog = Thread {
            if finished.wait(timeout: .now() + 180) == .timedOut {
                fatalError(
                    "regression: lookups on the calling thread next to async reads deadlocked the cooperative pool")
            }
        }
        watchdog.start()
        defer { finished.signal() }

        // Enough of each, whatever the number of cores, to hold every reader connection (GRDB's default
        // is 5) with async reads while every cooperative thread waits in a lookup.
        let width = max(8, 4 * ProcessInfo.processInfo.activeProcessorCount)
        let rounds = 40
        let counts = try await withThrowingTaskGroup(of: (lookups: Int, listed: Int).self) { group in
            for _ in 0..<width {
                group.addTask {
                    var listed = 0
                    for _ in 0..<rounds { listed += try await users.users(after: nil, limit: 1_000).count }
                    return (0, listed)
                }
                group.addTask {
                    var lookups = 0
                    for _ in 0..<rounds {
                        if try await sessions.session(digest: digest) != nil { lookups += 1 }
                        if try await users.user(id: UserID("user-1")) != nil { lookups += 1 }
                    }
                    return (lookups, 0)
                }
            }
            var total = (lookups: 0, listed: 0)
            for try await count in group {
                total.lookups += count.lookups
                total.listed += count.listed
            }
            return total
        }
        #expect(counts.lookups == width * rounds * 2)
        #expect(counts.listed == width * rounds * 40)
    }

    @Test("a lookup that finds every lookup connection in use is answered at once, without waiting")
    func busyConnectionsAnswerNil() throws {
        let temporary = try TemporaryDatabase()
        let connections = LookupConnections(maximum: 1) {
            var configuration = Configuration()
            configuration.readonly = true
            return try DatabaseQueue(path: temporary.path, configuration: configuration)
        }
        let outer = try connections.withConnection { db -> Int? in
            let inner = try connections.withConnection { db in try Int.fetchOne(db, sql: "SELECT 2") }
            #expect(inner == nil, "the only connection is in use: nil, not a wait")
            return try Int.fetchOne(db, sql: "SELECT 1")
        }
        #expect(outer == .some(1))
        #expect(try connections.withConnection { db in try Int.fetchOne(db, sql: "SELECT 3") } == .some(3))
        try connections.close()
        #expect(try connections.withConnection { db in try Int.fetchOne(db, sql: "SELECT 4") } == nil)
    }

    @Test("lookups still answer, through the async path, while other threads hold every lookup connection")
    func lookupsWhileConnectionsHeld() async throws {
        let temporary = try TemporaryDatabase()
        let sessions = SQLiteSessionStore(database: temporary.database)
        let digest = try TokenDigest(bytes: [UInt8](repeating: 3, count: 32))
        _ = try await sessions.insert(
            Session(
                id: SessionID(rawValue: "s1"), userID: UserID("ana"),
                createdAt: Date(timeIntervalSinceReferenceDate: 0),
                lastSeenAt: Date(timeIntervalSinceReferenceDate: 0), idleTimeout: 600, absoluteTimeout: 3600,
                authenticationLevel: .password, securityStamp: "stamp"),
            digest: digest, limit: nil)

        // Threads of their own (not the cooperative pool) each take a connection and hold it.
        let lookups = temporary.database.lookups
        let taken = DispatchSemaphore(value: 0)
        let release = DispatchSemaphore(value: 0)
        let done = DispatchGroup()
        for _ in 0..<lookups.maximum {
            done.enter()
            Thread {
                let held: Bool? = try? lookups.withConnection { _ in
                    taken.signal()
                    release.wait()
                    return true
                }
                if held == nil { taken.signal() }
                done.leave()
            }.start()
        }
        for _ in 0..<lookups.maximum { taken.wait() }
        #expect(try lookups.withConnection { _ in 0 } == nil, "every lookup connection is held")

        #expect(try await sessions.session(digest: digest)?.id == SessionID(rawValue: "s1"))
        #expect(try await SQLiteUserStore(database: temporary.database).user(id: UserID("ana")) == nil)
        for _ in 0..<lookups.maximum { release.signal() }
        done.wait()
        #expect(try lookups.withConnection { db in try Int.fetchOne(db, sql: "SELECT 1") } == .some(1))
    }

    @Test("after close, lookups fail with an error rather than reading")
    func lookupsAfterClose() async throws {
        let temporary = try TemporaryDatabase()
        let sessions = SQLiteSessionStore(database: temporary.database)
        let digest = try TokenDigest(bytes: [UInt8](repeating: 4, count: 32))
        #expect(try await sessions.session(digest: digest) == nil)
        try temporary.database.close()
        await #expect(throws: (any Error).self) { try await sessions.session(digest: digest) }
    }
}
