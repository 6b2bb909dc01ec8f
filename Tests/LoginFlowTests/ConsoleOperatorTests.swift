import AuditLog
import AuthCore
import Foundation
import LockoutPolicy
import PasswordHashing
import RBAC
import SessionTokens
import Testing

@testable import LoginFlow

@Suite("Accounts: console operators and the operator's tools")
struct ConsoleOperatorTests {
    static let console = try! ConsoleOperator(name: "ops-alice")

    @Test("A console operator's action is audited without an actor account, naming the operator")
    func auditedAsOperator() async throws {
        let fixture = try await AccountFixture()
        let user = try await fixture.activeUser()
        try await fixture.flow.disableUser(user.id, by: Self.console)
        let event = try #require(try await fixture.events(.userDisabled).first)
        #expect(event.actor == nil)
        #expect(event.subject == user.id)
        #expect(event.metadata == ["operator": "ops-alice", "channel": "console"])
        // A signed-in administrator is still the actor, and carries no operator field.
        let admin = try await fixture.administrator()
        try await fixture.flow.enableUser(user.id, by: admin)
        let enabled = try #require(try await fixture.events(.userEnabled).first)
        #expect(enabled.actor == admin.userID)
        #expect(enabled.metadata["operator"] == nil)
    }

    @Test("A console operator needs no role; a signed-in user without the permission is still refused")
    func authority() async throws {
        let fixture = try await AccountFixture()
        let user = try await fixture.activeUser()
        let other = try await fixture.activeUser("bo@example.com", name: "Bo")
        let (_, bystander) = try await fixture.signIn(other)
        await #expect(throws: LoginFlowError.accessDenied) {
            try await fixture.flow.forcePasswordChange(user.id, by: bystander)
        }
        let forced = try await fixture.flow.forcePasswordChange(user.id, by: Self.console)
        #expect(forced.passwordChangeRequired)
        await #expect(throws: LoginFlowError.userNotFound) {
            try await fixture.flow.unlockUser("nobody", by: Self.console)
        }
    }

    @Test(
        "Operator names: 1 to 64 bytes, no control characters, no outer spaces",
        arguments: ["", " ops", "ops\n", String(repeating: "a", count: 65)])
    func names(_ name: String) {
        #expect(throws: LoginFlowError.invalidUser) { try ConsoleOperator(name: name) }
    }

    @Test("createUser: an active account with a checked, hashed password and the default role; audited")
    func createUser() async throws {
        let fixture = try await AccountFixture()
        let user = try await fixture.flow.createUser(
            email: "cy@example.com", displayName: "Cy", username: "cy", password: AccountFixture.password,
            tenant: AccountFixture.tenant, by: Self.console)
        #expect(user.status == .active)
        #expect(user.username?.text == "cy")
        let stored = try #require(try await fixture.flow.stores.users.user(id: user.id))
        #expect(
            try await fixture.flow.hasher.verify(
                NormalizedPassword(AccountFixture.password), against: #require(stored.passwordHash)
            ).matches)
        #expect(
            try await fixture.flow.stores.roles.policy().policy.assignments.contains(
                RoleAssignment(user: user.id, role: AccountFixture.member, tenant: AccountFixture.tenant)))
        let event = try #require(try await fixture.events(.userCreated).first)
        #expect(event.metadata["operator"] == "ops-alice")
        await #expect(throws: LoginFlowError.identifierTaken) {
            try await fixture.flow.createUser(
                email: "cy@example.com", displayName: "Cy", password: AccountFixture.otherPassword, tenant: nil,
                by: Self.console)
        }
        await #expect(throws: LoginFlowError.passwordRejected) {
            try await fixture.flow.createUser(
                email: "dee@example.com", displayName: "Dee", password: "password", tenant: nil, by: Self.console)
        }
    }

    @Test("sessions(of:), revokeSession and revokeEverySession; revocations audited")
    func sessions() async throws {
        let fixture = try await AccountFixture()
        let user = try await fixture.activeUser()
        let (first, _) = try await fixture.signIn(user)
        fixture.clock.advance(by: 1)
        _ = try await fixture.signIn(user)
        fixture.clock.advance(by: 1)
        _ = try await fixture.signIn(user)
        let listed = try await fixture.flow.sessions(of: user.id, by: Self.console)
        #expect(listed.count == 3)
        #expect(listed.last?.id == first.session.id)  // newest first
        #expect(try await fixture.flow.revokeSession(first.session.id, of: user.id, by: Self.console))
        #expect(!(try await fixture.flow.revokeSession(first.session.id, of: user.id, by: Self.console)))
        #expect(try await fixture.flow.revokeEverySession(of: user.id, by: Self.console) == 2)
        #expect(try await fixture.flow.sessions(of: user.id, by: Self.console).isEmpty)
        let events = try await fixture.events(.sessionRevoked)
        #expect(events.count == 3)
        #expect(events.allSatisfy { $0.metadata["operator"] == "ops-alice" })
        #expect(Set(events.map(\.outcome)) == [.success, .failure])
    }

    @Test("lockoutStatus shows what unlockUser clears")
    func lockoutStatus() async throws {
        let fixture = try await AccountFixture()
        let user = try await fixture.activeUser()
        let clear = try await fixture.flow.lockoutStatus(of: user.id, by: Self.console)
        #expect(clear.count == 4)
        #expect(clear.allSatisfy { $0.decision.isAllowed })
        for index in 0..<40 {
            let client = ClientContext(address: try SourceAddress(parsing: "198.51.100.\(index + 1)"))
            _ = try await fixture.flow.login(identifier: user.email.text, password: "wrong \(index)", client: client)
        }
        #expect(try await fixture.flow.lockoutStatus(of: user.id, by: Self.console).contains { !$0.decision.isAllowed })
        try await fixture.flow.unlockUser(user.id, by: Self.console)
        #expect(
            try await fixture.flow.lockoutStatus(of: user.id, by: Self.console).allSatisfy { $0.decision.isAllowed })
    }

    @Test("replaceRolePolicy replaces everything at once and refreshes the checker; an inconsistent one is refused")
    func replacePolicy() async throws {
        let fixture = try await AccountFixture()
        let user = try await fixture.activeUser()
        let auditor: RoleID = "auditor"
        let replacement = RolePolicy(
            roles: [auditor],
            rules: [PolicyRule(role: auditor, effect: .allow, permissions: try PermissionPattern("leads:read"))],
            assignments: [RoleAssignment(user: user.id, role: auditor, tenant: AccountFixture.tenant)])
        try await fixture.flow.replaceRolePolicy(with: replacement, by: Self.console)
        #expect(try await fixture.flow.stores.roles.policy().policy == replacement)
        #expect(
            fixture.flow.access.isAllowed(
                user: user.id, tenant: AccountFixture.tenant, permission: AccountFixture.readLeads))
        let broken = RolePolicy(
            roles: [], rules: [PolicyRule(role: auditor, effect: .allow, permissions: try PermissionPattern("a:b"))])
        await #expect(throws: LoginFlowError.invalidState) {
            try await fixture.flow.replaceRolePolicy(with: broken, by: Self.console)
        }
        #expect(try await fixture.flow.stores.roles.policy().policy == replacement)
        #expect(try await fixture.events(.administratorAction).first?.reason == "role-policy-replaced")
    }

    @Test("exportAuditTrail: a signed, verifiable export of a time window, itself audited afterwards")
    func exportAudit() async throws {
        let fixture = try await AccountFixture()
        let user = try await fixture.activeUser()
        try await fixture.flow.disableUser(user.id, by: Self.console)
        let middle = fixture.clock.now().addingTimeInterval(30)
        fixture.clock.advance(by: 60)
        try await fixture.flow.enableUser(user.id, by: Self.console)
        let all = try await fixture.flow.exportAuditTrail(since: nil, until: nil, by: Self.console)
        #expect(all.records.map(\.event.kind) == [.userDisabled, .userEnabled])
        #expect(!all.checkpoints.isEmpty)
        let report = AuditVerifier.withoutSignatures.verify(records: all.records, checkpoints: all.checkpoints)
        #expect(report.isIntact)
        let early = try await fixture.flow.exportAuditTrail(since: nil, until: middle, by: Self.console)
        #expect(early.records.map(\.event.kind) == [.userDisabled])
        let late = try await fixture.flow.exportAuditTrail(since: middle, until: nil, by: Self.console)
        // The earlier exports' own records follow, at the same instant.
        #expect(late.records.map(\.event.kind) == [.userEnabled, .administratorAction, .administratorAction])
        let none = try await fixture.flow.exportAuditTrail(since: middle, until: middle, by: Self.console)
        #expect(none.records.isEmpty)
        #expect(try await fixture.events(.administratorAction).count == 4)
    }
}
