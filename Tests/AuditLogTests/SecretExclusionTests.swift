import AuditLog
import AuthCore
import InMemoryLogging
import Logging
import Testing

/// For every event kind: a caller holding secrets next to the event (a key, a password, a token, a
/// recovery code) records it; the stored record, the export and the log output hold none of them.
@Suite("No secret reaches the audit trail")
struct SecretExclusionTests {
    @Test(
        "for every event kind, secrets given nearby reach neither store, export nor log",
        arguments: AuditEventKind.builtIn)
    func noSecrets(kind: AuditEventKind) async throws {
        let keyBytes = SecureRandom.bytes(count: 32)
        let signingKey = try Ed25519SigningKey(id: "nearby", seed: keyBytes)
        let password = Secret(Array("correct horse battery staple".utf8))
        let token = "crm_s_" + Base64URL.encode(SecureRandom.bytes(count: 32))
        let recoveryCode = Secret(Array("ABCD-EFGH-JKLM".utf8))

        // What a careless caller might try: each is refused, so none of it is recorded.
        for metadata in [["password": "x"], ["note": token], ["recovery_code": "ABCD-EFGH-JKLM"]] {
            #expect(throws: AuditError.secretLikeValue) {
                try AuditEvent(kind: kind, at: Sample.start, metadata: metadata)
            }
        }
        #expect(throws: AuditError.secretLikeValue) { try AuditEvent(kind: kind, at: Sample.start, reason: token) }

        // What a caller does: interpolating secret types yields their redacted forms.
        let event = try AuditEvent(
            kind: kind, at: Sample.start, actor: "admin", subject: "ada", tenant: "acme", sourceAddress: "192.0.2.1",
            userAgent: "agent \(password)", outcome: .failure, reason: "\(signingKey)".prefix(128).description,
            metadata: ["detail": "\(recoveryCode) \(password)", "key": "\(signingKey)"])

        let handler = InMemoryLogHandler()
        let store = InMemoryAuditStore()
        let trail = try AuditTrail(
            store: store, checkpoints: store, signingKey: signingKey, checkpointInterval: 1,
            clock: ManualClock(now: Sample.start), logger: Logger(label: "audit", factory: { _ in handler }))
        let recorder = try AuditRecorder(trail: trail, batchSize: 1)
        try await recorder.record(event)
        try await recorder.flush()

        let stored = try await store.records(from: 1, limit: 10)
        #expect(stored.count == 1)
        let checkpoints = try await store.checkpoints(from: 1, through: 10)
        let export = String(decoding: AuditExport(records: stored, checkpoints: checkpoints).encoded(), as: UTF8.self)
        let logged = handler.entries.map { "\($0.message) \($0.metadata)" }.joined(separator: "\n")
        let texts = [RedactionAudit.renderings(of: stored), export, logged]
        for text in texts {
            #expect(RedactionAudit.leaks(of: keyBytes, in: text) == [])
            #expect(RedactionAudit.leaks(of: password.revealed, in: text) == [])
            #expect(RedactionAudit.leaks(of: recoveryCode.revealed, in: text) == [])
            #expect(!text.contains(token) && !text.contains("correct horse") && !text.contains("ABCD-EFGH"))
        }
        #expect(logged.contains(kind.name), "the event itself is logged")
        #expect(export.contains("<redacted>"), "what was recorded is the redacted form")
    }
}
