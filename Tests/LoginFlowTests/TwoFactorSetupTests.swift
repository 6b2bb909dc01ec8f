import AuditLog
import AuthCore
import Foundation
import LockoutPolicy
import SessionTokens
import TOTP
import Testing

@testable import LoginFlow

@Suite("Accounts: TOTP enrollment, recovery codes, recent authentication")
struct TwoFactorSetupTests {
    /// A signed-in user with TOTP on, and the enrollment screen it was set up from.
    static func enrolled(_ fixture: AccountFixture) async throws -> (
        User, Principal, TOTPEnrollmentStart, RecoveryCodeSheet
    ) {
        let user = try await fixture.activeUser()
        let principal = try await fixture.signIn(user).1
        let start = try await fixture.flow.beginTOTPEnrollment(principal: principal)
        let sheet = try await fixture.flow.confirmTOTPEnrollment(
            principal: principal, code: fixture.code(for: start), client: AccountFixture.client)
        return (user, principal, start, sheet)
    }

    @Test("Sensitive steps need a recent authentication; re-authenticating rotates to a fresh session")
    func recentAuthentication() async throws {
        let fixture = try await AccountFixture()
        let flow = fixture.flow
        let user = try await fixture.activeUser()
        let (old, principal) = try await fixture.signIn(user)
        fixture.clock.advance(by: flow.configuration.recentAuthenticationWindow + 1)
        let error = await #expect(throws: LoginFlowError.reauthenticationRequired) {
            try await flow.beginTOTPEnrollment(principal: principal)
        }
        #expect(UserMessage.forAccountStep(try #require(error)) == .confirmPassword)
        await #expect(throws: LoginFlowError.reauthenticationRequired) {
            try await flow.regenerateRecoveryCodes(principal: principal)
        }
        await #expect(throws: LoginFlowError.reauthenticationRequired) {
            try await flow.disableTOTP(principal: principal, proof: "123456", client: AccountFixture.client)
        }
        await #expect(throws: LoginFlowError.verificationFailed) {
            try await flow.reauthenticate(
                principal: principal, password: "wrong wrong wrong", client: AccountFixture.client)
        }
        let fresh = try await flow.reauthenticate(
            principal: principal, password: AccountFixture.password, client: AccountFixture.client)
        #expect(fresh.session.createdAt == fixture.clock.now())
        #expect(fresh.session.tenantID == principal.tenantID)
        await #expect(throws: SessionTokenError.notFound) { try await flow.sessions.validate(old.token.revealedText) }
        let start = try await flow.beginTOTPEnrollment(principal: fixture.principal(of: fresh))
        #expect(start.message == .scanAuthenticatorCode)
        let events = try await fixture.events(.sessionReauthenticated)
        #expect(events.map(\.outcome) == [.failure, .success])
    }

    @Test("Enrollment shows a QR code, a first code turns TOTP on and hands recovery codes once")
    func enroll() async throws {
        let fixture = try await AccountFixture()
        let flow = fixture.flow
        let user = try await fixture.activeUser()
        let principal = try await fixture.signIn(user).1
        let start = try await flow.beginTOTPEnrollment(principal: principal)
        #expect(start.challenge.uri.account == user.email.text)
        #expect(start.challenge.revealedURIString.hasPrefix("otpauth://totp/"))
        #expect(start.qrCode.terminalText().count > 100)
        #expect(!"\(start)".contains(start.challenge.revealedSecretBase32))

        await #expect(throws: LoginFlowError.verificationFailed) {
            try await flow.confirmTOTPEnrollment(principal: principal, code: "000000", client: AccountFixture.client)
        }
        #expect(try await flow.totpEnrollment.isEnabled(userID: user.id) == false)
        let sheet = try await flow.confirmTOTPEnrollment(
            principal: principal, code: fixture.code(for: start), client: AccountFixture.client)
        #expect(sheet.message == .twoStepOn)
        #expect(sheet.codes.count == flow.configuration.recoveryCodeCount)
        #expect(try await flow.totpEnrollment.isEnabled(userID: user.id))
        #expect(try await flow.recoveryCodes.remaining(userID: user.id) == sheet.codes.count)
        await #expect(throws: LoginFlowError.invalidState) { try await flow.beginTOTPEnrollment(principal: principal) }
        let events = try await fixture.events(.totpEnrolled)
        #expect(events.map(\.outcome) == [.failure, .success])
        #expect(events.map(\.reason) == ["wrong-code", nil])
    }

    @Test("The code that confirmed enrollment cannot be used again")
    func confirmationCodeSpent() async throws {
        let fixture = try await AccountFixture()
        let (user, principal, start, _) = try await Self.enrolled(fixture)
        await #expect(throws: LoginFlowError.verificationFailed) {
            try await fixture.flow.disableTOTP(
                principal: principal, proof: fixture.code(for: start), client: AccountFixture.client)
        }
        #expect(try await fixture.flow.totpEnrollment.isEnabled(userID: user.id))
    }

    @Test("New recovery codes replace the old ones")
    func regenerate() async throws {
        let fixture = try await AccountFixture()
        let (user, principal, _, first) = try await Self.enrolled(fixture)
        let second = try await fixture.flow.regenerateRecoveryCodes(principal: principal)
        #expect(second.message == .recoveryCodesReplaced)
        #expect(second.codes.count == first.codes.count)
        #expect(try await fixture.flow.recoveryCodes.redeem(first.codes[0].revealedText, userID: user.id) == false)
        #expect(try await fixture.flow.recoveryCodes.redeem(second.codes[0].revealedText, userID: user.id))
        #expect(try await fixture.events(.recoveryCodesRegenerated).count == 1)
    }

    @Test("Disabling needs a current code or a recovery code, counted by lockout; it removes codes and devices")
    func disable() async throws {
        let fixture = try await AccountFixture()
        let flow = fixture.flow
        let (user, principal, _, sheet) = try await Self.enrolled(fixture)
        _ = try await PasswordFlowTests.rememberDevice(of: user, in: fixture)
        let wrong = await #expect(throws: LoginFlowError.verificationFailed) {
            try await flow.disableTOTP(principal: principal, proof: "ABCD-EFGH-JKMN", client: AccountFixture.client)
        }
        #expect(UserMessage.forAccountStep(try #require(wrong)) == .codeWrong)
        var codes: [LoginFlowError.Code?] = []
        for _ in 0..<10 where codes.last != .throttled {
            codes.append(
                await AccountFixture.failure {
                    try await flow.disableTOTP(
                        principal: principal, proof: "ABCD-EFGH-JKMN", client: AccountFixture.client)
                }?.code)
        }
        #expect(codes.last == .throttled)
        #expect(codes.dropLast().allSatisfy { $0 == .verificationFailed })
        fixture.clock.advance(by: 3600)
        let fresh = try await fixture.signIn(user).1
        let message = try await flow.disableTOTP(
            principal: fresh, proof: sheet.codes[0].revealedText, client: AccountFixture.client)
        #expect(message == .twoStepOff)
        #expect(try await flow.totpEnrollment.isEnabled(userID: user.id) == false)
        #expect(try await flow.recoveryCodes.remaining(userID: user.id) == 0)
        #expect(try await flow.stores.devices.devices(userID: user.id).isEmpty)
        await #expect(throws: LoginFlowError.invalidState) { try await flow.regenerateRecoveryCodes(principal: fresh) }
        await #expect(throws: LoginFlowError.invalidState) {
            try await flow.disableTOTP(
                principal: fresh, proof: sheet.codes[1].revealedText, client: AccountFixture.client)
        }
        let events = try await fixture.events(.totpDisabled)
        #expect(events.last?.outcome == .success)
        #expect(events.dropLast().allSatisfy { $0.outcome == .failure })
        #expect(events.dropLast().map(\.reason).last == "throttled")
    }

    @Test("Confirming with nothing pending, or after the pending secret expired, is refused")
    func nothingPending() async throws {
        let fixture = try await AccountFixture()
        let user = try await fixture.activeUser()
        let principal = try await fixture.signIn(user).1
        await #expect(throws: LoginFlowError.invalidState) {
            try await fixture.flow.confirmTOTPEnrollment(principal: principal, code: "123456")
        }
        let start = try await fixture.flow.beginTOTPEnrollment(principal: principal)
        fixture.clock.advance(by: TOTPEnrollment.defaultPendingLifetime + 1)
        let late = try await fixture.signIn(user).1
        await #expect(throws: LoginFlowError.invalidState) {
            try await fixture.flow.confirmTOTPEnrollment(principal: late, code: fixture.code(for: start))
        }
    }
}
