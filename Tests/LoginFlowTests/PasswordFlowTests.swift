import AuditLog
import AuthCore
import Foundation
import LockoutPolicy
import PasswordHashing
import PasswordPolicy
import SessionTokens
import Testing

@testable import LoginFlow

@Suite("Accounts: changing and resetting the password")
struct PasswordFlowTests {
    /// Stores a remembered device of `user` and returns its token.
    static func rememberDevice(of user: User, in fixture: AccountFixture) async throws -> DeviceToken {
        let token = DeviceToken.generate()
        let now = fixture.clock.now()
        _ = try await fixture.flow.stores.devices.insert(
            RememberedDevice(
                id: .generate(), userID: user.id, label: "Phone", securityStamp: user.securityStamp, createdAt: now,
                lastUsedAt: now, expiresAt: now.addingTimeInterval(86_400)),
            digest: token.digest, limit: 10)
        return token
    }

    @Test("Changing the password keeps the current session (re-issued), ends every other one and every device")
    func changePassword() async throws {
        let fixture = try await AccountFixture()
        let flow = fixture.flow
        let user = try await fixture.activeUser()
        let (current, principal) = try await fixture.signIn(user)
        let (other, _) = try await fixture.signIn(user)
        _ = try await Self.rememberDevice(of: user, in: fixture)
        let link = try await flow.links.issue(
            userID: user.id, purpose: .passwordReset, securityStamp: user.securityStamp)

        let change = try await flow.changePassword(
            principal: principal, current: AccountFixture.password, new: AccountFixture.otherPassword,
            client: AccountFixture.client)
        #expect(change.message == .passwordChanged)
        await #expect(throws: SessionTokenError.notFound) {
            try await flow.sessions.validate(current.token.revealedText)
        }
        await #expect(throws: SessionTokenError.notFound) { try await flow.sessions.validate(other.token.revealedText) }
        let kept = try await flow.sessions.validate(change.session.token.revealedText)
        #expect(kept.userID == user.id)
        #expect(kept.tenantID == principal.tenantID)
        #expect(try await flow.sessions.activeSessions(userID: user.id).map(\.id) == [kept.id])
        #expect(try await flow.stores.devices.devices(userID: user.id).isEmpty)
        await #expect(throws: LoginFlowError.invalidToken) {
            try await flow.resetPassword(
                token: link.revealedText, newPassword: "another fine password 55", client: AccountFixture.client)
        }
        let stored = try #require(try await flow.stores.users.user(id: user.id))
        #expect(stored.securityStamp != user.securityStamp)
        #expect(
            try await flow.hasher.verify(
                NormalizedPassword(AccountFixture.otherPassword), against: stored.passwordHash ?? ""
            )
            .matches)
        #expect(
            try await flow.passwordHistory.contains(NormalizedPassword(AccountFixture.otherPassword), userID: user.id))
        let events = try await fixture.events(.passwordChanged)
        #expect(events.map(\.outcome) == [.success])
        #expect(events.first?.actor == user.id)
    }

    @Test("A wrong current password is refused, audited and counted by lockout until it throttles")
    func wrongCurrentPassword() async throws {
        let fixture = try await AccountFixture()
        let user = try await fixture.activeUser()
        let (session, principal) = try await fixture.signIn(user)
        let error = await #expect(throws: LoginFlowError.verificationFailed) {
            try await fixture.flow.changePassword(
                principal: principal, current: "not my password at all", new: AccountFixture.otherPassword,
                client: AccountFixture.client)
        }
        #expect(UserMessage.forAccountStep(try #require(error)) == .currentPasswordWrong)
        var codes: [LoginFlowError.Code] = []
        for _ in 0..<30 {
            let failure = await AccountFixture.failure {
                _ = try await fixture.flow.changePassword(
                    principal: principal, current: "not my password at all", new: AccountFixture.otherPassword,
                    client: AccountFixture.client)
            }
            guard let failure else { break }
            codes.append(failure.code)
            if failure.code == .throttled {
                #expect((failure.underlying as? RetryLater) != nil)
                #expect(UserMessage.forAccountStep(failure) == .tooManyAttempts)
                break
            }
        }
        #expect(codes.last == .throttled)
        #expect(try await fixture.flow.sessions.validate(session.token.revealedText).id == principal.sessionID)
        let failures = try await fixture.events(.passwordChanged)
        #expect(failures.allSatisfy { $0.outcome == .failure })
        #expect(failures.contains { $0.reason == "wrong-password" })
        #expect(failures.last?.reason == "throttled")
    }

    @Test("The new password must meet the policy and differ from the recent ones")
    func changeRejected() async throws {
        let fixture = try await AccountFixture()
        let user = try await fixture.activeUser()
        let principal = try await fixture.signIn(user).1
        let reused = await #expect(throws: LoginFlowError.passwordRejected) {
            try await fixture.flow.changePassword(
                principal: principal, current: AccountFixture.password, new: AccountFixture.password,
                client: AccountFixture.client)
        }
        #expect((reused?.underlying as? PasswordRejection)?.violations.map(\.code) == [.reused])
        let weak = await #expect(throws: LoginFlowError.passwordRejected) {
            try await fixture.flow.changePassword(
                principal: principal, current: AccountFixture.password, new: "ana lima ana lima 12",
                client: AccountFixture.client)
        }
        let codes = (weak?.underlying as? PasswordRejection)?.violations.map(\.code) ?? []
        #expect(codes.contains(.containsContextWord))
        #expect(try await fixture.flow.stores.users.user(id: user.id)?.securityStamp == user.securityStamp)
    }

    @Test(
        "A reset request answers the same for known, unknown and disabled addresses; only a known active one gets mail")
    func resetRequestSameAnswer() async throws {
        let fixture = try await AccountFixture()
        let user = try await fixture.activeUser()
        var disabled = try await fixture.activeUser("off@example.com", name: "Off User")
        disabled.status = .disabled
        _ = try await fixture.flow.stores.users.update(disabled, expectedVersion: disabled.version)
        let known = try await fixture.flow.requestPasswordReset(
            email: "ANA.LIMA@example.com", client: AccountFixture.client)
        let unknown = try await fixture.flow.requestPasswordReset(
            email: "nobody@example.com", client: AccountFixture.client)
        let off = try await fixture.flow.requestPasswordReset(email: "off@example.com", client: AccountFixture.client)
        #expect(known.message == .resetLinkSent)
        #expect(unknown.message == known.message)
        #expect(off.message == known.message)
        #expect("\(known)" == "\(unknown)")
        #expect(String(reflecting: known) == String(reflecting: unknown))
        #expect(AccountFixture.token(of: unknown) == nil)
        #expect(AccountFixture.token(of: off) == nil)
        guard case .resetLink(let to, _, _) = known.mail else {
            Issue.record("a known address gets a link")
            return
        }
        #expect(to == user.email)
        let events = try await fixture.events(.passwordResetRequested)
        #expect(events.map(\.outcome) == [.success, .failure, .failure])
        #expect(events.map(\.reason) == [nil, "unknown-identifier", "inactive-account"])
    }

    @Test("With the loudly named setting, a reset request for an unknown address says so")
    func unsafeRevealReset() async throws {
        let fixture = try await AccountFixture { $0.unsafelyRevealWhetherAccountsExist = true }
        let unknown = try await fixture.flow.requestPasswordReset(
            email: "nobody@example.com", client: AccountFixture.client)
        #expect(unknown.message == .resetNoAccount)
    }

    @Test("Resetting sets the new password, ends every session and device, and signs nobody in")
    func resetPassword() async throws {
        let fixture = try await AccountFixture()
        let flow = fixture.flow
        let user = try await fixture.activeUser()
        let (session, _) = try await fixture.signIn(user)
        _ = try await Self.rememberDevice(of: user, in: fixture)
        let request = try await flow.requestPasswordReset(email: "ana.lima@example.com", client: AccountFixture.client)
        let token = try #require(AccountFixture.token(of: request))
        let message = try await flow.resetPassword(
            token: token.revealedText, newPassword: AccountFixture.otherPassword, client: AccountFixture.client)
        #expect(message == .passwordReset)
        await #expect(throws: (any Error).self) { try await flow.sessions.validate(session.token.revealedText) }
        #expect(try await flow.stores.sessions.sessions(userID: user.id).isEmpty)
        #expect(try await flow.stores.devices.devices(userID: user.id).isEmpty)
        let stored = try #require(try await flow.stores.users.user(id: user.id))
        #expect(
            try await flow.hasher.verify(
                NormalizedPassword(AccountFixture.otherPassword), against: stored.passwordHash ?? ""
            )
            .matches)
        await #expect(throws: LoginFlowError.invalidToken) {
            try await flow.resetPassword(
                token: token.revealedText, newPassword: "yet another long phrase 77", client: AccountFixture.client)
        }
        let completed = try await fixture.events(.passwordResetCompleted)
        #expect(completed.map(\.outcome) == [.success, .failure])
        #expect(completed.first?.subject == user.id)
    }

    @Test("A reset link expires, and dies when the password changes meanwhile")
    func resetLinkExpiresAndDies() async throws {
        let fixture = try await AccountFixture()
        let user = try await fixture.activeUser()
        let expiring = try await fixture.flow.requestPasswordReset(
            email: "ana.lima@example.com", client: AccountFixture.client)
        fixture.clock.advance(by: OneTimeTokenPurpose.passwordReset.defaultLifetime + 1)
        await #expect(throws: LoginFlowError.invalidToken) {
            try await fixture.flow.resetPassword(
                token: AccountFixture.token(of: expiring)?.revealedText ?? "",
                newPassword: AccountFixture.otherPassword,
                client: AccountFixture.client)
        }
        let pending = try await fixture.flow.requestPasswordReset(
            email: "ana.lima@example.com", client: ClientContext(address: try SourceAddress(parsing: "198.51.100.9")))
        let principal = try await fixture.signIn(user).1
        _ = try await fixture.flow.changePassword(
            principal: principal, current: AccountFixture.password, new: AccountFixture.otherPassword,
            client: AccountFixture.client)
        await #expect(throws: LoginFlowError.invalidToken) {
            try await fixture.flow.resetPassword(
                token: AccountFixture.token(of: pending)?.revealedText ?? "", newPassword: "yet another long phrase 77",
                client: AccountFixture.client)
        }
    }

    @Test("A rejected reset password hands a fresh token, which then works")
    func resetRejected() async throws {
        let fixture = try await AccountFixture()
        _ = try await fixture.activeUser()
        let request = try await fixture.flow.requestPasswordReset(
            email: "ana.lima@example.com", client: AccountFixture.client)
        let error = await #expect(throws: LoginFlowError.passwordRejected) {
            try await fixture.flow.resetPassword(
                token: AccountFixture.token(of: request)?.revealedText ?? "", newPassword: AccountFixture.password,
                client: AccountFixture.client)
        }
        let rejection = try #require(error?.underlying as? PasswordRejection)
        #expect(rejection.violations.map(\.code) == [.reused])
        let retry = try #require(rejection.retryToken)
        try await fixture.flow.resetPassword(
            token: retry.revealedText, newPassword: AccountFixture.otherPassword, client: AccountFixture.client)
    }

    @Test("The same reset token redeemed by 64 racers: exactly one succeeds")
    func resetRace() async throws {
        let fixture = try await AccountFixture()
        _ = try await fixture.activeUser()
        let request = try await fixture.flow.requestPasswordReset(
            email: "ana.lima@example.com", client: AccountFixture.client)
        let token = try #require(AccountFixture.token(of: request)).revealedText
        let flow = fixture.flow
        let outcomes = await withTaskGroup(of: LoginFlowError.Code?.self) { group in
            for racer in 0..<64 {
                group.addTask {
                    await AccountFixture.failure {
                        try await flow.resetPassword(
                            token: token, newPassword: "racer number \(racer) picks a long phrase",
                            client: AccountFixture.client)
                    }?.code
                }
            }
            var all: [LoginFlowError.Code?] = []
            for await outcome in group { all.append(outcome) }
            return all
        }
        #expect(outcomes.filter { $0 == nil }.count == 1)
        #expect(outcomes.compactMap { $0 }.allSatisfy { $0 == .invalidToken })
    }

    @Test("Reset requests are counted per source: a flood is throttled")
    func resetRequestsThrottled() async throws {
        let fixture = try await AccountFixture()
        var throttled = false
        for index in 0..<40 {
            let failure = await AccountFixture.failure {
                _ = try await fixture.flow.requestPasswordReset(
                    email: "target\(index % 3)@example.com", client: AccountFixture.client)
            }
            if failure?.code == .throttled {
                throttled = true
                break
            }
        }
        #expect(throttled)
        // Another source is not affected.
        let other = ClientContext(address: try SourceAddress(parsing: "198.51.100.20"))
        _ = try await fixture.flow.requestPasswordReset(email: "someone@example.com", client: other)
    }
}
