// The child process of CRMAuthSQLiteTests' durability test (SQLiteDurabilityTests): it writes sessions and
// audit events to a SQLite file, as the login flow does, until the test kills it with SIGKILL.
//
//     SQLiteCrashWriter DATABASE PREFIX SEED-HEX
//
// Each session goes through `SessionManager.issue` into a `SQLiteSessionStore`; each audit event through
// an `AuditRecorder` in front of an `AuditTrail` on `SQLiteAuditStore` (batches of 4, a checkpoint every
// 16 records, signed with the Ed25519 key of SEED-HEX). A write is acknowledged once the call that makes
// it durable has returned: `issue` for a session, `flush` for the events recorded before it. Only then
// does its line go to standard output, with one write(2) per line:
//
//     session <session id>
//     event <PREFIX>-<n>        (the event carries metadata write=<PREFIX>-<n>)
//
// It stops by itself after 100,000 sessions, far more than a test waits for; it exits 2 on bad arguments
// and 1 if a write fails.

import AuditLog
import AuthCore
import CRMAuthSQLite
import SessionTokens

import struct Foundation.Date

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

func emit(_ line: String) {
    var bytes = Array((line + "\n").utf8)
    bytes.withUnsafeMutableBytes { buffer in
        var offset = 0
        while offset < buffer.count {
            let written = write(1, buffer.baseAddress! + offset, buffer.count - offset)
            if written <= 0 { exit(1) }
            offset += written
        }
    }
}

func complain(_ message: String) {
    let bytes = Array((message + "\n").utf8)
    _ = bytes.withUnsafeBytes { write(2, $0.baseAddress, $0.count) }
}

func seed(fromHex hex: String) -> [UInt8]? {
    let digits = Array(hex.utf8)
    guard digits.count == 64 else { return nil }
    var bytes: [UInt8] = []
    for index in stride(from: 0, to: 64, by: 2) {
        guard let byte = UInt8(String(decoding: digits[index..<index + 2], as: UTF8.self), radix: 16) else {
            return nil
        }
        bytes.append(byte)
    }
    return bytes
}

let arguments = CommandLine.arguments
guard arguments.count == 4, let seedBytes = seed(fromHex: arguments[3]) else {
    complain("usage: SQLiteCrashWriter DATABASE PREFIX SEED-HEX")
    exit(2)
}
let prefix = arguments[2]

do {
    let database = try SQLiteDatabase(path: arguments[1])
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
    let key = try Ed25519SigningKey(id: "crash-test", seed: seedBytes)
    let trail = try AuditTrail(
        store: SQLiteAuditStore(database: database), checkpoints: SQLiteAuditCheckpointStore(database: database),
        signingKey: key, checkpointInterval: 16, clock: clock)
    let recorder = try AuditRecorder(trail: trail, batchSize: 4)
    let sessions = SessionManager(
        store: SQLiteSessionStore(database: database), clock: clock,
        stamps: ClosureSecurityStampProvider { _ in "stamp" })
    var recorded: [String] = []
    for index in 0..<100_000 {
        let user = try UserID("user\(index % 4)")
        let issued = try await sessions.issue(userID: user, securityStamp: "stamp")
        emit("session \(issued.session.id.rawValue)")
        let name = "\(prefix)-\(index)"
        try await recorder.record(
            AuditEvent(
                kind: .sessionCreated, at: clock.now(), actor: user, subject: user, sourceAddress: "192.0.2.1",
                metadata: ["write": name]))
        recorded.append(name)
        if index % 3 == 2 {
            try await recorder.flush()
            for name in recorded { emit("event \(name)") }
            recorded.removeAll()
        }
    }
} catch {
    complain("SQLiteCrashWriter: \(error)")
    exit(1)
}
