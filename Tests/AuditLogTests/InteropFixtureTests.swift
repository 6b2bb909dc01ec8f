import AuditLog
import AuthCore
import Foundation
import Testing

/// The Swift verifier agrees with the independent Python one (Scripts/audit_verify.py) on every
/// export that program made with its own implementation, valid, tampered and malformed; and the
/// export Swift makes is committed byte for byte, so CI can hand it to the Python verifier.
@Suite("Agreement with the independent Python verifier")
struct InteropFixtureTests {
    struct Expected: Decodable {
        struct Verdict: Decodable {
            let status: String
            let problems: [String]
        }
        let keyID: String
        let publicKey: String
        let verdicts: [String: Verdict]

        enum CodingKeys: String, CodingKey {
            case keyID = "key_id"
            case publicKey = "public_key"
            case verdicts
        }
    }

    static func fixtures() throws -> Expected {
        let url = try #require(
            Bundle.module.url(forResource: "expected", withExtension: "json", subdirectory: "Fixtures/python"))
        return try JSONDecoder().decode(Expected.self, from: Data(contentsOf: url))
    }

    static func names() throws -> [String] { try fixtures().verdicts.keys.sorted() }

    @Test("the Swift verifier reaches the Python verifier's verdict", arguments: try names())
    func agreement(name: String) throws {
        let expected = try Self.fixtures()
        let verdict = try #require(expected.verdicts[name])
        let key = try Ed25519PublicKey(id: expected.keyID, bytes: hex(expected.publicKey))
        #expect(key == Sample.key.publicKey, "the fixtures use RFC 8032 TEST 1's key")
        let url = try #require(
            Bundle.module.url(forResource: name, withExtension: "jsonl", subdirectory: "Fixtures/python"))
        let bytes = Array(try Data(contentsOf: url))
        if verdict.status == "malformed" {
            #expect(throws: AuditError.malformedExport) { try AuditExport(parsing: bytes) }
            return
        }
        let export = try AuditExport(parsing: bytes)
        let report = AuditVerifier(publicKeys: [key]).verify(records: export.records, checkpoints: export.checkpoints)
        #expect(report.problems.map(\.description) == verdict.problems)
        #expect(report.isIntact == (verdict.status == "intact"))
    }

    @Test("the committed Swift export is exactly what this code makes, and verifies")
    func swiftExport() throws {
        let bytes = Self.swiftExport()
        let url = try #require(
            Bundle.module.url(forResource: "export", withExtension: "jsonl", subdirectory: "Fixtures/swift"))
        if let path = ProcessInfo.processInfo.environment["CRMAUTH_WRITE_AUDIT_FIXTURE"] {
            try Data(bytes).write(to: URL(fileURLWithPath: path))  // regenerating after a format change
        }
        #expect(Array(try Data(contentsOf: url)) == bytes)
        let export = try AuditExport(parsing: bytes)
        #expect(
            AuditVerifier(publicKeys: [Sample.key.publicKey]).verify(
                records: export.records, checkpoints: export.checkpoints
            ).isIntact)
    }

    /// 30 events of every kind with every field, checkpoints at 10, 20 and 30, under the fixtures' key.
    static func swiftExport() -> [UInt8] {
        let records = AuditChain.link(Sample.events(30), after: .empty)
        let checkpoints = [9, 19, 29].map { Sample.checkpoint(records[$0]) }
        return AuditExport(records: records, checkpoints: checkpoints).encoded()
    }
}
