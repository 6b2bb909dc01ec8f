import Foundation
import Testing

@Suite("crm-auth users", .serialized)
struct UsersCommandTests {
    @Test("users create reads the password from standard input; list and show find the account")
    func createListShow() throws {
        let fixture = try CommandFixture()
        try fixture.migrate()
        let id = try fixture.createUser("dana@example.com", name: "Dana Scully")
        #expect(id.hasPrefix("u_"))
        let list = try fixture.read(["users", "list"])
        #expect(list.status == 0, "\(list)")
        #expect(list.lines == ["\(id)\tdana@example.com\t-\tactive\t-"])
        for key in [id, "dana@example.com"] {
            let show = try fixture.read(["users", "show", key])
            #expect(show.status == 0, "\(show)")
            #expect(show.lines.contains("id: \(id)"))
            #expect(show.lines.contains("password: set"))
        }
        // The password is in no output and the hash is never shown.
        let show = try fixture.read(["users", "show", id])
        #expect(!show.output.contains(CommandFixture.password))
        #expect(!show.output.contains("$argon2"))
    }

    @Test("users create: a taken address is 1; a rejected password, a bad address or no operator is 2")
    func createRefusals() throws {
        let fixture = try CommandFixture()
        try fixture.migrate()
        _ = try fixture.createUser("erin@example.com")
        let taken = try fixture.admin(
            ["users", "create", "--email", "erin@example.com", "--name", "Erin"], input: CommandFixture.password)
        #expect(taken.status == 1, "\(taken)")
        let weak = try fixture.admin(
            ["users", "create", "--email", "fay@example.com", "--name", "Fay"], input: "password")
        #expect(weak.status == 2, "\(weak)")
        #expect(weak.error.contains("rejected"))
        let address = try fixture.admin(
            ["users", "create", "--email", "not an address", "--name", "Gus"], input: CommandFixture.password)
        #expect(address.status == 2, "\(address)")
        let anonymous = try fixture.run(
            ["users", "create", "--database", fixture.database, "--email", "hal@example.com", "--name", "Hal"],
            input: CommandFixture.password)
        #expect(anonymous.status == 2, "\(anonymous)")
        #expect(anonymous.error.contains("--operator"))
        let named = try fixture.run(
            ["users", "create", "--database", fixture.database, "--email", "hal@example.com", "--name", "Hal"],
            input: CommandFixture.password, environment: ["USER": "ops-bob"])
        #expect(named.status == 0, "\(named)")
        #expect(try fixture.read(["users", "list"]).lines.count == 2)
    }

    @Test("users show and list: an unknown user is 1; a bad limit is 2")
    func showRefusals() throws {
        let fixture = try CommandFixture()
        try fixture.migrate()
        #expect(try fixture.read(["users", "show", "nobody@example.com"]).status == 1)
        #expect(try fixture.read(["users", "list"]).output.isEmpty)
        #expect(try fixture.read(["users", "list", "--limit", "0"]).status == 2)
    }

    @Test("disable, enable, force-password-change, unlock: done is 0; an unknown user or nothing to do is 1")
    func actions() throws {
        let fixture = try CommandFixture()
        try fixture.migrate()
        let id = try fixture.createUser("ivy@example.com")
        #expect(try fixture.admin(["users", "enable", id]).status == 1)  // not disabled
        #expect(try fixture.admin(["users", "disable", "ivy@example.com"]).status == 0)
        #expect(try fixture.read(["users", "show", id]).lines.contains("status: disabled"))
        #expect(try fixture.admin(["users", "enable", id]).status == 0)
        #expect(try fixture.read(["users", "show", id]).lines.contains("status: active"))
        #expect(try fixture.admin(["users", "force-password-change", id]).status == 0)
        #expect(try fixture.read(["users", "show", id]).lines.contains("password-change-required: yes"))
        #expect(try fixture.admin(["users", "unlock", id]).status == 0)
        for action in ["disable", "enable", "unlock", "force-password-change"] {
            let unknown = try fixture.admin(["users", action, "nobody@example.com"])
            #expect(unknown.status == 1, "\(action): \(unknown)")
            let anonymous = try fixture.read(["users", action, id])
            #expect(anonymous.status == 2, "\(action) without an operator: \(anonymous)")
        }
    }

    @Test("Every users action is audited with the operator as actor")
    func audited() throws {
        let fixture = try CommandFixture()
        try fixture.migrate()
        let id = try fixture.createUser("jay@example.com")
        _ = try fixture.admin(["users", "disable", id])
        _ = try fixture.admin(["users", "enable", id])
        _ = try fixture.admin(["users", "unlock", id])
        _ = try fixture.admin(["users", "force-password-change", id])
        for kind in ["user.created", "user.disabled", "user.enabled", "user.unlocked", "password.change_forced"] {
            #expect(try fixture.operatorEvents(kind).count == 1, "\(kind)")
        }
    }
}
