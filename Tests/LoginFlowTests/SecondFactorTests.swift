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

@Suite("Complete MFA, remembered devices and step-up (flows 3 and 4)")
struct SecondFactorTests {
    /// A fixture with Ana enrolled in TOTP, and a challenge from a right password.
    private func challenged(
        _ fixture: LoginFixture, client: ClientContext? = nil
    ) async throws -> (TOTPGenerator, MFAChallengeTicket) {
        try await fixture.addUser()
        let generator = try await fixture.enrollTOTP("u-ana")
        let outcome = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password, client: try client ?? LoginFixture.client())
        return (generator, try #require(outcome.challenge))
    }

    @Test("A right TOTP code signs in at the MFA level, once")
    func totp() async throws {
        let fixture = try await LoginFixture()
        let (generator, ticket) = try await challenged(fixture)
        let code = generator.code(at: fixture.clock.now())
        let outcome = try await fixture.flow.completeMFA(
            challenge: ticket.token.revealedText, code: code, method: .totp, client: try LoginFixture.client())
        let login = try #require(outcome.session)
        #expect(login.session.session.authenticationLevel == .multiFactor)
        #expect(login.deviceToken == nil)
        let principal = try await fixture.flow.validate(sessionToken: login.session.token.revealedText)
        #expect(principal.authenticationLevel == .multiFactor)
        let again = try await fixture.flow.completeMFA(
            challenge: ticket.token.revealedText, code: code, method: .totp, client: try LoginFixture.client())
        #expect(again.message == .mfaChallengeExpired)
        #expect(try await fixture.auditEvents(.mfaSucceeded).count == 1)
        #expect(fixture.metrics.counterTotal(label: "crmauth_mfa_total", dimensions: [("result", "succeeded")]) == 1)
    }

    @Test("A used TOTP code is refused on the next challenge (replay)")
    func replay() async throws {
        let fixture = try await LoginFixture()
        let (generator, ticket) = try await challenged(fixture)
        let code = generator.code(at: fixture.clock.now())
        _ = try #require(
            try await fixture.flow.completeMFA(
                challenge: ticket.token.revealedText, code: code, method: .totp, client: try LoginFixture.client()
            ).session)
        let second = try #require(
            try await fixture.flow.login(
                identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client()
            ).challenge)
        let replayed = try await fixture.flow.completeMFA(
            challenge: second.token.revealedText, code: code, method: .totp, client: try LoginFixture.client())
        #expect(replayed.message == .mfaCodeWrong)
    }

    @Test("Wrong codes are counted on the challenge, which dies at the maximum")
    func wrongCodes() async throws {
        let fixture = try await LoginFixture { $0.mfaMaximumFailures = 3 }
        let (generator, ticket) = try await challenged(fixture)
        var messages: [UserMessage?] = []
        for _ in 0..<3 {
            messages.append(
                try await fixture.flow.completeMFA(
                    challenge: ticket.token.revealedText, code: "000000", method: .totp,
                    client: try LoginFixture.client()
                ).message)
            fixture.clock.advance(by: 31)
        }
        #expect(messages == [.mfaCodeWrong, .mfaCodeWrong, .mfaChallengeExpired])
        #expect(messages[0]?.text == "That code didn't work. Check your authenticator app and try again.")
        let late = try await fixture.flow.completeMFA(
            challenge: ticket.token.revealedText, code: generator.code(at: fixture.clock.now()), method: .totp,
            client: try LoginFixture.client())
        #expect(late.message == .mfaChallengeExpired)
        #expect(
            try await fixture.auditEvents(.mfaFailed).map(\.reason).prefix(3) == [
                "wrong-code", "wrong-code", "wrong-code-challenge-void",
            ])
        #expect(fixture.metrics.counterTotal(label: "crmauth_mfa_total", dimensions: [("result", "failed")]) == 4)
    }

    @Test("Wrong codes are counted by lockout too: enough of them throttle the account")
    func wrongCodesLockOut() async throws {
        let fixture = try await LoginFixture {
            $0.lockoutRules = try .flat(threshold: 3)
            $0.mfaMaximumFailures = 10
        }
        let (_, ticket) = try await challenged(fixture)
        var names: [String] = []
        for _ in 0..<4 {
            names.append(
                try await fixture.flow.completeMFA(
                    challenge: ticket.token.revealedText, code: "000000", method: .totp,
                    client: try LoginFixture.client()
                ).name)
        }
        #expect(names == ["failed", "failed", "failed", "throttled"])
    }

    @Test("An expired or garbled challenge answers 'sign in again'")
    func expired() async throws {
        let fixture = try await LoginFixture()
        let (generator, ticket) = try await challenged(fixture)
        fixture.clock.advance(by: 301)
        let late = try await fixture.flow.completeMFA(
            challenge: ticket.token.revealedText, code: generator.code(at: fixture.clock.now()), method: .totp,
            client: try LoginFixture.client())
        #expect(late.message == .mfaChallengeExpired)
        let garbled = try await fixture.flow.completeMFA(
            challenge: "crm_o_nonsense", code: "123456", method: .totp, client: try LoginFixture.client())
        #expect(garbled.message?.text == "This sign-in has expired. Please sign in again.")
        await #expect(throws: LoginFlowError.invalidToken) {
            try await fixture.flow.enrollmentUser(challenge: ticket.token.revealedText)
        }
    }

    @Test("A recovery code signs in once and is audited")
    func recoveryCode() async throws {
        let fixture = try await LoginFixture()
        try await fixture.addUser()
        _ = try await fixture.enrollTOTP("u-ana")
        let codes = try await fixture.flow.recoveryCodes.regenerate(userID: "u-ana")
        let ticket = try #require(
            try await fixture.flow.login(
                identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client()
            ).challenge)
        let outcome = try await fixture.flow.completeMFA(
            challenge: ticket.token.revealedText, code: codes[0].revealedText, method: .recoveryCode,
            client: try LoginFixture.client())
        #expect(try #require(outcome.session).session.session.authenticationLevel == .multiFactor)
        let used = try await fixture.auditEvents(.recoveryCodeUsed)
        #expect(used.first?.metadata["remaining"] == "9")
        let next = try #require(
            try await fixture.flow.login(
                identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client()
            ).challenge)
        let reused = try await fixture.flow.completeMFA(
            challenge: next.token.revealedText, code: codes[0].revealedText, method: .recoveryCode,
            client: try LoginFixture.client())
        #expect(reused.message == .mfaCodeWrong)
    }

    @Test("Racing right answers: the challenge is consumed exactly once")
    func raceConsume() async throws {
        let fixture = try await LoginFixture()
        try await fixture.addUser()
        _ = try await fixture.enrollTOTP("u-ana")
        let codes = try await fixture.flow.recoveryCodes.regenerate(userID: "u-ana", count: 10)
        let ticket = try #require(
            try await fixture.flow.login(
                identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client()
            ).challenge)
        let flow = fixture.flow
        let client = try LoginFixture.client()
        let names = try await withThrowingTaskGroup(of: String.self) { group in
            for code in codes {
                group.addTask {
                    try await flow.completeMFA(
                        challenge: ticket.token.revealedText, code: code.revealedText, method: .recoveryCode,
                        client: client
                    ).name
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(names.filter { $0 == "authenticated" }.count == 1)
        #expect(try await flow.stores.sessions.sessions(userID: "u-ana").count == 1)
    }

    @Test("A remembered device skips MFA for its own account only, and a new network steps up")
    func rememberedDevice() async throws {
        let fixture = try await LoginFixture()
        let (generator, ticket) = try await challenged(fixture)
        let outcome = try await fixture.flow.completeMFA(
            challenge: ticket.token.revealedText, code: generator.code(at: fixture.clock.now()), method: .totp,
            rememberDevice: true, client: try LoginFixture.client())
        let login = try #require(outcome.session)
        let device = try #require(login.deviceToken)
        #expect(login.deviceTokenExpiresAt == fixture.clock.now().addingTimeInterval(30 * 24 * 3600))
        let stored = try await fixture.flow.stores.devices.devices(userID: "u-ana")
        #expect(stored.map(\.label) == ["Safari on iPhone"])

        // Same network, same account: signed in at the MFA level without a code.
        let known = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password,
            client: try LoginFixture.client("203.0.113.99", deviceToken: device))
        #expect(try #require(known.session).session.session.authenticationLevel == .multiFactor)

        // Another account with the same device token: a stranger, asked for its code.
        try await fixture.addUser("bo@example.com", id: "u-bo")
        _ = try await fixture.enrollTOTP("u-bo")
        let other = try await fixture.flow.login(
            identifier: "bo@example.com", password: LoginFixture.password,
            client: try LoginFixture.client(deviceToken: device))
        #expect(other.challenge?.stepUpReason == nil)

        // A new network: the default risk policy asks for the code.
        let roaming = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password,
            client: try LoginFixture.client("198.51.100.4", deviceToken: device))
        #expect(roaming.challenge?.stepUpReason == "new-network")
        #expect(try await fixture.auditEvents(.deviceRemembered).count == 1)
    }

    @Test("regression: a remembered device was asked for a code on its own network after the person signed out")
    func rememberedDeviceAfterSignOut() async throws {
        // The network history was the account's live sessions only: signing out left none, so the next
        // sign-in on the same device and network counted as "new network" and asked for the code.
        let fixture = try await LoginFixture { $0.knownNetworkMemory = 3600 }
        let (generator, ticket) = try await challenged(fixture)
        let login = try #require(
            try await fixture.flow.completeMFA(
                challenge: ticket.token.revealedText, code: generator.code(at: fixture.clock.now()), method: .totp,
                rememberDevice: true, client: try LoginFixture.client()
            ).session)
        let device = try #require(login.deviceToken)
        #expect(try await fixture.flow.logout(sessionToken: login.session.token.revealedText))
        #expect(try await fixture.flow.stores.sessions.sessions(userID: "u-ana").isEmpty)

        fixture.clock.advance(by: 600)
        let back = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password,
            client: try LoginFixture.client("203.0.113.42", deviceToken: device))
        let session = try #require(back.session, "a known network with a remembered device needs no code")
        #expect(session.session.session.authenticationLevel == .multiFactor)
        _ = try await fixture.flow.logout(sessionToken: session.session.token.revealedText)

        // Past the memory, with no session left, the network is new again.
        fixture.clock.advance(by: 3601)
        let later = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password,
            client: try LoginFixture.client("203.0.113.42", deviceToken: device))
        #expect(later.challenge?.stepUpReason == "new-network")
    }

    @Test("Recent failures at the account step up a remembered device")
    func recentFailuresStepUp() async throws {
        let fixture = try await LoginFixture()
        let (generator, ticket) = try await challenged(fixture)
        let device = try #require(
            try await fixture.flow.completeMFA(
                challenge: ticket.token.revealedText, code: generator.code(at: fixture.clock.now()), method: .totp,
                rememberDevice: true, client: try LoginFixture.client()
            ).session?.deviceToken)
        for index in 0..<3 {
            _ = try await fixture.flow.login(
                identifier: "ana@example.com", password: "guess \(index)",
                client: try LoginFixture.client("192.0.2.\(index + 1)"))
            fixture.clock.advance(by: 2)
        }
        let outcome = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password,
            client: try LoginFixture.client(deviceToken: device))
        #expect(outcome.challenge?.stepUpReason == "recent-failures")
    }

    @Test("A pluggable risk policy decides: one that never steps up lets the device through anywhere")
    func pluggable() async throws {
        struct Lenient: RiskPolicy {
            func assess(_ context: LoginRiskContext) -> RiskDecision { .allow }
            func requiresMultiFactor(for permission: Permission, principal: Principal) -> Bool { false }
        }
        let fixture = try await LoginFixture(riskPolicy: Lenient())
        let (generator, ticket) = try await challenged(fixture)
        let device = try #require(
            try await fixture.flow.completeMFA(
                challenge: ticket.token.revealedText, code: generator.code(at: fixture.clock.now()), method: .totp,
                rememberDevice: true, client: try LoginFixture.client()
            ).session?.deviceToken)
        let roaming = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password,
            client: try LoginFixture.client("198.51.100.4", deviceToken: device))
        #expect(roaming.session != nil)
    }

    @Test("The default risk policy, as documented")
    func defaultPolicy() throws {
        let policy = DefaultRiskPolicy()
        func context(device: Bool, newNetwork: Bool, failures: Int) throws -> LoginRiskContext {
            LoginRiskContext(
                userID: "u", tenantID: nil, client: try LoginFixture.client(), isRememberedDevice: device,
                isNewNetwork: newNetwork, recentFailures: failures, hasSecondFactor: true)
        }
        #expect(policy.assess(try context(device: false, newNetwork: true, failures: 9)) == .allow)
        #expect(policy.assess(try context(device: true, newNetwork: false, failures: 0)) == .allow)
        #expect(
            policy.assess(try context(device: true, newNetwork: true, failures: 0))
                == .requireMultiFactor(reason: "new-network"))
        #expect(
            policy.assess(try context(device: true, newNetwork: false, failures: 3))
                == .requireMultiFactor(reason: "recent-failures"))
    }
}
