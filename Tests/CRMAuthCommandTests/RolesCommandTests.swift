import Foundation
import Testing

@Suite("crm-auth roles on a database", .serialized)
struct RolesCommandTests {
    static let document = """
        {"formatVersion":1,"roles":["agent","admin"],"rules":[{"role":"agent","effect":"allow","permission":"contacts:read"}],\
        "inheritance":[{"role":"admin","inherits":"agent"}],"assignments":[],"constraints":[]}
        """

    /// A fixture with a migrated database, one user and the policy imported.
    static func prepared() throws -> (CommandFixture, String, String) {
        let fixture = try CommandFixture()
        try fixture.migrate()
        let id = try fixture.createUser("nia@example.com")
        let file = fixture.folder.appendingPathComponent("policy.json").path
        try document.write(toFile: file, atomically: false, encoding: .utf8)
        let imported = try fixture.admin(["roles", "import", file])
        #expect(imported.status == 0, "\(imported)")
        return (fixture, id, file)
    }

    @Test("roles import then export: the database holds the document's policy")
    func importExport() throws {
        let (fixture, _, file) = try Self.prepared()
        let exported = try fixture.read(["roles", "export"])
        #expect(exported.status == 0, "\(exported)")
        // Re-importing the export changes nothing, and checking against it agrees with the document.
        let round = fixture.folder.appendingPathComponent("round.json").path
        try exported.output.write(toFile: round, atomically: false, encoding: .utf8)
        let original = try fixture.run(["roles", "check", "--policy", file], input: "u,acme,contacts,read\n")
        let copy = try fixture.run(["roles", "check", "--policy", round], input: "u,acme,contacts,read\n")
        #expect(original.output == copy.output)
        #expect(exported.output.contains("\"agent\""))
        #expect(exported.output.contains("contacts"))
    }

    @Test("roles import: a malformed or inconsistent document is 2, and the policy stays")
    func importRefusals() throws {
        let (fixture, _, _) = try Self.prepared()
        let bad = fixture.folder.appendingPathComponent("bad.json").path
        try "{not json".write(toFile: bad, atomically: false, encoding: .utf8)
        #expect(try fixture.admin(["roles", "import", bad]).status == 2)
        let undefined = fixture.folder.appendingPathComponent("undefined.json").path
        try """
        {"formatVersion":1,"roles":[],"rules":[{"role":"ghost","effect":"allow","permission":"a:b"}],"inheritance":[],\
        "assignments":[],"constraints":[]}
        """.write(toFile: undefined, atomically: false, encoding: .utf8)
        #expect(try fixture.admin(["roles", "import", undefined]).status == 2)
        #expect(try fixture.admin(["roles", "import", "/no/such/file.json"]).status == 2)
        #expect(try fixture.read(["roles", "export"]).output.contains("\"agent\""))
    }

    @Test("roles grant, explain and revoke on the database: granted 0, held already 1, undefined role 2")
    func grantExplainRevoke() throws {
        let (fixture, id, _) = try Self.prepared()
        let explainArguments = ["roles", "explain", "--user", id, "--tenant", "acme", "--permission", "contacts:read"]
        #expect(try fixture.read(explainArguments).status == 1)  // denied: no role yet
        let granted = try fixture.admin(["roles", "grant", id, "admin", "--tenant", "acme"])
        #expect(granted.status == 0, "\(granted)")
        #expect(try fixture.admin(["roles", "grant", id, "admin", "--tenant", "acme"]).status == 1)
        let explained = try fixture.read(explainArguments)
        #expect(explained.status == 0, "\(explained)")
        #expect(explained.output.contains("admin"))
        #expect(try fixture.admin(["roles", "grant", id, "ghost", "--tenant", "acme"]).status == 2)
        #expect(try fixture.admin(["roles", "grant", "nobody@example.com", "admin", "--tenant", "acme"]).status == 1)
        #expect(try fixture.admin(["roles", "revoke", id, "admin", "--tenant", "acme"]).status == 0)
        #expect(try fixture.admin(["roles", "revoke", id, "admin", "--tenant", "acme"]).status == 1)
        #expect(try fixture.read(explainArguments).status == 1)
    }

    @Test("roles explain takes --policy or --database, not both; the file forms still work without a database")
    func explainForms() throws {
        let (fixture, id, file) = try Self.prepared()
        let both = try fixture.read([
            "roles", "explain", "--policy", file, "--user", id, "--tenant", "acme", "--permission", "contacts:read",
        ])
        #expect(both.status == 2)
        let fileOnly = try fixture.run([
            "roles", "explain", "--policy", file, "--user", id, "--tenant", "acme", "--permission", "contacts:read",
        ])
        #expect(fileOnly.status == 1)  // the document assigns nothing
        let neither = try fixture.run([
            "roles", "explain", "--user", id, "--tenant", "acme", "--permission", "contacts:read",
        ])
        #expect(neither.status == 2)
    }

    @Test("Role changes are audited with the operator as actor")
    func audited() throws {
        let (fixture, id, _) = try Self.prepared()
        _ = try fixture.admin(["roles", "grant", id, "agent", "--tenant", "acme"])
        _ = try fixture.admin(["roles", "revoke", id, "agent", "--tenant", "acme"])
        #expect(try fixture.operatorEvents("role.granted").count == 1)
        #expect(try fixture.operatorEvents("role.revoked").count == 1)
        #expect(try fixture.operatorEvents("administrator.action").count == 1)  // the import
    }
}
