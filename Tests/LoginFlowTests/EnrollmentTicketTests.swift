import AuditLog
import AuthCore
import Foundation
import LoginFlow
import SessionTokens
import TOTP
import Testing

@Suite("Enrolling TOTP with an enrollment ticket, and the sign-in it finishes")
struct EnrollmentTicketTests {
    /// Ana must use a second factor and has none: her right password answers with an enrollment ticket.
    private func ticket(_ fixture: LoginFixture) async throws -> MFAEnrollmentTicket {
        try await fixture.addUser(mfa: .required)
        let outcome = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client())
        guard case .mfaEnrollmentRequired(let ticket) = outcome else {
            throw LoginFlowError(.invalidState, "expected mfaEnrollmentRequired, got \(outcome.name)")
        }
        return ticket
    }

    @Test("one code turns TOTP on, hands out the recovery codes once and signs in at the MFA level")
    func enrollAndSignIn() async throws {
        let fixture = try await LoginFixture()
        let ticket = try await ticket(fixture)
        let start = try await fixture.flow.beginTOTPEnrollment(ticket: ticket.token.revealedText)
        #expect(start.message == .scanAuthenticatorCode)
        let generator = TOTPGenerator(secret: try OTPSecret(base32: start.challenge.revealedSecretBase32))
        let code = generator.code(at: fixture.clock.now())

        let enrolled = try await fixture.flow.completeTOTPEnrollment(
            ticket: ticket.token.revealedText, code: code, rememberDevice: true, client: try LoginFixture.client())
        let signedIn = try #require(enrolled.outcome.session)
        #expect(signedIn.session.session.authenticationLevel == .multiFactor)
        #expect(signedIn.deviceToken != nil)
        let sheet = try #require(enrolled.recoveryCodes)
        #expect(sheet.codes.count == RecoveryCode.defaultCount)
        #expect(sheet.message == .twoStepOn)
        #expect(try await fixture.flow.totpEnrollment.isEnabled(userID: "u-ana"))
        #expect(try await fixture.flow.recoveryCodes.remaining(userID: "u-ana") == RecoveryCode.defaultCount)
        let description = String(describing: enrolled)
        #expect(!description.contains(sheet.codes[0].revealedText) && !description.contains(code))

        let enrolledEvents = try await fixture.auditEvents(.totpEnrolled)
        #expect(enrolledEvents.map(\.outcome) == [.success])
        #expect(try await fixture.auditEvents(.mfaSucceeded).first?.metadata["enrolled"] == "true")

        // The ticket is used up: it neither starts another enrollment nor signs in again.
        await #expect(throws: LoginFlowError.invalidToken) {
            try await fixture.flow.beginTOTPEnrollment(ticket: ticket.token.revealedText)
        }
        fixture.clock.advance(by: 30)
        let again = try await fixture.flow.completeTOTPEnrollment(
            ticket: ticket.token.revealedText, code: generator.code(at: fixture.clock.now()),
            client: try LoginFixture.client())
        #expect(again.outcome.message == .mfaChallengeExpired && again.recoveryCodes == nil)

        // The next sign-in asks for a code, which the new authenticator gives.
        let next = try #require(
            try await fixture.flow.login(
                identifier: "ana@example.com", password: LoginFixture.password,
                client: try LoginFixture.client(
                    "198.51.100.9")
            ).challenge)
        let second = try await fixture.flow.completeMFA(
            challenge: next.token.revealedText, code: generator.code(at: fixture.clock.now()),
            method: .totp, client: try LoginFixture.client("198.51.100.9"))
        #expect(second.session != nil)
    }

    @Test("a wrong code is counted on the ticket, which dies after the maximum; TOTP stays off")
    func wrongCodes() async throws {
        let fixture = try await LoginFixture { $0.mfaMaximumFailures = 3 }
        let ticket = try await ticket(fixture)
        let start = try await fixture.flow.beginTOTPEnrollment(ticket: ticket.token.revealedText)
        let generator = TOTPGenerator(secret: try OTPSecret(base32: start.challenge.revealedSecretBase32))
        var messages: [UserMessage?] = []
        for _ in 0..<3 {
            let right = generator.code(at: fixture.clock.now())
            let answer = try await fixture.flow.completeTOTPEnrollment(
                ticket: ticket.token.revealedText, code: right == "000000" ? "111111" : "000000",
                client: try LoginFixture.client())
            #expect(answer.recoveryCodes == nil)
            messages.append(answer.outcome.message)
            fixture.clock.advance(by: 31)
        }
        #expect(messages == [.mfaCodeWrong, .mfaCodeWrong, .mfaChallengeExpired])
        let late = try await fixture.flow.completeTOTPEnrollment(
            ticket: ticket.token.revealedText, code: generator.code(at: fixture.clock.now()),
            client: try LoginFixture.client())
        #expect(late.outcome.message == .mfaChallengeExpired)
        #expect(try await fixture.flow.totpEnrollment.isEnabled(userID: "u-ana") == false)
        #expect(try await fixture.auditEvents(.totpEnrolled).allSatisfy { $0.outcome == .failure })
    }

    @Test("a second-factor challenge, or nonsense, is not an enrollment ticket")
    func notATicket() async throws {
        let fixture = try await LoginFixture()
        try await fixture.addUser()
        let generator = try await fixture.enrollTOTP("u-ana")
        let challenge = try #require(
            try await fixture.flow.login(
                identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client()
            ).challenge)
        for text in [challenge.token.revealedText, "crm_o_nonsense", ""] {
            await #expect(throws: LoginFlowError.invalidToken) {
                try await fixture.flow.beginTOTPEnrollment(ticket: text)
            }
            let answer = try await fixture.flow.completeTOTPEnrollment(
                ticket: text, code: generator.code(at: fixture.clock.now()), client: try LoginFixture.client())
            #expect(answer.outcome.message == .mfaChallengeExpired && answer.recoveryCodes == nil)
        }
        // The challenge itself still works for what it is.
        let signedIn = try await fixture.flow.completeMFA(
            challenge: challenge.token.revealedText, code: generator.code(at: fixture.clock.now()), method: .totp,
            client: try LoginFixture.client())
        #expect(signedIn.session != nil)
    }

    @Test("with no enrollment begun the answer is invalidState, and nothing is counted against the person")
    func nothingPending() async throws {
        let fixture = try await LoginFixture()
        let ticket = try await ticket(fixture)
        // More tries than the account's lockout allows: each charge is taken back.
        for _ in 0..<12 {
            await #expect(throws: LoginFlowError.invalidState) {
                try await fixture.flow.completeTOTPEnrollment(
                    ticket: ticket.token.revealedText, code: "123456", client: try LoginFixture.client())
            }
        }
        let start = try await fixture.flow.beginTOTPEnrollment(ticket: ticket.token.revealedText)
        let generator = TOTPGenerator(secret: try OTPSecret(base32: start.challenge.revealedSecretBase32))
        let enrolled = try await fixture.flow.completeTOTPEnrollment(
            ticket: ticket.token.revealedText, code: generator.code(at: fixture.clock.now()),
            client: try LoginFixture.client())
        #expect(enrolled.outcome.session != nil)
    }
}
