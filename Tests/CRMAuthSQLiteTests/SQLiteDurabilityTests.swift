import AuditLog
import AuthCore
import CRMAuthSQLite
import CRMAuthTestSupport
import Dispatch
import Foundation
import SessionTokens
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Issue 16's durability test: a child process (`SQLiteCrashWriter`, built with the tests) writes
/// sessions and audit events and prints each write once it is acknowledged; the test kills it with
/// SIGKILL while it writes, twice on the same file, reopens the file and finds every acknowledged write,
/// with the audit chain verifying across both runs.
///
/// What it shows: a write the store acknowledged survives the death of its process at any point (SQLite's
/// WAL is recovered on open, and a transaction the kill interrupted leaves nothing). What it cannot show:
/// loss of power, where `synchronous=FULL` (the default) is what keeps a commit (see Documentation/SQLite.md).
@Suite("SQLite durability under SIGKILL")
struct SQLiteDurabilityTests {
    /// Acknowledged sessions the test waits for before each kill.
    static let sessionsBeforeKill = 60

    @Test("every acknowledged session and audit event survives SIGKILL, and the chain verifies")
    func killedWhileWriting() async throws {
        let temporary = try TemporaryDatabase()
        var generator = SystemRandomNumberGenerator()
        let seedBytes = (0..<32).map { _ in UInt8.random(in: 0...255, using: &generator) }
        let key = try Ed25519SigningKey(id: "crash-test", seed: seedBytes)
        let seed = seedBytes.map { String($0 >> 4, radix: 16) + String($0 & 0x0f, radix: 16) }.joined()
        var sessions: Set<String> = []
        var events: Set<String> = []
        for prefix in ["first", "second"] {
            let run = try await Self.runUntilKilled(path: temporary.path, prefix: prefix, seedHex: seed)
            #expect(run.killed, "the writer was still running when it was killed (\(prefix) run)")
            #expect(run.sessions.count >= Self.sessionsBeforeKill)
            sessions.formUnion(run.sessions)
            events.formUnion(run.events)
        }

        let reopened = try SQLiteDatabase(path: temporary.path)
        defer { try? reopened.close() }
        let sessionStore = SQLiteSessionStore(database: reopened)
        var stored: Set<String> = []
        for user in 0..<4 {
            stored.formUnion(try await sessionStore.sessions(userID: UserID("user\(user)")).map(\.id.rawValue))
        }
        #expect(sessions.subtracting(stored).isEmpty, "acknowledged sessions missing: \(sessions.subtracting(stored))")

        let auditStore = SQLiteAuditStore(database: reopened)
        let records = try await auditStore.records(from: 1, limit: 1_000_000)
        let written = Set(records.compactMap { $0.event.metadata["write"] })
        #expect(!events.isEmpty)
        #expect(events.subtracting(written).isEmpty, "acknowledged events missing: \(events.subtracting(written))")
        #expect(written.contains("first-0") && written.contains("second-0"), "both runs appended to one chain")
        let trail = try AuditTrail(
            store: auditStore, checkpoints: SQLiteAuditCheckpointStore(database: reopened), signingKey: key)
        let report = try await trail.verify(publicKeys: [key.publicKey])
        #expect(report.isIntact, "\(report.problems)")
        #expect(report.recordCount == records.count)
        #expect(report.lastPinnedSequence != nil, "checkpoints were signed and verify")
    }

    struct Run: Sendable {
        var sessions: [String] = []
        var events: [String] = []
        var killed = false
    }

    /// Starts the writer, reads its acknowledgements until `sessionsBeforeKill` sessions, kills it with
    /// SIGKILL, and reads what it printed before it died. Runs on its own thread: it blocks on the pipe.
    static func runUntilKilled(path: String, prefix: String, seedHex: String) async throws -> Run {
        let executable = try writerExecutable()
        return try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread {
                do {
                    continuation.resume(returning: try run(executable, [path, prefix, seedHex]))
                } catch {
                    continuation.resume(throwing: error)
                }
            }
        }
    }

    private static func run(_ executable: URL, _ arguments: [String]) throws -> Run {
        // posix_spawn rather than Foundation's Process: see ChildProcess.
        let child = try ChildProcess.start(
            executable.path, arguments: arguments, environment: ProcessInfo.processInfo.environment, output: .pipe,
            error: .null)
        guard let descriptor = child.output else {
            throw ChildProcess.SpawnError(description: "the child has no output pipe")
        }
        defer { close(descriptor) }
        var result = Run()
        var pending: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        var sentKill = false
        while true {
            let count = buffer.withUnsafeMutableBytes { read(descriptor, $0.baseAddress, $0.count) }
            if count < 0, errno == EINTR { continue }
            guard count > 0 else { break }
            pending.append(contentsOf: buffer[0..<count])
            while let newline = pending.firstIndex(of: UInt8(ascii: "\n")) {
                let line = String(decoding: pending[..<newline], as: UTF8.self)
                pending.removeSubrange(...newline)
                if line.hasPrefix("session ") { result.sessions.append(String(line.dropFirst(8))) }
                if line.hasPrefix("event ") { result.events.append(String(line.dropFirst(6))) }
            }
            if !sentKill, result.sessions.count >= sessionsBeforeKill {
                child.send(SIGKILL)
                sentKill = true
            }
        }
        result.killed = sentKill && child.wait() == .signaled(SIGKILL)
        return result
    }

    /// `SQLiteCrashWriter`, built beside the test bundle (the test target depends on it).
    static func writerExecutable() throws -> URL { try BuiltExecutable.url("SQLiteCrashWriter") }
}
