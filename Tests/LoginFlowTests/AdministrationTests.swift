import AuditLog
import AuthCore
import Foundation
import LockoutPolicy
import RBAC
import SessionTokens
import Testing

@testable import LoginFlow

@Suite("Accounts: administrators")
struct AdministrationTests {
    @Test("Disabling a user ends every session at once: a session valid before fails after")
    func disable() async throws {
        let fixture = try await AccountFixture()
        let flow = fixture.flow
        let admin = try await fixture.administrator()
        let user = try await fixture.activeUser()
        let (session, _) = try await fixture.signIn(user)
        _ = try await PasswordFlowTests.rememberDevice(of: user, in: fixture)
        #expect(try await flow.sessions.validate(session.token.revealedText).userID == user.id)

        let disabled = try await flow.disableUser(user.id, by: admin)
        #expect(disabled.status == .disabled)
        await #expect(throws: SessionTokenError.notFound) {
            try await flow.sessions.validate(session.token.revealedText)
        }
        #expect(try await flow.stores.devices.devices(userID: user.id).isEmpty)
        let event = try #require(try await fixture.events(.userDisabled).first)
        #expect(event.actor == admin.userID)
        #expect(event.subject == user.id)
    }

    @Test("A session issued while disabled by a stale stamp still fails: the stamp is checked, not only the rows")
    func disableVoidsStamp() async throws {
        let fixture = try await AccountFixture()
        let admin = try await fixture.administrator()
        let user = try await fixture.activeUser()
        // A session inserted under the old stamp after the disable (a login racing it) is void too.
        _ = try await fixture.flow.disableUser(user.id, by: admin)
        let late = try await fixture.flow.sessions.issue(userID: user.id, securityStamp: user.securityStamp)
        await #expect(throws: SessionTokenError.stampMismatch) {
            try await fixture.flow.sessions.validate(late.token.revealedText)
        }
    }

    @Test("Enabling makes the account active again; its old sessions stay dead")
    func enable() async throws {
        let fixture = try await AccountFixture()
        let admin = try await fixture.administrator()
        let user = try await fixture.activeUser()
        let (session, _) = try await fixture.signIn(user)
        await #expect(throws: LoginFlowError.invalidState) { try await fixture.flow.enableUser(user.id, by: admin) }
        _ = try await fixture.flow.disableUser(user.id, by: admin)
        let enabled = try await fixture.flow.enableUser(user.id, by: admin)
        #expect(enabled.status == .active)
        await #expect(throws: (any Error).self) { try await fixture.flow.sessions.validate(session.token.revealedText) }
        let (fresh, _) = try await fixture.signIn(enabled)
        #expect(try await fixture.flow.sessions.validate(fresh.token.revealedText).userID == user.id)
        #expect(try await fixture.events(.userEnabled).first?.actor == admin.userID)
    }

    @Test("Every administrator action needs users:administer in the user's tenant; denials are audited")
    func denied() async throws {
        let fixture = try await AccountFixture()
        let flow = fixture.flow
        let user = try await fixture.activeUser()
        let member = try await fixture.signIn(try await fixture.activeUser("member@example.com", name: "Mem Ber")).1
        let foreign = try await fixture.administrator(of: AccountFixture.otherTenant)
        for principal in [member, foreign] {
            await #expect(throws: LoginFlowError.accessDenied) { try await flow.disableUser(user.id, by: principal) }
            await #expect(throws: LoginFlowError.accessDenied) { try await flow.enableUser(user.id, by: principal) }
            await #expect(throws: LoginFlowError.accessDenied) { try await flow.unlockUser(user.id, by: principal) }
            await #expect(throws: LoginFlowError.accessDenied) {
                try await flow.forcePasswordChange(user.id, by: principal)
            }
            await #expect(throws: LoginFlowError.accessDenied) {
                try await flow.grantRole(
                    AccountFixture.admin, to: principal.userID, in: AccountFixture.tenant, by: principal)
            }
            await #expect(throws: LoginFlowError.accessDenied) {
                try await flow.revokeRole(
                    AccountFixture.member, from: user.id, in: AccountFixture.tenant, by: principal)
            }
            await #expect(throws: LoginFlowError.accessDenied) {
                try await flow.recentSecurityEvents(of: user.id, limit: 10, by: principal)
            }
        }
        let denials = try await fixture.events(.permissionDenied)
        #expect(denials.count == 14)
        #expect(Set(denials.compactMap(\.actor)) == [member.userID, foreign.userID])
        #expect(try await flow.stores.users.user(id: user.id)?.status == .active)
        // An unknown id is refused the same way to someone without the permission.
        await #expect(throws: LoginFlowError.accessDenied) { try await flow.disableUser("nobody", by: member) }
        let admin = try await fixture.administrator()
        await #expect(throws: LoginFlowError.userNotFound) { try await flow.disableUser("nobody", by: admin) }
    }

    @Test("regression: an administrator's unlock left the person locked out by the counter of their own address")
    func unlockOwnAddress() async throws {
        // The pair counter (this account from this address) locks first when a person mistypes their
        // own password; the unlock cleared only account-wide counters, so the administrator's page said
        // "not paused" while the person still could not sign in.
        let fixture = try await AccountFixture()
        let flow = fixture.flow
        let admin = try await fixture.administrator()
        let user = try await fixture.activeUser()
        let office = ClientContext(address: try SourceAddress(parsing: "203.0.113.80"))
        var last: LoginOutcome?
        for index in 0..<20 {
            last = try await flow.login(identifier: user.email.text, password: "typo \(index)", client: office)
            guard case .throttled(let wait?, _) = last else { continue }
            if wait >= 60 { break }
            fixture.clock.advance(by: wait + 1)  // a short delay: the person waits it out and tries again
        }
        guard case .throttled(let wait?, _) = last else {
            Issue.record("expected a lock, got \(String(describing: last?.name))")
            return
        }
        #expect(wait >= 60, "a lock of minutes, not a short delay")
        #expect(try await flow.lockoutStatus(of: user.id, by: admin).contains { !$0.decision.isAllowed })

        try await flow.unlockUser(user.id, by: admin)
        #expect(try await flow.lockoutStatus(of: user.id, by: admin).allSatisfy { $0.decision.isAllowed })
        let outcome = try await flow.login(
            identifier: user.email.text, password: AccountFixture.password, client: office)
        #expect(outcome.session != nil, "signed in from the same address after the unlock: \(outcome.name)")
    }

    @Test("Unlocking lifts the account's lockout")
    func unlock() async throws {
        let fixture = try await AccountFixture()
        let flow = fixture.flow
        let admin = try await fixture.administrator()
        let user = try await fixture.activeUser()
        let principal = try await fixture.signIn(user).1
        // Strangers from many addresses lock the account counter.
        for index in 0..<40 {
            let client = ClientContext(address: try SourceAddress(parsing: "198.51.100.\(index + 1)"))
            _ = await AccountFixture.failure {
                _ = try await flow.changePassword(
                    principal: principal, current: "wrong guess number \(index)", new: AccountFixture.otherPassword,
                    client: client)
            }
        }
        let keys = flow.throttle.accountKeys(user.email.key)
        #expect(try await flow.throttle.status(of: keys).contains { !$0.decision.isAllowed })
        try await flow.unlockUser(user.id, by: admin)
        #expect(try await flow.throttle.status(of: keys).allSatisfy { $0.decision.isAllowed })
        let change = try await flow.changePassword(
            principal: principal, current: AccountFixture.password, new: AccountFixture.otherPassword,
            client: ClientContext(address: try SourceAddress(parsing: "192.0.2.50")))
        #expect(change.message == .passwordChanged)
        #expect(try await fixture.events(.userUnlocked).first?.actor == admin.userID)
        // Reset requests for the address from many sources lock its reset counter; unlocking lifts it.
        for index in 0..<40 {
            let client = ClientContext(address: try SourceAddress(parsing: "198.18.0.\(index + 1)"))
            _ = await AccountFixture.failure {
                _ = try await flow.requestPasswordReset(email: user.email.text, client: client)
            }
        }
        let resetKeys = flow.throttle.accountKeys("reset:" + user.email.key)
        #expect(try await flow.throttle.status(of: resetKeys).contains { !$0.decision.isAllowed })
        try await flow.unlockUser(user.id, by: admin)
        #expect(try await flow.throttle.status(of: resetKeys).allSatisfy { $0.decision.isAllowed })
    }

    @Test("Forcing a password change flags the account and ends its sessions")
    func forceChange() async throws {
        let fixture = try await AccountFixture()
        let admin = try await fixture.administrator()
        let user = try await fixture.activeUser()
        let (session, _) = try await fixture.signIn(user)
        let forced = try await fixture.flow.forcePasswordChange(user.id, by: admin)
        #expect(forced.passwordChangeRequired)
        await #expect(throws: (any Error).self) { try await fixture.flow.sessions.validate(session.token.revealedText) }
        #expect(try await fixture.events(.passwordChangeForced).first?.actor == admin.userID)
        // Changing the password clears the flag.
        let principal = try await fixture.signIn(forced).1
        _ = try await fixture.flow.changePassword(
            principal: principal, current: AccountFixture.password, new: AccountFixture.otherPassword,
            client: AccountFixture.client)
        #expect(try await fixture.flow.stores.users.user(id: user.id)?.passwordChangeRequired == false)
    }

    @Test("Granting and revoking a role goes through the role store and is seen by the next check")
    func roles() async throws {
        let fixture = try await AccountFixture()
        let flow = fixture.flow
        let admin = try await fixture.administrator()
        let user = try await fixture.activeUser()
        let before = try await flow.stores.roles.version()
        try await flow.grantRole(AccountFixture.member, to: user.id, in: AccountFixture.tenant, by: admin)
        #expect(try await flow.stores.roles.version() == before + 1)
        #expect(
            flow.access.isAllowed(user: user.id, tenant: AccountFixture.tenant, permission: AccountFixture.readLeads))
        // Granting a held role leaves the policy alone.
        try await flow.grantRole(AccountFixture.member, to: user.id, in: AccountFixture.tenant, by: admin)
        #expect(try await flow.stores.roles.version() == before + 1)
        try await flow.revokeRole(AccountFixture.member, from: user.id, in: AccountFixture.tenant, by: admin)
        #expect(try await flow.stores.roles.version() == before + 2)
        #expect(
            !flow.access.isAllowed(user: user.id, tenant: AccountFixture.tenant, permission: AccountFixture.readLeads))
        await #expect(throws: LoginFlowError.invalidState) {
            try await flow.grantRole("no-such-role", to: user.id, in: AccountFixture.tenant, by: admin)
        }
        let granted = try await fixture.events(.roleGranted)
        #expect(granted.map(\.reason) == [nil, "unchanged"])
        #expect(granted.allSatisfy { $0.actor == admin.userID && $0.metadata["role"] == "member" })
        #expect(try await fixture.events(.roleRevoked).first?.subject == user.id)
    }

    @Test("Concurrent grants: each lands or answers conflict (after one retry), none is lost silently")
    func concurrentGrants() async throws {
        let fixture = try await AccountFixture()
        let flow = fixture.flow
        let admin = try await fixture.administrator()
        var users: [User] = []
        for index in 0..<8 {
            users.append(try await fixture.activeUser("u\(index)@example.com", name: "User \(index)"))
        }
        let failures = await withTaskGroup(of: LoginFlowError.Code?.self) { group in
            for user in users {
                group.addTask {
                    await AccountFixture.failure {
                        try await flow.grantRole(
                            AccountFixture.member, to: user.id, in: AccountFixture.tenant, by: admin)
                    }?.code
                }
            }
            var codes: [LoginFlowError.Code] = []
            for await code in group { if let code { codes.append(code) } }
            return codes
        }
        // A grant either lands or reports a conflict to repeat; none is lost silently.
        #expect(failures.allSatisfy { $0 == .conflict })
        let granted = users.filter {
            flow.access.isAllowed(user: $0.id, tenant: AccountFixture.tenant, permission: AccountFixture.readLeads)
        }
        #expect(granted.count == users.count - failures.count)
    }

    @Test("A user's recent security events, newest first, as actor or subject; the reading is audited")
    func recentEvents() async throws {
        let fixture = try await AccountFixture()
        let flow = fixture.flow
        let admin = try await fixture.administrator()
        let user = try await fixture.activeUser()
        let principal = try await fixture.signIn(user).1
        _ = try await flow.changePassword(
            principal: principal, current: AccountFixture.password, new: AccountFixture.otherPassword,
            client: AccountFixture.client)
        fixture.clock.advance(by: 1)
        _ = try await flow.disableUser(user.id, by: admin)
        let events = try await flow.recentSecurityEvents(of: user.id, limit: 10, by: admin)
        #expect(events.map(\.event.kind) == [.userDisabled, .passwordChanged])
        #expect(events[0].sequence > events[1].sequence)
        let limited = try await flow.recentSecurityEvents(of: user.id, limit: 1, by: admin)
        // The first reading is itself an event about the user, and now the newest.
        #expect(limited.map(\.event.kind) == [.securityEventsViewed])
        await #expect(throws: LoginFlowError.limitExceeded) {
            try await flow.recentSecurityEvents(of: user.id, limit: 0, by: admin)
        }
        let viewed = try await fixture.events(.securityEventsViewed)
        #expect(viewed.count == 2)
        #expect(viewed.allSatisfy { $0.actor == admin.userID && $0.subject == user.id })
    }
}
