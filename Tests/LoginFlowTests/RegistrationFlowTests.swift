import AuditLog
import AuthCore
import Foundation
import PasswordHashing
import PasswordPolicy
import RBAC
import SessionTokens
import TOTP
import Testing

@testable import LoginFlow

@Suite("Accounts: invitations, registration, email verification")
struct RegistrationFlowTests {
    @Test(
        "An invitation creates an invited account; accepting it sets the password, grants the default role and signs in"
    )
    func inviteAndAccept() async throws {
        let fixture = try await AccountFixture()
        let flow = fixture.flow
        let admin = try await fixture.administrator()
        let invitation = try await flow.invite(
            email: "Bea.Costa@Example.com", displayName: "Bea Costa", tenant: AccountFixture.tenant, by: admin)
        #expect(invitation.user.status == .invited)
        #expect(invitation.user.passwordHash == nil)
        #expect(invitation.user.homeTenant == AccountFixture.tenant)
        #expect(!"\(invitation)".contains(invitation.token.revealedText))

        let accepted = try await flow.acceptInvitation(
            token: invitation.token.revealedText, password: AccountFixture.password, client: AccountFixture.client)
        #expect(accepted.message == .invitationAccepted)
        #expect(accepted.user.status == .active)
        let stored = try #require(try await flow.stores.users.user(id: invitation.user.id))
        let hash = try #require(stored.passwordHash)
        #expect(try await flow.hasher.verify(NormalizedPassword(AccountFixture.password), against: hash).matches)
        #expect(try await flow.passwordHistory.contains(NormalizedPassword(AccountFixture.password), userID: stored.id))
        let session = try await flow.sessions.validate(try #require(accepted.session).token.revealedText)
        #expect(session.userID == stored.id)
        #expect(session.tenantID == AccountFixture.tenant)
        #expect(
            flow.access.isAllowed(user: stored.id, tenant: AccountFixture.tenant, permission: AccountFixture.readLeads))

        await #expect(throws: LoginFlowError.identifierTaken) {
            try await flow.invite(
                email: "bea.costa@example.com", displayName: "Bea", tenant: AccountFixture.tenant, by: admin)
        }
        let created = try await fixture.events(.userCreated)
        #expect(created.count == 1)
        #expect(created.first?.actor == admin.userID)
        #expect(created.first?.reason == "invited")
        let activated = try await fixture.events(.userActivated)
        #expect(activated.map(\.reason) == ["invitation-accepted"])
        #expect(try await fixture.events(.roleGranted).first?.subject == stored.id)
    }

    @Test(
        "An invitation for an account that must use MFA signs nobody in: it answers with an enrollment ticket",
        arguments: ["tenant", "role"])
    func invitationRequiringMFA(_ why: String) async throws {
        let fixture = try await AccountFixture { configuration in
            if why == "tenant" { configuration.mfaRequiredTenants = [AccountFixture.tenant] }
            if why == "role" { configuration.mfaRequiredRoles = [AccountFixture.member] }  // the default role
        }
        let flow = fixture.flow
        let admin = try await fixture.administrator()
        let invitation = try await flow.invite(
            email: "bea.costa@example.com", displayName: "Bea Costa", tenant: AccountFixture.tenant, by: admin)
        let sessionsBefore = try await flow.stores.sessions.sessions(userID: invitation.user.id)
        #expect(sessionsBefore.isEmpty)

        let accepted = try await flow.acceptInvitation(
            token: invitation.token.revealedText, password: AccountFixture.password, client: AccountFixture.client)
        #expect(accepted.user.status == .active)
        #expect(accepted.session == nil)
        guard case .mfaEnrollmentRequired(let ticket) = accepted.next else {
            Issue.record("expected an enrollment ticket, got a session")
            return
        }
        #expect(ticket.message == .mfaEnrollmentRequired)
        #expect(!"\(accepted)".contains(ticket.token.revealedText))
        #expect(try await flow.stores.sessions.sessions(userID: invitation.user.id).isEmpty)
        #expect(try await fixture.events(.sessionCreated).isEmpty)
        #expect(try await fixture.events(.mfaChallenged).map(\.reason) == ["enrollment-required"])

        // The ticket works as after a login: enroll TOTP, then a code completes it at the MFA level.
        #expect(try await flow.enrollmentUser(challenge: ticket.token.revealedText) == invitation.user.id)
        let start = try await flow.totpEnrollment.begin(userID: invitation.user.id, account: "bea.costa@example.com")
        let generator = TOTPGenerator(secret: try OTPSecret(base32: start.revealedSecretBase32))
        _ = try await flow.totpEnrollment.confirm(generator.code(at: fixture.clock.now()), userID: invitation.user.id)
        fixture.clock.advance(by: 30)
        let done = try await flow.completeMFA(
            challenge: ticket.token.revealedText, code: generator.code(at: fixture.clock.now()), method: .totp,
            client: AccountFixture.client)
        let login = try #require(done.session)
        #expect(login.session.session.authenticationLevel == .multiFactor)
        #expect(login.session.session.userID == invitation.user.id)
    }

    @Test("An invitation link works once, and not after it expires")
    func invitationLinkSingleUse() async throws {
        let fixture = try await AccountFixture()
        let admin = try await fixture.administrator()
        let first = try await fixture.flow.invite(
            email: "bea@example.com", displayName: "Bea Costa", tenant: AccountFixture.tenant, by: admin)
        _ = try await fixture.flow.acceptInvitation(
            token: first.token.revealedText, password: AccountFixture.password, client: AccountFixture.client)
        await #expect(throws: LoginFlowError.invalidToken) {
            try await fixture.flow.acceptInvitation(
                token: first.token.revealedText, password: AccountFixture.otherPassword, client: AccountFixture.client)
        }
        let second = try await fixture.flow.invite(
            email: "carl@example.com", displayName: "Carl Dias", tenant: AccountFixture.tenant, by: admin)
        fixture.clock.advance(by: OneTimeTokenPurpose.invitation.defaultLifetime + 1)
        await #expect(throws: LoginFlowError.invalidToken) {
            try await fixture.flow.acceptInvitation(
                token: second.token.revealedText, password: AccountFixture.password, client: AccountFixture.client)
        }
        await #expect(throws: LoginFlowError.invalidToken) {
            try await fixture.flow.acceptInvitation(
                token: "crm_o_garbage", password: AccountFixture.password, client: AccountFixture.client)
        }
        #expect(try await fixture.flow.stores.users.user(id: second.user.id)?.status == .invited)
    }

    @Test("A rejected first password lists the reasons and hands a fresh link token that then works")
    func invitationPasswordRejected() async throws {
        let fixture = try await AccountFixture()
        let admin = try await fixture.administrator()
        let invitation = try await fixture.flow.invite(
            email: "bea.costa@example.com", displayName: "Bea Costa", tenant: AccountFixture.tenant, by: admin)
        let error = await #expect(throws: LoginFlowError.passwordRejected) {
            try await fixture.flow.acceptInvitation(
                token: invitation.token.revealedText, password: "Bea Costa costa 2024 bea",
                client: AccountFixture.client)
        }
        let rejection = try #require(error?.underlying as? PasswordRejection)
        #expect(rejection.violations.map(\.code).contains(.containsContextWord))
        let retry = try #require(rejection.retryToken)
        #expect(!"\(rejection)".contains(retry.revealedText))
        await #expect(throws: LoginFlowError.passwordRejected) {
            try await fixture.flow.acceptInvitation(
                token: retry.revealedText, password: "short", client: AccountFixture.client)
        }
        // The first rejection's retry token is used up by the second attempt; its own retry token works.
        await #expect(throws: LoginFlowError.invalidToken) {
            try await fixture.flow.acceptInvitation(
                token: retry.revealedText, password: AccountFixture.password, client: AccountFixture.client)
        }
        let again = try await fixture.flow.invite(
            email: "dan@example.com", displayName: "Dan Faro", tenant: AccountFixture.tenant, by: admin)
        let short = await #expect(throws: LoginFlowError.passwordRejected) {
            try await fixture.flow.acceptInvitation(
                token: again.token.revealedText, password: "short", client: AccountFixture.client)
        }
        let retryToken = try #require((short?.underlying as? PasswordRejection)?.retryToken)
        let accepted = try await fixture.flow.acceptInvitation(
            token: retryToken.revealedText, password: AccountFixture.password, client: AccountFixture.client)
        #expect(accepted.user.status == .active)
    }

    @Test("Inviting needs users:administer in the tenant; a denial is audited")
    func inviteNeedsPermission() async throws {
        let fixture = try await AccountFixture()
        let member = try await fixture.signIn(fixture.activeUser()).1
        await #expect(throws: LoginFlowError.accessDenied) {
            try await fixture.flow.invite(
                email: "eve@example.com", displayName: "Eve", tenant: AccountFixture.tenant, by: member)
        }
        let otherAdmin = try await fixture.administrator(of: AccountFixture.otherTenant)
        await #expect(throws: LoginFlowError.accessDenied) {
            try await fixture.flow.invite(
                email: "eve@example.com", displayName: "Eve", tenant: AccountFixture.tenant, by: otherAdmin)
        }
        let denied = try await fixture.events(.permissionDenied)
        #expect(denied.map(\.actor) == [member.userID, otherAdmin.userID])
        #expect(denied.allSatisfy { $0.outcome == .failure && $0.metadata["permission"] == "users:administer" })
        #expect(try await fixture.flow.stores.users.user(identifier: LoginIdentifier(email: "eve@example.com")) == nil)
    }

    @Test("Registering makes a pending account and a verification link; verifying activates it with the default role")
    func registerAndVerify() async throws {
        let fixture = try await AccountFixture()
        let flow = fixture.flow
        let receipt = try await flow.register(
            email: "Gil@Example.com", displayName: "Gil Reis", password: AccountFixture.password,
            client: AccountFixture.client)
        #expect(receipt.message == .registrationReceived)
        let token = try #require(AccountFixture.token(of: receipt))
        let pending = try #require(
            try await flow.stores.users.user(identifier: LoginIdentifier(email: "gil@example.com")))
        #expect(pending.status == .pendingVerification)
        #expect(pending.email.text == "Gil@Example.com")
        #expect(
            !flow.access.isAllowed(
                user: pending.id, tenant: AccountFixture.tenant, permission: AccountFixture.readLeads))

        let active = try await flow.verifyEmail(token: token.revealedText, client: AccountFixture.client)
        #expect(active.status == .active)
        #expect(
            flow.access.isAllowed(user: pending.id, tenant: AccountFixture.tenant, permission: AccountFixture.readLeads)
        )
        await #expect(throws: LoginFlowError.invalidToken) { try await flow.verifyEmail(token: token.revealedText) }
        let activations = try await fixture.events(.userActivated)
        #expect(activations.map(\.reason) == ["email-verified", "invalid-link"])
        #expect(activations.map(\.outcome) == [.success, .failure])
    }

    @Test("Registering a taken address answers the same and sends a notice instead of a link")
    func registerTakenAddress() async throws {
        let fixture = try await AccountFixture()
        let existing = try await fixture.activeUser("hana@example.com")
        let taken = try await fixture.flow.register(
            email: "HANA@example.com", displayName: "Someone", password: AccountFixture.otherPassword,
            client: AccountFixture.client)
        let fresh = try await fixture.flow.register(
            email: "ivo@example.com", displayName: "Someone", password: AccountFixture.otherPassword,
            client: AccountFixture.client)
        #expect(taken.message == fresh.message)
        #expect("\(taken)" == "\(fresh)")
        guard case .alreadyRegistered(let to) = taken.mail else {
            Issue.record("a taken address gets the notice")
            return
        }
        #expect(to.key == "hana@example.com")
        let unchanged = try #require(try await fixture.flow.stores.users.user(id: existing.id))
        #expect(unchanged == existing)
        // The same weak password is refused the same way for both addresses.
        var reasons: [[PasswordViolation.Code]] = []
        for email in ["hana@example.com", "jo@example.com"] {
            let error = await #expect(throws: LoginFlowError.passwordRejected) {
                try await fixture.flow.register(
                    email: email, displayName: "Someone", password: "password", client: AccountFixture.client)
            }
            reasons.append((error?.underlying as? PasswordRejection)?.violations.map(\.code) ?? [])
        }
        #expect(reasons[0] == reasons[1])
        #expect(reasons[0].contains(.tooShort))
        let failed = try await fixture.events(.userCreated).filter { $0.outcome == .failure }
        #expect(failed.map(\.reason) == ["identifier-taken"])
    }

    @Test("Registering again before confirming replaces the password and voids the earlier link")
    func registerAgainWhilePending() async throws {
        let fixture = try await AccountFixture()
        let first = try await fixture.flow.register(
            email: "kai@example.com", displayName: "Kai", password: AccountFixture.password,
            client: AccountFixture.client)
        let second = try await fixture.flow.register(
            email: "kai@example.com", displayName: "Kai Lopes", password: AccountFixture.otherPassword,
            client: AccountFixture.client)
        let firstToken = try #require(AccountFixture.token(of: first))
        let secondToken = try #require(AccountFixture.token(of: second))
        await #expect(throws: LoginFlowError.invalidToken) {
            try await fixture.flow.verifyEmail(token: firstToken.revealedText)
        }
        let user = try await fixture.flow.verifyEmail(token: secondToken.revealedText)
        #expect(user.displayName == "Kai Lopes")
        let hash = try #require(user.passwordHash)
        #expect(
            try await fixture.flow.hasher.verify(NormalizedPassword(AccountFixture.otherPassword), against: hash)
                .matches)
    }

    @Test("With the loudly named setting, registration says the address is taken")
    func unsafeRevealRegistration() async throws {
        let fixture = try await AccountFixture { $0.unsafelyRevealWhetherAccountsExist = true }
        _ = try await fixture.activeUser("lia@example.com")
        let taken = try await fixture.flow.register(
            email: "lia@example.com", displayName: "Lia", password: AccountFixture.otherPassword,
            client: AccountFixture.client)
        #expect(taken.message == .alreadyRegistered)
    }

    @Test("Malformed input is refused before any account work", arguments: ["not-an-email", "a@b@c", ""])
    func malformedEmail(_ email: String) async throws {
        let fixture = try await AccountFixture()
        await #expect(throws: LoginFlowError.invalidIdentifier) {
            try await fixture.flow.register(
                email: email, displayName: "X", password: AccountFixture.password, client: AccountFixture.client)
        }
        await #expect(throws: LoginFlowError.invalidUser) {
            try await fixture.flow.register(
                email: "ok@example.com", displayName: "  ", password: AccountFixture.password,
                client: AccountFixture.client)
        }
    }

    @Test("A taken address costs the same hashing as a new one: with the hashing pool closed, both answer busy")
    func equalHashingWork() async throws {
        let pool = HashingPool(workerCount: 1, queueLimit: 4)
        let fixture = try await AccountFixture(pool: pool)
        let existing = try await fixture.activeUser("hana@example.com")
        pool.shutdown()
        for email in ["hana@example.com", "new.person@example.com"] {
            let error = await #expect(throws: LoginFlowError.busy) {
                try await fixture.flow.register(
                    email: email, displayName: "Someone", password: AccountFixture.otherPassword,
                    client: AccountFixture.client)
            }
            #expect(UserMessage.forAccountStep(try #require(error)) == .tryAgainShortly)
        }
        #expect(
            try await fixture.flow.stores.users.user(identifier: LoginIdentifier(email: "new.person@example.com"))
                == nil)
        #expect(try await fixture.flow.stores.users.user(id: existing.id) == existing)
    }

    @Test("Every account message has its own code and plain text; every error code maps to one")
    func messages() {
        let all: [UserMessage] = [
            .invitationAccepted, .registrationReceived, .alreadyRegistered, .emailVerified, .linkInvalid,
            .passwordRejected, .passwordChanged, .currentPasswordWrong, .resetLinkSent, .resetNoAccount, .passwordReset,
            .tooManyAttempts, .confirmPassword, .passwordConfirmed, .scanAuthenticatorCode, .twoStepOn, .codeWrong,
            .twoStepOff, .twoStepUnchanged, .recoveryCodesReplaced, .administrationDenied, .administrationDone,
            .changedMeanwhile, .notPossibleNow, .tryAgainShortly,
        ]
        #expect(Set(all.map(\.code)).count == all.count)
        #expect(
            all.allSatisfy {
                $0.code.hasPrefix("account.") && $0.text.count > 3 && $0.text.last.map { ".!".contains($0) } == true
            })
        #expect(UserMessage.forAccountStep(.invalidToken) == .linkInvalid)
        #expect(UserMessage.forAccountStep(.userNotFound) == .linkInvalid)
        #expect(UserMessage.forAccountStep(.passwordRejected) == .passwordRejected)
        #expect(UserMessage.forAccountStep(LoginFlowError(.verificationFailed, AuthFlow.wrongCodeReason)) == .codeWrong)
        #expect(UserMessage.forAccountStep(.accessDenied) == .administrationDenied)
        #expect(UserMessage.forAccountStep(.conflict) == .changedMeanwhile)
        #expect(UserMessage.forAccountStep(.invalidState) == .notPossibleNow)
        #expect(UserMessage.forAccountStep(.unavailable) == .tryAgainShortly)
    }
}
