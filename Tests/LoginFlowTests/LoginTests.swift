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

@Suite("Login (flow 2)")
struct LoginTests {
    @Test("The right password signs in: a session, the user, audited and counted")
    func authenticated() async throws {
        let fixture = try await LoginFixture()
        try await fixture.addUser()
        let outcome = try await fixture.flow.login(
            identifier: "  Ana@Example.com", password: LoginFixture.password, client: try LoginFixture.client())
        let login = try #require(outcome.session)
        #expect(login.user.id == "u-ana")
        #expect(login.user.lastLoginAt == fixture.clock.now())
        #expect(login.session.session.authenticationLevel == .password)
        #expect(login.session.session.tenantID == LoginFixture.tenant)
        #expect(login.session.session.client.deviceLabel == "Safari on iPhone")
        #expect(login.deviceToken == nil)
        let principal = try await fixture.flow.validate(sessionToken: login.session.token.revealedText)
        #expect(principal.userID == "u-ana")
        let kinds = try await fixture.auditEvents().map(\.kind)
        #expect(kinds == [.sessionCreated, .loginSucceeded])
        #expect(fixture.logins("authenticated") == 1)
    }

    @Test("A password shorter than the policy's minimum signs in with a change recommended")
    func recommended() async throws {
        let fixture = try await LoginFixture()
        try await fixture.addUser(password: "short pw")
        let outcome = try await fixture.flow.login(
            identifier: "ana@example.com", password: "short pw", client: try LoginFixture.client())
        #expect(try #require(outcome.session).passwordChangeRecommended)
    }

    @Test(
        "Wrong password, unknown and malformed identifiers, accounts that cannot sign in: one answer",
        arguments: [
            ("ana@example.com", "wrong password!", UserStatus.active, "wrong-password"),
            ("nobody@example.com", LoginFixture.password, .active, "unknown-identifier"),
            ("ana@@example", LoginFixture.password, .active, "malformed-identifier"),
            ("ana@example.com", LoginFixture.password, .disabled, "account-disabled"),
            ("ana@example.com", LoginFixture.password, .invited, "account-invited"),
            ("ana@example.com", LoginFixture.password, .pendingVerification, "account-pending-verification"),
            ("ana@example.com", "", .active, "unusable-password"),
        ])
    func failed(identifier: String, password: String, status: UserStatus, reason: String) async throws {
        let fixture = try await LoginFixture()
        try await fixture.addUser(status: status)
        let outcome = try await fixture.flow.login(
            identifier: identifier, password: password, client: try LoginFixture.client())
        guard case .failed(let message) = outcome else {
            Issue.record("expected failed, got \(outcome.name)")
            return
        }
        #expect(message == .loginFailed)
        #expect(message.text == "That email and password don't match. Try again, or reset your password.")
        let failures = try await fixture.auditEvents(.loginFailed)
        #expect(failures.map(\.reason) == [reason])
        #expect(failures.first?.outcome == .failure)
        #expect(try await fixture.flow.stores.sessions.sessions(userID: "u-ana").isEmpty)
        #expect(fixture.logins("failed") == 1)
    }

    @Test(
        "With unsafelyRevealWhetherAccountsExist the answers differ",
        arguments: [
            ("nobody@example.com", LoginFixture.password, UserStatus.active, "login.unknown_account"),
            ("ana@example.com", "wrong password!", .active, "login.wrong_password"),
            ("ana@example.com", LoginFixture.password, .disabled, "login.disabled"),
            ("ana@example.com", LoginFixture.password, .pendingVerification, "login.unverified"),
        ])
    func revealing(identifier: String, password: String, status: UserStatus, code: String) async throws {
        let fixture = try await LoginFixture { $0.unsafelyRevealWhetherAccountsExist = true }
        try await fixture.addUser(status: status)
        let outcome = try await fixture.flow.login(
            identifier: identifier, password: password, client: try LoginFixture.client())
        #expect(outcome.message?.code == code)
    }

    @Test("Failures lock the attempt out; the right password is then refused unchecked, with the wait in minutes")
    func throttled() async throws {
        let fixture = try await LoginFixture()
        try await fixture.addUser()
        let client = try LoginFixture.client()
        var outcomes: [LoginOutcome] = []
        for _ in 0..<6 {
            outcomes.append(
                try await fixture.flow.login(identifier: "ana@example.com", password: "nope nope", client: client))
            fixture.clock.advance(by: 31)  // past every progressive delay, inside the failure window
        }
        #expect(outcomes.prefix(5).allSatisfy { $0.message == .loginFailed })
        guard case .throttled(let retryAfter, let message) = outcomes[5] else {
            Issue.record("expected throttled, got \(outcomes[5].name)")
            return
        }
        let wait = try #require(retryAfter)
        #expect(wait > 60)
        #expect(
            message.text == "Too many attempts. Please wait \(Int((wait / 60).rounded(.up))) minutes and try again.")
        let right = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password, client: client)
        #expect(right.name == "throttled")
        #expect(try await fixture.auditEvents(.lockoutStarted).count == 1)
        #expect(fixture.metrics.counterTotal(label: "crmauth_lockouts_total") == 1)
        #expect(fixture.logins("throttled") == 2)
    }

    @Test("The wait is worded in seconds under a minute, and without a time for an administrator's lock")
    func waitWording() {
        #expect(
            UserMessage.tooManyAttempts(retryAfter: 1).text == "Too many attempts. Please wait 1 second and try again.")
        #expect(
            UserMessage.tooManyAttempts(retryAfter: 12.2).text
                == "Too many attempts. Please wait 13 seconds and try again.")
        #expect(
            UserMessage.tooManyAttempts(retryAfter: 60).text == "Too many attempts. Please wait 1 minute and try again."
        )
        #expect(
            UserMessage.tooManyAttempts(retryAfter: 61).text
                == "Too many attempts. Please wait 2 minutes and try again.")
        #expect(UserMessage.tooManyAttempts(retryAfter: nil).code == "login.locked")
    }

    @Test("An outdated stored hash is replaced by one of the current configuration on a right password")
    func rehash() async throws {
        let fixture = try await LoginFixture()
        let old = PasswordHasher(
            configuration: PasswordHasher.Configuration(
                algorithm: .argon2(Argon2Parameters(variant: .argon2id, memoryKiB: 128, iterations: 1, parallelism: 1))),
            pool: LoginFixture.pool)
        let oldHash = try await old.hash(NormalizedPassword(LoginFixture.password))
        try await fixture.addUser(hash: oldHash)
        let outcome = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client())
        #expect(outcome.session != nil)
        let stored = try #require(try await fixture.flow.stores.users.user(id: "u-ana"))
        #expect(stored.passwordHash != oldHash)
        #expect(try fixture.flow.hasher.algorithm(of: stored.passwordHash ?? "") == LoginFixture.cheapHashing.algorithm)
        let again = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client())
        #expect(again.session != nil)
    }

    @Test("A flagged account must change its password: a reset token, no session")
    func flagged() async throws {
        let fixture = try await LoginFixture()
        try await fixture.addUser(passwordChangeRequired: true)
        let outcome = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client())
        guard case .passwordChangeRequired(let ticket) = outcome else {
            Issue.record("expected passwordChangeRequired, got \(outcome.name)")
            return
        }
        #expect(ticket.reason == .required)
        #expect(ticket.message == .passwordChangeRequired)
        #expect(try await fixture.flow.stores.sessions.sessions(userID: "u-ana").isEmpty)
        let record = try await fixture.flow.links.redeem(ticket.resetToken.revealedText, purpose: .passwordReset)
        #expect(record.userID == "u-ana")
        #expect(fixture.logins("password_change_required") == 1)
    }

    @Test("A password in the breach list must be changed, and the account keeps the flag")
    func breached() async throws {
        let fixture = try await LoginFixture()
        try await fixture.addUser(password: "iloveyou")
        let outcome = try await fixture.flow.login(
            identifier: "ana@example.com", password: "iloveyou", client: try LoginFixture.client())
        guard case .passwordChangeRequired(let ticket) = outcome else {
            Issue.record("expected passwordChangeRequired, got \(outcome.name)")
            return
        }
        #expect(ticket.reason == .breached)
        #expect(
            ticket.message.text
                == "Your password may be known to someone else. Choose a new one to keep your account safe.")
        #expect(try await fixture.flow.stores.users.user(id: "u-ana")?.passwordChangeRequired == true)
    }

    @Test("An account with TOTP gets a challenge, not a session")
    func mfaRequired() async throws {
        let fixture = try await LoginFixture()
        try await fixture.addUser()
        _ = try await fixture.enrollTOTP("u-ana")
        _ = try await fixture.flow.recoveryCodes.regenerate(userID: "u-ana")
        let outcome = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client())
        let ticket = try #require(outcome.challenge)
        #expect(ticket.methods == [.totp, .recoveryCode])
        #expect(ticket.expiresAt == fixture.clock.now().addingTimeInterval(300))
        #expect(ticket.stepUpReason == nil)
        #expect(try await fixture.flow.stores.sessions.sessions(userID: "u-ana").isEmpty)
        #expect(try await fixture.auditEvents(.mfaChallenged).count == 1)
        #expect(fixture.logins("mfa_required") == 1)
    }

    @Test(
        "An account that must use MFA and has none gets an enrollment ticket",
        arguments: ["account", "tenant", "role"])
    func enrollmentRequired(_ why: String) async throws {
        let policy = RolePolicy(
            roles: ["admin"], assignments: [RoleAssignment(user: "u-ana", role: "admin", tenant: "acme")])
        let fixture = try await LoginFixture(roles: policy) { configuration in
            if why == "tenant" { configuration.mfaRequiredTenants = ["acme"] }
            if why == "role" { configuration.mfaRequiredRoles = ["admin"] }
        }
        try await fixture.addUser(mfa: why == "account" ? .required : .optional)
        let outcome = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client())
        guard case .mfaEnrollmentRequired(let ticket) = outcome else {
            Issue.record("expected mfaEnrollmentRequired, got \(outcome.name)")
            return
        }
        #expect(ticket.message == .mfaEnrollmentRequired)
        #expect(try await fixture.flow.enrollmentUser(challenge: ticket.token.revealedText) == "u-ana")
        #expect(try await fixture.flow.stores.sessions.sessions(userID: "u-ana").isEmpty)
        // Before a method is enrolled the ticket signs nobody in.
        let early = try await fixture.flow.completeMFA(
            challenge: ticket.token.revealedText, code: "000000", method: .totp, client: try LoginFixture.client())
        #expect(early.message == .mfaCodeWrong)
        let generator = try await fixture.enrollTOTP("u-ana")
        let done = try await fixture.flow.completeMFA(
            challenge: ticket.token.revealedText, code: generator.code(at: fixture.clock.now()), method: .totp,
            client: try LoginFixture.client())
        #expect(try #require(done.session).session.session.authenticationLevel == .multiFactor)
    }

    @Test("regression: a sign-in answered busy after its admission was charged as a wrong password")
    func busyAfterAdmissionRefunds() async throws {
        // The pool can fill between the flow's saturation check and the verification. The attempt was
        // admitted (charged up front) and its password never checked; the charge stayed, so a busy
        // server counted the people it could not serve as guessing, and locked them out under load.
        let pool = HashingPool(workerCount: 1, queueLimit: 0)
        defer { pool.shutdown() }
        let release = DispatchSemaphore(value: 0)
        let spy = FillingLockoutStore(inner: InMemoryLockoutStore()) {
            // Right after the admission: fill the pool, as a concurrent sign-in would.
            let (started, continuation) = AsyncStream.makeStream(of: Void.self)
            let blocker = Task {
                try await pool.run { _ in
                    continuation.yield()
                    release.wait()
                }
            }
            for await _ in started { break }
            return blocker
        }
        let fixture = try await LoginFixture(hashingPool: pool, lockout: spy)
        try await fixture.addUser()
        // The worker that hashed the new user's password may still be marked busy for a moment: the
        // sign-in must get past the flow's own saturation check to reach the admission.
        while pool.isSaturated { try await Task.sleep(for: .milliseconds(1)) }
        let outcome = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client())
        #expect(outcome.message == .loginBusy)
        release.signal()
        try await spy.blocker?.value
        let charged = spy.chargedKeys
        #expect(charged.count == 3, "pair, account and source were charged up front")
        let counters = try await spy.inner.counters(for: charged)
        #expect(counters.allSatisfy { ($0?.failures ?? 0) == 0 }, "\(counters)")
    }

    @Test("A saturated hashing pool answers busy, and sessions still validate")
    func busy() async throws {
        let pool = HashingPool(workerCount: 1, queueLimit: 0)
        defer { pool.shutdown() }
        let fixture = try await LoginFixture(hashingPool: pool)
        try await fixture.addUser()
        let signedIn = try #require(
            try await fixture.flow.login(
                identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client()
            ).session)
        let release = DispatchSemaphore(value: 0)
        let (started, startedContinuation) = AsyncStream.makeStream(of: Void.self)
        let blocker = Task {
            try await pool.run { _ in
                startedContinuation.yield()
                release.wait()
            }
        }
        for await _ in started { break }
        let outcome = try await fixture.flow.login(
            identifier: "ana@example.com", password: LoginFixture.password, client: try LoginFixture.client())
        #expect(outcome.message == .loginBusy)
        #expect(outcome.message?.text == "We're very busy right now. Please try again in a moment.")
        // The same answer for an unknown identifier: the busy answer tells nothing about accounts.
        let stranger = try await fixture.flow.login(
            identifier: "nobody@example.com", password: LoginFixture.password, client: try LoginFixture.client())
        #expect(stranger.message == .loginBusy)
        #expect(try await fixture.flow.validate(sessionToken: signedIn.session.token.revealedText).userID == "u-ana")
        release.signal()
        try await blocker.value
        #expect(fixture.metrics.counterTotal(label: "crmauth_hashing_busy_total") == 2)
        #expect(fixture.logins("busy") == 2)
        // Answered before lockout and audit work: no failed-login event for either.
        #expect(try await fixture.auditEvents(.loginFailed).isEmpty)
    }

    @Test("Parallel wrong logins at the threshold: exactly the threshold is admitted")
    func parallelAtThreshold() async throws {
        let fixture = try await LoginFixture { $0.lockoutRules = try .flat(threshold: 5) }
        try await fixture.addUser()
        let flow = fixture.flow
        let client = try LoginFixture.client()
        let outcomes = try await withThrowingTaskGroup(of: String.self) { group in
            for _ in 0..<24 {
                group.addTask {
                    try await flow.login(identifier: "ana@example.com", password: "wrong wrong", client: client).name
                }
            }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(outcomes.filter { $0 == "failed" }.count == 5)
        #expect(outcomes.filter { $0 == "throttled" }.count == 19)
    }
}

/// A lockout store that runs `afterAdmit` once, right after the first admission, and remembers the
/// keys that admission charged.
private final class FillingLockoutStore: LockoutStore, @unchecked Sendable {
    let inner: InMemoryLockoutStore
    private let afterAdmit: @Sendable () async throws -> Task<Void, any Error>
    private let lock = NSLock()
    private var fired = false
    private(set) var blocker: Task<Void, any Error>?
    private(set) var chargedKeys: [LockoutKey] = []

    init(inner: InMemoryLockoutStore, afterAdmit: @escaping @Sendable () async throws -> Task<Void, any Error>) {
        self.inner = inner
        self.afterAdmit = afterAdmit
    }

    func admit(_ charges: [LockoutCharge], at instant: Date) async throws -> LockoutAdmission {
        let admission = try await inner.admit(charges, at: instant)
        let first = lock.withLock {
            defer { fired = true }
            chargedKeys = charges.map(\.key)
            return !fired
        }
        if first {
            let task = try await afterAdmit()
            lock.withLock { blocker = task }
        }
        return admission
    }

    func settleSuccess(clearing cleared: [LockoutKey], refunding refunded: [LockoutKey]) async throws {
        try await inner.settleSuccess(clearing: cleared, refunding: refunded)
    }

    func counters(for keys: [LockoutKey]) async throws -> [LockoutCounter?] { try await inner.counters(for: keys) }

    func clear(_ keys: [LockoutKey]) async throws { try await inner.clear(keys) }

    func removeExpired(at instant: Date) async throws -> Int { try await inner.removeExpired(at: instant) }
}
