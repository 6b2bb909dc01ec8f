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

@Suite("No secret in logs, metric labels or audit records")
struct SecretExclusionTests {
    @Test("Every login-side flow, end to end: nothing secret is written anywhere")
    func everyFlow() async throws {
        let fixture = try await LoginFixture { $0.unsafelyRevealWhetherAccountsExist = false }
        let flow = fixture.flow
        let user = try await fixture.addUser()
        try await fixture.addUser("flagged@example.com", id: "u-flagged", passwordChangeRequired: true)
        var secrets = [LoginFixture.password, "wrong password 1", user.securityStamp, user.passwordHash ?? "-"]
        let client = try LoginFixture.client()

        _ = try await flow.login(identifier: "ana@example.com", password: "wrong password 1", client: client)
        _ = try await flow.login(identifier: "ghost@example.com", password: LoginFixture.password, client: client)
        let change = try await flow.login(
            identifier: "flagged@example.com", password: LoginFixture.password, client: client)
        if case .passwordChangeRequired(let ticket) = change { secrets.append(ticket.resetToken.revealedText) }

        let generator = try await fixture.enrollTOTP("u-ana")
        let recovery = try await flow.recoveryCodes.regenerate(userID: "u-ana")
        secrets += recovery.map(\.revealedText)
        let first = try #require(
            try await flow.login(identifier: "ana@example.com", password: LoginFixture.password, client: client)
                .challenge)
        secrets.append(first.token.revealedText)
        _ = try await flow.completeMFA(
            challenge: first.token.revealedText, code: "999999", method: .totp, client: client)
        let code = generator.code(at: fixture.clock.now())
        secrets.append(code)
        let signedIn = try #require(
            try await flow.completeMFA(
                challenge: first.token.revealedText, code: code, method: .totp, rememberDevice: true, client: client
            ).session)
        secrets.append(signedIn.session.token.revealedText)
        secrets.append(try #require(signedIn.deviceToken).revealedText)
        let second = try #require(
            try await flow.login(
                identifier: "ana@example.com", password: LoginFixture.password,
                client: try LoginFixture.client("198.51.100.4", deviceToken: signedIn.deviceToken)
            ).challenge)
        secrets.append(second.token.revealedText)
        let viaRecovery = try #require(
            try await flow.completeMFA(
                challenge: second.token.revealedText, code: recovery[0].revealedText, method: .recoveryCode,
                client: client
            ).session)
        secrets.append(viaRecovery.session.token.revealedText)

        let principal = try await flow.validate(sessionToken: signedIn.session.token.revealedText, client: client)
        _ = try? await flow.validate(sessionToken: "crm_s_" + String(repeating: "A", count: 49), client: client)
        _ = await flow.authorize(principal, try Permission("leads:update"), owner: "u-ana")
        _ = try await flow.signedInSessions(principal: principal)
        _ = try await flow.logout(sessionToken: viaRecovery.session.token.revealedText)
        _ = try await flow.logoutEverywhere(principal: principal)

        let events = try await fixture.auditEvents()
        #expect(events.count > 15)
        var written: [String] = []
        for event in events {
            written += [event.kind.name, event.reason ?? "", event.userAgent ?? "", event.sourceAddress ?? ""]
            written += event.metadata.flatMap { [$0.key, $0.value] }
        }
        for entry in fixture.logs.entries {
            written.append("\(entry.message)")
            written += entry.metadata.flatMap { [$0.key, "\($0.value)"] }
            if let error = entry.error { written.append(String(describing: error)) }
        }
        for counter in fixture.metrics.counters {
            written.append("\(counter.label)")
            written += counter.dimensions.flatMap { [$0.0, $0.1] }
        }
        #expect(!fixture.metrics.counters.isEmpty)
        for secret in secrets where secret.utf8.count >= 6 {
            let leaks = written.filter { $0.contains(secret) }
            #expect(leaks.isEmpty, "a secret was written: \(leaks.first ?? "")")
        }
        // Identifiers are not in labels either.
        #expect(!written.filter { $0.hasPrefix("crmauth_") }.contains { $0.contains("ana") })
        for counter in fixture.metrics.counters {
            #expect(counter.dimensions.allSatisfy { ["outcome", "result"].contains($0.0) })
        }
    }
}
