import Foundation
import Testing

@Suite("crm-auth sessions", .serialized)
struct SessionsCommandTests {
    @Test("sessions list shows the sessions a server made; revoke SESSION ends one, --all the rest")
    func listAndRevoke() async throws {
        let fixture = try CommandFixture()
        try fixture.migrate()
        let id = try fixture.createUser("kim@example.com")
        try await fixture.signIn("kim@example.com")
        try await fixture.signIn("kim@example.com")
        try await fixture.signIn("kim@example.com")
        let list = try fixture.admin(["sessions", "list", id])
        #expect(list.status == 0, "\(list)")
        #expect(list.lines.count == 3)
        let first = try #require(list.lines.first?.split(separator: "\t").first.map(String.init))
        let one = try fixture.admin(["sessions", "revoke", id, first])
        #expect(one.status == 0, "\(one)")
        #expect(one.output.contains("1 session(s) ended"))
        #expect(try fixture.admin(["sessions", "list", id]).lines.count == 2)
        // The same session again: nothing to end.
        #expect(try fixture.admin(["sessions", "revoke", id, first]).status == 1)
        let all = try fixture.admin(["sessions", "revoke", "kim@example.com", "--all"])
        #expect(all.status == 0, "\(all)")
        #expect(all.output.contains("2 session(s) ended"))
        #expect(try fixture.admin(["sessions", "list", id]).output.isEmpty)
        #expect(try fixture.admin(["sessions", "revoke", id, "--all"]).status == 1)
    }

    @Test("sessions: an unknown user is 1; SESSION and --all both or neither is 2")
    func refusals() throws {
        let fixture = try CommandFixture()
        try fixture.migrate()
        let id = try fixture.createUser("lee@example.com")
        #expect(try fixture.admin(["sessions", "list", "nobody@example.com"]).status == 1)
        #expect(try fixture.admin(["sessions", "revoke", "nobody@example.com", "--all"]).status == 1)
        #expect(try fixture.admin(["sessions", "revoke", id]).status == 2)
        #expect(try fixture.admin(["sessions", "revoke", id, "some-session", "--all"]).status == 2)
        #expect(try fixture.read(["sessions", "revoke", id, "--all"]).status == 2)  // no operator
    }

    @Test("Revocations are audited with the operator as actor")
    func audited() async throws {
        let fixture = try CommandFixture()
        try fixture.migrate()
        let id = try fixture.createUser("max@example.com")
        try await fixture.signIn("max@example.com")
        let session = try #require(
            try fixture.admin(["sessions", "list", id]).lines.first?.split(separator: "\t").first.map(String.init))
        #expect(try fixture.admin(["sessions", "revoke", id, session]).status == 0)
        try await fixture.signIn("max@example.com")
        #expect(try fixture.admin(["sessions", "revoke", id, "--all"]).status == 0)
        #expect(try fixture.operatorEvents("session.revoked").count == 2)
    }
}
