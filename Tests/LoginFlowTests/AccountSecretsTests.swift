import AuditLog
import AuthCore
import Foundation
import SessionTokens
import TOTP
import Testing

@testable import LoginFlow

@Suite("Accounts: no secret in audit records, log lines or descriptions")
struct AccountSecretsTests {
    @Test("Every account flow, run end to end, leaves no password, token or code anywhere it records")
    func noSecretRecorded() async throws {
        let fixture = try await AccountFixture()
        let flow = fixture.flow
        let client = AccountFixture.client
        var secrets: [String] = [AccountFixture.password, AccountFixture.otherPassword]
        var descriptions: [String] = []
        let admin = try await fixture.administrator()

        let invitation = try await flow.invite(
            email: "nia@example.com", displayName: "Nia Sol", tenant: AccountFixture.tenant, by: admin)
        secrets.append(invitation.token.revealedText)
        descriptions += ["\(invitation)", String(reflecting: invitation)]
        let rejectedPassword = "Nia Sol nia sol 2024 nia"
        secrets.append(rejectedPassword)
        let rejected = await AccountFixture.failure {
            _ = try await flow.acceptInvitation(
                token: invitation.token.revealedText, password: rejectedPassword, client: client)
        }
        let rejection = try #require(rejected?.underlying as? PasswordRejection)
        let retry = try #require(rejection.retryToken)
        secrets.append(retry.revealedText)
        descriptions += ["\(try #require(rejected))", "\(rejection)", String(reflecting: rejection)]
        let accepted = try await flow.acceptInvitation(
            token: retry.revealedText, password: AccountFixture.password, client: client)
        secrets.append(try #require(accepted.session).token.revealedText)
        descriptions += ["\(accepted)", String(reflecting: accepted)]

        let receipt = try await flow.register(
            email: "omar@example.com", displayName: "Omar Tal", password: AccountFixture.password, client: client)
        let verification = try #require(AccountFixture.token(of: receipt))
        secrets.append(verification.revealedText)
        descriptions += ["\(receipt)", String(reflecting: receipt)]
        try await flow.verifyEmail(token: verification.revealedText, client: client)

        let user = try await fixture.activeUser("pia@example.com", name: "Pia Ulm")
        let principal = try await fixture.signIn(user).1
        let wrongPassword = "definitely not the password"
        secrets.append(wrongPassword)
        _ = await AccountFixture.failure {
            _ = try await flow.changePassword(
                principal: principal, current: wrongPassword, new: AccountFixture.otherPassword, client: client)
        }
        fixture.clock.advance(by: 3600)
        let change = try await flow.changePassword(
            principal: principal, current: AccountFixture.password, new: AccountFixture.otherPassword, client: client)
        secrets.append(change.session.token.revealedText)
        descriptions += ["\(change)", String(reflecting: change)]

        let request = try await flow.requestPasswordReset(email: "pia@example.com", client: client)
        let resetToken = try #require(AccountFixture.token(of: request))
        secrets.append(resetToken.revealedText)
        descriptions += ["\(request)", String(reflecting: request)]
        let newest = "third phrase about a quiet garden"
        secrets.append(newest)
        try await flow.resetPassword(token: resetToken.revealedText, newPassword: newest, client: client)

        let fresh = try await fixture.signIn(user).1
        let reauthenticated = try await flow.reauthenticate(principal: fresh, password: newest, client: client)
        secrets.append(reauthenticated.token.revealedText)
        let current = fixture.principal(of: reauthenticated)
        let start = try await flow.beginTOTPEnrollment(principal: current)
        secrets += [start.challenge.revealedSecretBase32, start.challenge.revealedURIString]
        descriptions += ["\(start)", String(reflecting: start)]
        let code = fixture.code(for: start)
        let sheet = try await flow.confirmTOTPEnrollment(principal: current, code: code, client: client)
        secrets += sheet.codes.map(\.revealedText)
        descriptions += ["\(sheet)", String(reflecting: sheet)]
        let regenerated = try await flow.regenerateRecoveryCodes(principal: current)
        secrets += regenerated.codes.map(\.revealedText)
        try await flow.disableTOTP(principal: current, proof: regenerated.codes[0].revealedText, client: client)

        _ = try await flow.disableUser(user.id, by: admin)
        _ = try await flow.enableUser(user.id, by: admin)
        try await flow.unlockUser(user.id, by: admin)
        _ = try await flow.forcePasswordChange(user.id, by: admin)
        try await flow.grantRole(AccountFixture.admin, to: user.id, in: AccountFixture.tenant, by: admin)
        try await flow.revokeRole(AccountFixture.admin, from: user.id, in: AccountFixture.tenant, by: admin)
        let events = try await flow.recentSecurityEvents(of: user.id, limit: 100, by: admin)
        #expect(events.count > 10)

        let recorded = try await fixture.everythingRecorded()
        #expect(!recorded.isEmpty)
        #expect(try await fixture.auditRecords().count >= 20)
        for secret in secrets {
            #expect(!recorded.contains(secret), "a secret was recorded")
            for description in descriptions { #expect(!description.contains(secret), "a secret was printed") }
        }
        // The codes are six digits: look for the code only where a field could hold it whole.
        #expect(!recorded.contains("\"\(code)\""))
    }
}
