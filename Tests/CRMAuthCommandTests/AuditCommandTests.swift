import AuthCore
import Foundation
import LoginFlow
import Testing

@Suite("crm-auth audit on a database", .serialized)
struct AuditCommandTests {
    /// The audit public key as `audit verify --public-key` takes it, from the key file.
    static func publicKey(_ fixture: CommandFixture) throws -> String {
        let key = try fixture.secrets().auditSigningKey.publicKey
        let hex = key.bytes.map { byte in String(byte >> 4, radix: 16) + String(byte & 0x0f, radix: 16) }
        return key.id + ":" + hex.joined()
    }

    @Test("audit tail shows the operator's actions; audit verify finds the database's chain intact")
    func tailAndVerify() throws {
        let fixture = try CommandFixture()
        try fixture.migrate()
        let id = try fixture.createUser("rae@example.com")
        _ = try fixture.admin(["users", "disable", id])
        let tail = try fixture.read(["audit", "tail"])
        #expect(tail.status == 0, "\(tail)")
        #expect(tail.lines.count >= 2)
        #expect(try fixture.operatorEvents("user.disabled").first?.contains(id) == true)
        let verified = try fixture.read(["audit", "verify"])
        #expect(verified.status == 0, "\(verified)")
        #expect(verified.output.contains("intact"))
        let pinned = try fixture.read(["audit", "verify", "--public-key", try Self.publicKey(fixture)])
        #expect(pinned.status == 0, "\(pinned)")
    }

    @Test("audit export writes a signed export that audit verify --file accepts; a tampered copy is 1")
    func export() throws {
        let fixture = try CommandFixture()
        try fixture.migrate()
        let id = try fixture.createUser("sam@example.com")
        _ = try fixture.admin(["users", "disable", id])
        let exported = try fixture.admin(["audit", "export"])
        #expect(exported.status == 0, "\(exported)")
        let file = fixture.folder.appendingPathComponent("export.jsonl").path
        try exported.output.write(toFile: file, atomically: false, encoding: .utf8)
        let verified = try fixture.run(["audit", "verify", "--file", file, "--public-key", try Self.publicKey(fixture)])
        #expect(verified.status == 0, "\(verified)")
        #expect(verified.output.contains("intact: 2 records"))
        let tampered = exported.output.replacingOccurrences(of: "user.disabled", with: "user.enabled")
        #expect(tampered != exported.output)
        try tampered.write(toFile: file, atomically: false, encoding: .utf8)
        #expect(try fixture.run(["audit", "verify", "--file", file]).status == 1)
        // The export is itself audited, after what it exported.
        #expect(try fixture.operatorEvents("administrator.action").count == 1)
    }

    @Test("audit export --since/--until keep a window; a malformed instant is 2")
    func window() throws {
        let fixture = try CommandFixture()
        try fixture.migrate()
        _ = try fixture.createUser("tia@example.com")
        let future = try fixture.admin(["audit", "export", "--since", "2999-01-01T00:00:00Z"])
        #expect(future.status == 0, "\(future)")
        #expect(!future.output.contains("user.created"))
        let past = try fixture.admin(["audit", "export", "--until", "2000-01-01T00:00:00Z"])
        #expect(past.status == 0)
        #expect(!past.output.contains("user.created"))
        let all = try fixture.admin([
            "audit", "export", "--since", "2000-01-01T00:00:00Z", "--until", "2999-01-01T00:00:00Z",
        ])
        #expect(all.output.contains("user.created"))
        #expect(try fixture.admin(["audit", "export", "--since", "yesterday"]).status == 2)
        #expect(try fixture.read(["audit", "tail", "--count", "0"]).status == 2)
    }

    @Test("audit verify --file keeps working without a database; --file and --database together is 2")
    func fileForm() throws {
        let fixture = try CommandFixture()
        let missing = try fixture.run(["audit", "verify", "--file", "/no/such/export.jsonl"])
        #expect(missing.status == 2)
        #expect(try fixture.run(["audit", "verify"]).status == 2)  // no database either
        #expect(try fixture.run(["audit", "verify", "--file", "x", "--database", fixture.database]).status == 2)
    }
}
