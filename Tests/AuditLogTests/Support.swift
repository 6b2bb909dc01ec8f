import AuditLog
import AuthCore

import struct Foundation.Date

/// Shared material: a fixed signing key, a start instant, events of every kind.
enum Sample {
    static let start = Date(timeIntervalSince1970: 1_700_000_000)
    /// RFC 8032 §7.1 TEST 1's secret key, so the fixtures' public key is a known one.
    static let key = try! Ed25519SigningKey(
        id: "audit-test", seed: hex("9d61b19deffd5a60ba844af492ec2cc44449c5697b326919703bac031cae7f60"))

    /// An event of `kind` with every field set, `index` seconds after the start.
    static func event(_ kind: AuditEventKind = .loginSucceeded, _ index: Int = 0) -> AuditEvent {
        try! AuditEvent(
            kind: kind, at: start.addingTimeInterval(Double(index)), actor: "admin",
            subject: UserID("user\(index % 5)"),
            tenant: index % 2 == 0 ? "acme" : "globex", sourceAddress: "203.0.113.\(index % 250)",
            userAgent: "Mozilla/5.0 \"quoted\" \\ é", outcome: index % 3 == 0 ? .failure : .success,
            reason: index % 3 == 0 ? "wrong_password" : nil, metadata: ["attempt": "\(index)", "ui.page": "login"])
    }

    static func events(_ count: Int) -> [AuditEvent] {
        (0..<count).map { event(AuditEventKind.builtIn[$0 % AuditEventKind.builtIn.count], $0) }
    }

    static func checkpoint(_ record: AuditRecord) -> AuditCheckpoint {
        try! AuditCheckpoint(signing: record.head, at: start.addingTimeInterval(3600), with: key)
    }
}

/// Decodes hex from a test vector.
func hex(_ text: String) -> [UInt8] {
    let digits = Array(text.utf8)
    return stride(from: 0, to: digits.count, by: 2).map {
        UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)!
    }
}

extension AuditRecord {
    /// This record with another event, its stored hash kept (an edit without rehashing).
    func editing(_ event: AuditEvent) -> AuditRecord {
        AuditRecord(sequence: sequence, event: event, previousHash: previousHash, hash: hash)
    }
}
