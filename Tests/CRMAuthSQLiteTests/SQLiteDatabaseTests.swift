import AuthCore
import CRMAuthSQLite
import Foundation
import GRDB
import SessionTokens
import Testing

@Suite("SQLiteDatabase")
struct SQLiteDatabaseTests {
    @Test("secure_delete is on for every connection, and memory the process freed does not reach the file")
    func stalePageMemory() async throws {
        // SQLite zeroes the unused part of new pages and overwrites deleted content only with
        // `secure_delete`. Debian's SQLite has it on at compile time; builds without it (other platforms,
        // an app's own SQLite) now get it from `SQLiteDatabase` on every connection.
        let temporary = try TemporaryDatabase()
        let inEffect = try await temporary.database.secureDeleteInEffect()
        #expect(inEffect.writer && inEffect.reader, "secure_delete on every connection")

        // Leave freed buffers of a page's size full of a marker, then make SQLite take new pages.
        let marker = Array("stale-heap-marker-7f3a".utf8)
        for round in 0..<20 {
            var buffers: [[UInt8]] = []
            for _ in 0..<32 {
                var buffer = [UInt8](repeating: 0, count: 4_096 + 256)
                for offset in stride(from: 0, to: buffer.count - marker.count, by: marker.count) {
                    buffer.replaceSubrange(offset..<offset + marker.count, with: marker)
                }
                buffers.append(buffer)
            }
            buffers.removeAll()
            let store = SQLiteSessionStore(database: temporary.database)
            let manager = SessionManager(store: store, clock: ManualClock(), stamps: FixedStamp())
            for index in 0..<20 {
                _ = try await manager.issue(userID: try UserID("user-\(round)-\(index)"), securityStamp: "stamp")
            }
        }
        var bytes: [UInt8] = []
        for file in [temporary.path, temporary.path + "-wal"] {
            bytes += Array(FileManager.default.contents(atPath: file) ?? Data())
        }
        let found =
            bytes.count >= marker.count
            && (0...(bytes.count - marker.count)).contains { bytes[$0..<$0 + marker.count].elementsEqual(marker) }
        #expect(!found, "stale process memory rests in the database file")
    }

    @Test("a new file, its WAL and shared-memory files are created with mode 0600")
    func fileMode() async throws {
        let temporary = try TemporaryDatabase()
        #expect(try TemporaryDatabase.mode(of: temporary.path) == 0o600)
        let store = SQLiteOneTimeTokenStore(database: temporary.database)
        try await store.insert(
            OneTimeTokenRecord(
                userID: UserID("ana"), purpose: .passwordReset, securityStamp: "s",
                createdAt: Date(timeIntervalSinceReferenceDate: 0), expiresAt: Date(timeIntervalSinceReferenceDate: 60)),
            digest: TokenDigest(bytes: [UInt8](repeating: 7, count: 32)))
        // The pool keeps its connections open, so the WAL and shared-memory files exist now.
        for suffix in ["-wal", "-shm"] {
            #expect(FileManager.default.fileExists(atPath: temporary.path + suffix))
            #expect(try TemporaryDatabase.mode(of: temporary.path + suffix) == 0o600)
        }
    }

    @Test("an existing file keeps its mode")
    func existingFileMode() async throws {
        let temporary = try TemporaryDatabase()
        try temporary.database.close()
        try FileManager.default.setAttributes([.posixPermissions: 0o640], ofItemAtPath: temporary.path)
        let reopened = try SQLiteDatabase(path: temporary.path)
        defer { try? reopened.close() }
        #expect(try TemporaryDatabase.mode(of: temporary.path) == 0o640)
    }

    @Test("WAL mode, foreign keys on, the current schema version")
    func settings() async throws {
        let temporary = try TemporaryDatabase()
        let queue = try DatabaseQueue(path: temporary.path)
        defer { try? queue.close() }
        let (journal, version) = try await queue.read { db in
            (
                try String.fetchOne(db, sql: "PRAGMA journal_mode"),
                try Int.fetchOne(db, sql: "PRAGMA user_version")
            )
        }
        #expect(journal == "wal")
        #expect(version == SQLiteDatabase.schemaVersion)
        #expect(try await temporary.database.storedSchemaVersion() == SQLiteDatabase.schemaVersion)
        #expect(try await temporary.database.foreignKeysEnabled())
    }

    @Test("reopening a migrated file changes nothing and keeps the data")
    func reopen() async throws {
        let temporary = try TemporaryDatabase()
        try temporary.editByHand(
            "INSERT INTO one_time_tokens VALUES (zeroblob(32), 'u', 'p', 60.0, 's', 0.0, 60.0)")
        try temporary.database.close()
        let reopened = try SQLiteDatabase(path: temporary.path)
        defer { try? reopened.close() }
        #expect(try await reopened.storedSchemaVersion() == SQLiteDatabase.schemaVersion)
        let queue = try DatabaseQueue(path: temporary.path)
        defer { try? queue.close() }
        #expect(try await queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM one_time_tokens") } == 1)
    }

    @Test("a schema version newer than the code is refused, and the file is left as it is")
    func newerSchemaVersion() async throws {
        let temporary = try TemporaryDatabase()
        try temporary.database.close()
        let newer = SQLiteDatabase.schemaVersion + 1
        try temporary.editByHand("PRAGMA user_version = \(newer)")
        #expect(throws: SQLiteStoreError.schemaTooNew) { try SQLiteDatabase(path: temporary.path) }
        let queue = try DatabaseQueue(path: temporary.path)
        defer { try? queue.close() }
        #expect(try await queue.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") } == newer)
    }

    @Test("a migration this release does not know is refused")
    func unknownMigration() async throws {
        let temporary = try TemporaryDatabase()
        try temporary.database.close()
        try temporary.editByHand("INSERT INTO grdb_migrations (identifier) VALUES ('99 from the future')")
        #expect(throws: SQLiteStoreError.schemaTooNew) { try SQLiteDatabase(path: temporary.path) }
    }

    @Test("servers opening one new file at once all open it, and it is migrated once")
    func concurrentFirstOpen() async throws {
        let temporary = try TemporaryDatabase()
        let path = temporary.folder.appendingPathComponent("shared.sqlite").path
        let versions = try await withThrowingTaskGroup(of: Int.self) { group in
            for _ in 0..<8 {
                group.addTask {
                    let database = try SQLiteDatabase(path: path)
                    defer { try? database.close() }
                    return try await database.storedSchemaVersion()
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(versions == Array(repeating: SQLiteDatabase.schemaVersion, count: 8))
        let queue = try DatabaseQueue(path: path)
        defer { try? queue.close() }
        #expect(try await queue.read { db in try Int.fetchOne(db, sql: "SELECT count(*) FROM grdb_migrations") } == 1)
    }

    @Test("a folder that does not exist cannot be opened")
    func missingFolder() async throws {
        let path = FileManager.default.temporaryDirectory
            .appendingPathComponent("crmauth-missing-\(UUID().uuidString)/auth.sqlite").path
        #expect(throws: SQLiteStoreError.cannotOpen) { try SQLiteDatabase(path: path) }
    }

    @Test("a file that is not a database cannot be opened")
    func notADatabase() async throws {
        let temporary = try TemporaryDatabase()
        try temporary.database.close()
        let other = temporary.folder.appendingPathComponent("garbage.sqlite").path
        #expect(FileManager.default.createFile(atPath: other, contents: Data(repeating: 0x41, count: 4096)))
        #expect(throws: SQLiteStoreError.cannotOpen) { try SQLiteDatabase(path: other) }
    }
}

/// Every user's stamp is "stamp".
private struct FixedStamp: SecurityStampProvider {
    func securityStamp(userID: UserID) async throws -> String? { "stamp" }
}
