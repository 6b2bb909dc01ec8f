import AuthCore
import CRMAuth
import Foundation
import LockoutPolicy
import LoginFlow
import Testing

@Suite("crm-auth lockout", .serialized)
struct LockoutCommandTests {
    /// Wrong passwords for `email` from many addresses, from the server side, until the account is
    /// locked for at least ten minutes (not merely delayed by seconds, which a slow machine could see
    /// expire before the command runs). The server's clock starts at the real time and waits out each
    /// progressive delay by moving on, so the lock ends minutes after the real time the command reads.
    static func lockOut(_ email: String, in fixture: CommandFixture) async throws {
        let clock = ManualClock(now: Date())
        try await fixture.withSystem(clock: clock) { system in
            for index in 0..<200 {
                let client = ClientContext(address: try SourceAddress(parsing: "198.51.100.\(index % 250 + 1)"))
                let outcome = try await system.flow.login(
                    identifier: email, password: "wrong guess \(index)", client: client)
                if case .throttled(let retryAfter, _) = outcome {
                    guard let retryAfter, retryAfter < 600 else { return }
                    clock.advance(by: retryAfter)
                }
            }
            Issue.record("200 wrong passwords did not lock \(email) for ten minutes")
        }
    }

    @Test("lockout status: 0 while the account may try, 1 once locked; lockout unlock lifts it")
    func statusAndUnlock() async throws {
        let fixture = try CommandFixture()
        try fixture.migrate()
        let id = try fixture.createUser("ola@example.com")
        let clear = try fixture.admin(["lockout", "status", id])
        #expect(clear.status == 0, "\(clear)")
        #expect(clear.lines.count == 4)  // account and trusted pair, for the address and for reset requests
        #expect(clear.lines.allSatisfy { $0.hasSuffix("allowed") })
        try await Self.lockOut("ola@example.com", in: fixture)
        let locked = try fixture.admin(["lockout", "status", "ola@example.com"])
        #expect(locked.status == 1, "\(locked)")
        #expect(locked.lines.contains { !$0.hasSuffix("allowed") })
        let unlocked = try fixture.admin(["lockout", "unlock", id])
        #expect(unlocked.status == 0, "\(unlocked)")
        #expect(try fixture.admin(["lockout", "status", id]).status == 0)
    }

    @Test("lockout: an unknown user is 1; no operator or no database is 2")
    func refusals() throws {
        let fixture = try CommandFixture()
        try fixture.migrate()
        let id = try fixture.createUser("pat@example.com")
        #expect(try fixture.admin(["lockout", "status", "nobody@example.com"]).status == 1)
        #expect(try fixture.admin(["lockout", "unlock", "nobody@example.com"]).status == 1)
        #expect(try fixture.read(["lockout", "unlock", id]).status == 2)
        #expect(try fixture.run(["lockout", "status", id, "--operator", "x"]).status == 2)
    }

    @Test("lockout unlock is audited with the operator as actor")
    func audited() throws {
        let fixture = try CommandFixture()
        try fixture.migrate()
        let id = try fixture.createUser("quin@example.com")
        #expect(try fixture.admin(["lockout", "unlock", id]).status == 0)
        #expect(try fixture.operatorEvents("user.unlocked").count == 1)
    }
}
