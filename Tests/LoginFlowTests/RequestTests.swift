import AuditLog
import AuthCore
import Foundation
import InMemoryLogging
import LockoutPolicy
import LoginFlow
import MetricsTestKit
import PasswordHashing
import RBAC
import SessionTokens
import TOTP
import Testing

@Suite("Validate and authorize (flow 5); sign out and own sessions (flow 6)")
struct RequestTests {
    static func policy() throws -> RolePolicy {
        RolePolicy(
            roles: ["sales", "viewer"],
            rules: [
                PolicyRule(
                    role: "sales", effect: .allow, permissions: try PermissionPattern("leads:update"), scope: .own),
                PolicyRule(role: "viewer", effect: .allow, permissions: try PermissionPattern("leads:read")),
            ],
            assignments: [RoleAssignment(user: "u-ana", role: "sales", tenant: "acme")])
    }

    private func signIn(_ fixture: LoginFixture, address: String = "203.0.113.7") async throws -> AuthenticatedLogin {
        try #require(
            try await fixture.flow.login(
                identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client(address)
            ).session)
    }

    @Test("A session validates to a principal with its tenant's roles; authorize follows the policy")
    func authorize() async throws {
        let fixture = try await LoginFixture(roles: try Self.policy())
        try await fixture.addUser()
        let login = try await signIn(fixture)
        let principal = try await fixture.flow.validate(sessionToken: login.session.token.revealedText)
        #expect(principal.roles == ["sales"])
        #expect(principal.tenantID == "acme")
        let update = try Permission("leads:update")
        #expect(await fixture.flow.authorize(principal, update, owner: "u-ana"))
        #expect(await fixture.flow.authorize(principal, update, owner: "u-bo") == false)
        await #expect(throws: LoginFlowError.accessDenied) {
            try await fixture.flow.requirePermission(principal, try Permission("leads:read"))
        }
        let denied = try await fixture.auditEvents(.permissionDenied)
        #expect(denied.map(\.reason) == ["not-granted", "not-granted"])
        #expect(denied.first?.metadata["permission"] == "leads:update")
        #expect(
            fixture.metrics.counterTotal(label: "crmauth_session_validations_total", dimensions: [("result", "valid")])
                == 1)
    }

    @Test("A role granted in the store shows in the next validation")
    func roleRefresh() async throws {
        let fixture = try await LoginFixture(roles: try Self.policy())
        try await fixture.addUser()
        let login = try await signIn(fixture)
        _ = try await fixture.flow.stores.roles.apply(
            [.assign(RoleAssignment(user: "u-ana", role: "viewer", tenant: nil))], expecting: nil)
        let principal = try await fixture.flow.validate(sessionToken: login.session.token.revealedText)
        #expect(principal.roles == ["sales", "viewer"])
        #expect(await fixture.flow.authorize(principal, try Permission("leads:read")))
    }

    @Test("A sensitive permission needs a second factor under the risk policy")
    func stepUp() async throws {
        let sensitive = try Permission("leads:read")
        let fixture = try await LoginFixture(
            roles: try Self.policy(), riskPolicy: DefaultRiskPolicy(sensitivePermissions: [sensitive]))
        try await fixture.addUser()
        _ = try await fixture.flow.stores.roles.apply(
            [.assign(RoleAssignment(user: "u-ana", role: "viewer", tenant: "acme"))], expecting: nil)
        let login = try await signIn(fixture)
        let principal = try await fixture.flow.validate(sessionToken: login.session.token.revealedText)
        #expect(await fixture.flow.authorize(principal, sensitive) == false)
        await #expect(throws: LoginFlowError.reauthenticationRequired) {
            try await fixture.flow.requirePermission(principal, sensitive)
        }
        #expect(try await fixture.auditEvents(.permissionDenied).first?.reason == "step-up-required")
    }

    @Test("Garbage, unknown and expired tokens are invalid")
    func invalid() async throws {
        let fixture = try await LoginFixture()
        try await fixture.addUser()
        let login = try await signIn(fixture)
        await #expect(throws: LoginFlowError.invalidToken) { try await fixture.flow.validate(sessionToken: "nonsense") }
        await #expect(throws: LoginFlowError.invalidToken) {
            try await fixture.flow.validate(sessionToken: SessionToken.generate().revealedText)
        }
        fixture.clock.advance(by: 25 * 3600)
        await #expect(throws: LoginFlowError.invalidToken) {
            try await fixture.flow.validate(
                sessionToken: login.session.token.revealedText, client: try LoginFixture.client())
        }
        #expect(
            fixture.metrics.counterTotal(
                label: "crmauth_session_validations_total", dimensions: [("result", "invalid")]) == 3)
    }

    @Test("Logout ends the session")
    func logout() async throws {
        let fixture = try await LoginFixture()
        try await fixture.addUser()
        let login = try await signIn(fixture)
        #expect(try await fixture.flow.logout(sessionToken: login.session.token.revealedText))
        #expect(try await fixture.flow.logout(sessionToken: login.session.token.revealedText) == false)
        #expect(try await fixture.flow.logout(sessionToken: "garbage") == false)
        await #expect(throws: LoginFlowError.invalidToken) {
            try await fixture.flow.validate(sessionToken: login.session.token.revealedText)
        }
        #expect(try await fixture.auditEvents(.sessionRevoked).map(\.reason) == ["logout"])
    }

    @Test("Logout everywhere ends every session and forgets every remembered device")
    func logoutEverywhere() async throws {
        let fixture = try await LoginFixture()
        try await fixture.addUser()
        let generator = try await fixture.enrollTOTP("u-ana")
        let ticket = try #require(
            try await fixture.flow.login(
                identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client()
            ).challenge)
        let first = try #require(
            try await fixture.flow.completeMFA(
                challenge: ticket.token.revealedText, code: generator.code(at: fixture.clock.now()), method: .totp,
                rememberDevice: true, client: try LoginFixture.client()
            ).session)
        let device = try #require(first.deviceToken)
        let second = try #require(
            try await fixture.flow.login(
                identifier: "ana@example.com", password: LoginFixture.password,
                client: try LoginFixture.client(deviceToken: device)
            ).session)
        let principal = try await fixture.flow.validate(sessionToken: second.session.token.revealedText)
        #expect(try await fixture.flow.logoutEverywhere(principal: principal) == 2)
        for token in [first.session.token, second.session.token] {
            await #expect(throws: LoginFlowError.invalidToken) {
                try await fixture.flow.validate(sessionToken: token.revealedText)
            }
        }
        let again = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password,
            client: try LoginFixture.client(deviceToken: device))
        #expect(again.challenge != nil)
        #expect(try await fixture.auditEvents(.sessionRevoked).last?.reason == "logout-everywhere")
    }

    @Test("Where you're signed in: the list marks the current session; only one's own can be revoked")
    func ownSessions() async throws {
        let fixture = try await LoginFixture()
        try await fixture.addUser()
        try await fixture.addUser("bo@example.com", id: "u-bo")
        let phone = try await signIn(fixture)
        fixture.clock.advance(by: 10)
        let laptop = try await signIn(fixture, address: "198.51.100.4")
        let bo = try #require(
            try await fixture.flow.login(
                identifier: "bo@example.com", password: LoginFixture.password, client: try LoginFixture.client()
            ).session)
        let principal = try await fixture.flow.validate(sessionToken: laptop.session.token.revealedText)
        let list = try await fixture.flow.signedInSessions(principal: principal)
        #expect(list.map(\.id) == [laptop.session.session.id, phone.session.session.id])
        #expect(list.map(\.isCurrent) == [true, false])
        #expect(list.last?.address == "203.0.113.7")
        #expect(try await fixture.flow.revokeSession(id: bo.session.session.id, principal: principal) == false)
        #expect(try await fixture.flow.validate(sessionToken: bo.session.token.revealedText).userID == "u-bo")
        #expect(try await fixture.flow.revokeSession(id: phone.session.session.id, principal: principal))
        #expect(try await fixture.flow.signedInSessions(principal: principal).count == 1)
    }
}
