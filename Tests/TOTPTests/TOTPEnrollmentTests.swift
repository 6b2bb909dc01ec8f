import AuthCore
import Foundation
import Synchronization
import TOTP
import Testing

@Suite("TOTPEnrollment")
struct TOTPEnrollmentTests {
    /// An enrollment flow with its own stores, key ring and manual clock.
    struct Fixture {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_010))
        let steps = InMemoryTOTPStore()
        let enrollments = InMemoryTOTPEnrollmentStore()
        let recoveryStore = InMemoryRecoveryCodeStore()
        let oldKey: SealingKey
        let ring: KeyRing
        let enrollment: TOTPEnrollment
        var recovery: RecoveryCodeManager { RecoveryCodeManager(store: recoveryStore) }

        init(ring: KeyRing? = nil, oldKey: SealingKey? = nil) throws {
            self.oldKey = try oldKey ?? .generate(id: "old")
            self.ring = try ring ?? KeyRing(current: self.oldKey)
            let verifier = try TOTPVerifier(store: steps, clock: clock)
            enrollment = try TOTPEnrollment(
                issuer: "Acme CRM", keyRing: self.ring, store: enrollments, verifier: verifier,
                recoveryCodes: RecoveryCodeManager(store: recoveryStore), clock: clock)
        }

        /// The current code of the secret in `challenge`, `drift` steps away.
        func code(for challenge: TOTPEnrollmentChallenge, drift: TimeInterval = 0) -> String {
            TOTPGenerator(secret: challenge.uri.secret).code(at: clock.now().addingTimeInterval(30 * drift))
        }

        /// Begins and confirms an enrollment for "ada", then moves to the next step.
        func enrolled() async throws -> TOTPEnrollmentChallenge {
            let challenge = try await enrollment.begin(userID: "ada", account: "ada@example.com")
            #expect(try await enrollment.confirm(code(for: challenge), userID: "ada").isAccepted)
            clock.advance(by: 30)
            return challenge
        }
    }

    @Test("begin makes a pending secret and a URI; nothing is active yet")
    func begin() async throws {
        let fixture = try Fixture()
        let challenge = try await fixture.enrollment.begin(userID: "ada", account: "ada@example.com")
        #expect(challenge.uri.issuer == "Acme CRM")
        #expect(challenge.uri.account == "ada@example.com")
        #expect(challenge.revealedURIString.hasPrefix("otpauth://totp/Acme%20CRM:ada%40example.com?secret="))
        #expect(challenge.uri.secret.revealedBytes.count * 8 >= 160)
        #expect(try await fixture.enrollment.isEnabled(userID: "ada") == false)
        let pending = try #require(try await fixture.enrollments.pending(userID: "ada"))
        #expect(try OTPSecret(unsealing: pending.secret, with: fixture.ring, userID: "ada") == challenge.uri.secret)
        await #expect(throws: TOTPError.notEnrolled) { try await fixture.enrollment.verify("000000", userID: "ada") }
    }

    @Test("a wrong first code does not activate; the right one does")
    func confirm() async throws {
        let fixture = try Fixture()
        let challenge = try await fixture.enrollment.begin(userID: "ada", account: "ada")
        let wrong = fixture.code(for: challenge, drift: 5)
        #expect(try await fixture.enrollment.confirm(wrong, userID: "ada") == .invalid)
        #expect(try await fixture.enrollment.isEnabled(userID: "ada") == false)
        let result = try await fixture.enrollment.confirm(fixture.code(for: challenge), userID: "ada")
        #expect(result.isAccepted)
        #expect(try await fixture.enrollment.isEnabled(userID: "ada"))
        #expect(try await fixture.enrollments.pending(userID: "ada") == nil)
        await #expect(throws: TOTPError.noPendingEnrollment) {
            try await fixture.enrollment.confirm(fixture.code(for: challenge), userID: "ada")
        }
    }

    @Test("the confirming code cannot be replayed to log in")
    func confirmationCodeIsUsedUp() async throws {
        let fixture = try Fixture()
        let challenge = try await fixture.enrollment.begin(userID: "ada", account: "ada")
        let code = fixture.code(for: challenge)
        #expect(try await fixture.enrollment.confirm(code, userID: "ada").isAccepted)
        #expect(try await fixture.enrollment.verify(code, userID: "ada") == .replayed)
        fixture.clock.advance(by: 30)
        #expect(try await fixture.enrollment.verify(fixture.code(for: challenge), userID: "ada").isAccepted)
    }

    @Test("a pending secret expires")
    func expiry() async throws {
        let fixture = try Fixture()
        let challenge = try await fixture.enrollment.begin(userID: "ada", account: "ada")
        fixture.clock.advance(by: TOTPEnrollment.defaultPendingLifetime + 1)
        await #expect(throws: TOTPError.noPendingEnrollment) {
            try await fixture.enrollment.confirm(fixture.code(for: challenge), userID: "ada")
        }
        #expect(try await fixture.enrollment.isEnabled(userID: "ada") == false)
    }

    @Test("beginning again replaces the pending secret; an enrolled user cannot begin")
    func restart() async throws {
        let fixture = try Fixture()
        let first = try await fixture.enrollment.begin(userID: "ada", account: "ada")
        let second = try await fixture.enrollment.begin(userID: "ada", account: "ada")
        #expect(first.uri.secret != second.uri.secret)
        #expect(try await fixture.enrollment.confirm(fixture.code(for: first), userID: "ada") == .invalid)
        #expect(try await fixture.enrollment.confirm(fixture.code(for: second), userID: "ada").isAccepted)
        await #expect(throws: TOTPError.alreadyEnrolled) {
            try await fixture.enrollment.begin(userID: "ada", account: "ada")
        }
    }

    @Test("concurrent confirmations activate exactly once")
    func concurrentConfirmations() async throws {
        let fixture = try Fixture()
        let challenge = try await fixture.enrollment.begin(userID: "ada", account: "ada")
        let code = fixture.code(for: challenge)
        let accepted = await withTaskGroup(of: Bool.self) { group in
            for _ in 0..<20 {
                group.addTask { (try? await fixture.enrollment.confirm(code, userID: "ada"))?.isAccepted ?? false }
            }
            return await group.reduce(0) { $0 + ($1 ? 1 : 0) }
        }
        #expect(accepted == 1)
        #expect(try await fixture.enrollment.isEnabled(userID: "ada"))
    }

    @Test("disabling needs a current code, and a used code does not work twice")
    func disableWithCode() async throws {
        let fixture = try Fixture()
        let challenge = try await fixture.enrolled()
        _ = try await fixture.recovery.regenerate(userID: "ada")
        #expect(try await fixture.enrollment.disable(userID: "ada", proof: "123") == false)
        #expect(
            try await fixture.enrollment.disable(userID: "ada", proof: fixture.code(for: challenge, drift: 4)) == false)
        let code = fixture.code(for: challenge)
        #expect(try await fixture.enrollment.verify(code, userID: "ada").isAccepted)
        #expect(try await fixture.enrollment.disable(userID: "ada", proof: code) == false)
        #expect(try await fixture.enrollment.isEnabled(userID: "ada"))
        fixture.clock.advance(by: 30)
        #expect(try await fixture.enrollment.disable(userID: "ada", proof: fixture.code(for: challenge)))
        #expect(try await fixture.enrollment.isEnabled(userID: "ada") == false)
        #expect(try await fixture.recovery.remaining(userID: "ada") == 0)
        await #expect(throws: TOTPError.notEnrolled) {
            try await fixture.enrollment.disable(userID: "ada", proof: fixture.code(for: challenge))
        }
    }

    @Test("a recovery code can disable, once")
    func disableWithRecoveryCode() async throws {
        let fixture = try Fixture()
        _ = try await fixture.enrolled()
        let codes = try await fixture.recovery.regenerate(userID: "ada")
        #expect(try await fixture.enrollment.disable(userID: "ada", proof: "0000-0000-0000-0000") == false)
        #expect(try await fixture.enrollment.disable(userID: "ada", proof: codes[3].revealedText))
        #expect(try await fixture.enrollment.isEnabled(userID: "ada") == false)
        #expect(try await fixture.recovery.remaining(userID: "ada") == 0)
    }

    @Test("after a key rotation, verifying re-seals the active secret under the new key")
    func resealOnRotation() async throws {
        let old = try SealingKey.generate(id: "old")
        let before = try Fixture(oldKey: old)
        let challenge = try await before.enrolled()
        #expect(try await before.enrollments.active(userID: "ada")?.keyID == "old")

        let rotated = try KeyRing(current: .generate(id: "new"), older: [old])
        let verifier = try TOTPVerifier(store: before.steps, clock: before.clock)
        let after = try TOTPEnrollment(
            issuer: "Acme CRM", keyRing: rotated, store: before.enrollments, verifier: verifier, clock: before.clock)
        #expect(try await after.verify(before.code(for: challenge), userID: "ada").isAccepted)
        let sealed = try #require(try await before.enrollments.active(userID: "ada"))
        #expect(try sealed.keyID == "new")
        #expect(try OTPSecret(unsealing: sealed, with: rotated, userID: "ada") == challenge.uri.secret)
    }

    /// Regression (finding 3): `begin` checked "no active secret" and saved the pending one in two
    /// steps, and activation replaced any active secret. A session holding only the password could
    /// begin while the owner was confirming, pass the check before the owner's secret became active,
    /// save its own secret after, confirm it with its own app and so replace the owner's authenticator.
    @Test("regression: a password-only session racing the owner's enrollment cannot replace the active authenticator")
    func racingEnrollmentCannotReplaceActive() async throws {
        let fixture = try Fixture()
        let store = InterleavingEnrollmentStore(fixture.enrollments)
        let enrollment = try TOTPEnrollment(
            issuer: "Acme CRM", keyRing: fixture.ring, store: store,
            verifier: TOTPVerifier(store: fixture.steps, clock: fixture.clock), clock: fixture.clock)
        let owners = try await enrollment.begin(userID: "ada", account: "ada")
        // The owner's confirmation lands between the intruder's check and its save (the original
        // code's gap; the store now makes both one step).
        store.beforeNextSave { () async throws in
            #expect(try await enrollment.confirm(fixture.code(for: owners), userID: "ada").isAccepted)
        }
        let intruders: TOTPEnrollmentChallenge?
        do {
            intruders = try await enrollment.begin(userID: "ada", account: "ada")
        } catch let error as TOTPError {
            #expect(error == .alreadyEnrolled)
            intruders = nil
        }
        if let intruders {
            Issue.record("a second enrollment began beside the owner's active secret")
            fixture.clock.advance(by: 30)
            _ = try? await enrollment.confirm(fixture.code(for: intruders), userID: "ada")
        }
        let active = try #require(try await fixture.enrollments.active(userID: "ada"))
        #expect(try OTPSecret(unsealing: active, with: fixture.ring, userID: "ada") == owners.uri.secret)
        #expect(try await fixture.enrollments.pending(userID: "ada") == nil, "nothing pending beside it")
        fixture.clock.advance(by: 30)
        #expect(try await enrollment.verify(fixture.code(for: owners), userID: "ada").isAccepted)
    }

    /// Regression: `disable` checked the proof against the active secret, then removed whatever was
    /// active. A concurrent disable and re-enrollment landing in between had its new authenticator
    /// removed by a proof of the old one.
    @Test("regression: a disable that raced a re-enrollment removed the new authenticator, never proven")
    func disableRemovesOnlyTheProvenSecret() async throws {
        let fixture = try Fixture()
        let store = InterleavingEnrollmentStore(fixture.enrollments)
        let enrollment = try TOTPEnrollment(
            issuer: "Acme CRM", keyRing: fixture.ring, store: store,
            verifier: TOTPVerifier(store: fixture.steps, clock: fixture.clock), clock: fixture.clock)
        let first = try await fixture.enrolled()
        let codes = try await fixture.recovery.regenerate(userID: "ada")
        // Between this disable's proof and its removal, another request disables with a recovery
        // code and enrolls a new authenticator.
        store.beforeNextRemoval { () async throws in
            #expect(try await fixture.enrollment.disable(userID: "ada", proof: codes[0].revealedText))
            let second = try await fixture.enrollment.begin(userID: "ada", account: "ada")
            fixture.clock.advance(by: 30)
            #expect(try await fixture.enrollment.confirm(fixture.code(for: second), userID: "ada").isAccepted)
        }
        #expect(
            try await enrollment.disable(userID: "ada", proof: fixture.code(for: first)) == false,
            "the proof was for a secret that is no longer active")
        let active = try #require(try await fixture.enrollments.active(userID: "ada"), "the new authenticator stays")
        #expect(try OTPSecret(unsealing: active, with: fixture.ring, userID: "ada") != first.uri.secret)
    }

    @Test("a disable racing a re-seal of the same secret still disables")
    func disableRetriesPastReseal() async throws {
        let old = try SealingKey.generate(id: "old")
        let before = try Fixture(oldKey: old)
        let challenge = try await before.enrolled()
        let rotated = try KeyRing(current: .generate(id: "new"), older: [old])
        let store = InterleavingEnrollmentStore(before.enrollments)
        let after = try TOTPEnrollment(
            issuer: "Acme CRM", keyRing: rotated, store: store,
            verifier: TOTPVerifier(store: before.steps, clock: before.clock), clock: before.clock)
        let sealed = try #require(try await before.enrollments.active(userID: "ada"))
        // Another request's accepted code re-seals the secret under the new key in between.
        store.beforeNextRemoval { () async throws in
            let resealed = try challenge.uri.secret.sealed(with: rotated, userID: "ada")
            #expect(try await before.enrollments.replaceActive(userID: "ada", expected: sealed, with: resealed))
        }
        #expect(try await after.disable(userID: "ada", proof: before.code(for: challenge)))
        #expect(try await before.enrollments.active(userID: "ada") == nil)
    }

    /// The documented choice: `confirm` marks the code's step used before activating, so the code
    /// is spent even when the activation then fails, and can never also log in.
    @Test("a confirmation whose activation fails still spends its time step")
    func failedActivationSpendsStep() async throws {
        let fixture = try Fixture()
        let store = InterleavingEnrollmentStore(fixture.enrollments)
        let enrollment = try TOTPEnrollment(
            issuer: "Acme CRM", keyRing: fixture.ring, store: store,
            verifier: TOTPVerifier(store: fixture.steps, clock: fixture.clock), clock: fixture.clock)
        let first = try await enrollment.begin(userID: "ada", account: "ada")
        // A new `begin` replaces the pending secret between this confirmation's check and its activation.
        store.beforeNextActivation { () async throws in
            _ = try await fixture.enrollment.begin(userID: "ada", account: "ada")
        }
        await #expect(throws: TOTPError.noPendingEnrollment) {
            try await enrollment.confirm(fixture.code(for: first), userID: "ada")
        }
        let second = try await enrollment.begin(userID: "ada", account: "ada")
        #expect(
            try await enrollment.confirm(fixture.code(for: second), userID: "ada") == .replayed,
            "the step was spent by the failed confirmation")
        fixture.clock.advance(by: 30)
        #expect(try await enrollment.confirm(fixture.code(for: second), userID: "ada").isAccepted)
    }

    @Test("re-enrolling goes through disable, which needs a code")
    func reenrollAfterDisable() async throws {
        let fixture = try Fixture()
        let first = try await fixture.enrolled()
        await #expect(throws: TOTPError.alreadyEnrolled) {
            try await fixture.enrollment.begin(userID: "ada", account: "ada")
        }
        #expect(try await fixture.enrollment.disable(userID: "ada", proof: fixture.code(for: first)))
        let second = try await fixture.enrollment.begin(userID: "ada", account: "ada")
        fixture.clock.advance(by: 30)
        #expect(try await fixture.enrollment.confirm(fixture.code(for: second), userID: "ada").isAccepted)
        let active = try #require(try await fixture.enrollments.active(userID: "ada"))
        #expect(try OTPSecret(unsealing: active, with: fixture.ring, userID: "ada") == second.uri.secret)
    }

    /// Regression (finding 10b): the active secret was re-sealed under the ring's current key on
    /// every verification attempt, before the code was checked, so anyone able to submit a code
    /// (right or wrong) made the store write; the guide says it happens after a successful one.
    @Test("regression: a wrong or replayed code re-sealed the active secret before the code was checked")
    func resealOnlyAfterSuccess() async throws {
        let old = try SealingKey.generate(id: "old")
        let before = try Fixture(oldKey: old)
        let challenge = try await before.enrolled()
        let rotated = try KeyRing(current: .generate(id: "new"), older: [old])
        let after = try TOTPEnrollment(
            issuer: "Acme CRM", keyRing: rotated, store: before.enrollments,
            verifier: TOTPVerifier(store: before.steps, clock: before.clock), clock: before.clock)

        #expect(try await after.verify(before.code(for: challenge, drift: 5), userID: "ada") == .invalid)
        #expect(try await after.verify("12345x", userID: "ada") == .invalid)
        #expect(try await before.enrollments.active(userID: "ada")?.keyID == "old", "a wrong code writes nothing")
        #expect(try await after.verify(before.code(for: challenge, drift: -1), userID: "ada") == .replayed)
        #expect(try await before.enrollments.active(userID: "ada")?.keyID == "old", "a replayed code writes nothing")
        #expect(try await after.disable(userID: "ada", proof: "000000") == false)
        #expect(try await before.enrollments.active(userID: "ada")?.keyID == "old", "a failed disable writes nothing")

        #expect(try await after.verify(before.code(for: challenge), userID: "ada").isAccepted)
        #expect(try await before.enrollments.active(userID: "ada")?.keyID == "new", "an accepted code re-seals")
    }

    @Test("a secret moved to another user's row does not open")
    func secretBoundToUser() async throws {
        let fixture = try Fixture()
        _ = try await fixture.enrolled()
        let sealed = try #require(try await fixture.enrollments.active(userID: "ada"))
        #expect(
            try await fixture.enrollments.savePending(userID: "mallory", secret: sealed, createdAt: fixture.clock.now())
        )
        _ = try await fixture.enrollments.activate(userID: "mallory", pending: sealed)
        await #expect(throws: TOTPError.unsealingFailed) {
            try await fixture.enrollment.verify("000000", userID: "mallory")
        }
    }
}

@Suite("InMemoryTOTPEnrollmentStore")
struct InMemoryTOTPEnrollmentStoreTests {
    /// Regression (finding 3): saving a pending secret ignored the active one, and activation
    /// replaced it.
    @Test("regression: a pending secret saved beside an active one could be activated over it")
    func activeSecretNeverReplaced() async throws {
        let store = InMemoryTOTPEnrollmentStore()
        let (owners, intruders) = (SealedOTPSecret(bytes: [1, 2, 3]), SealedOTPSecret(bytes: [4, 5, 6]))
        let now = Date(timeIntervalSince1970: 0)
        #expect(try await store.savePending(userID: "ada", secret: owners, createdAt: now))
        #expect(try await store.activate(userID: "ada", pending: owners))
        #expect(try await !store.savePending(userID: "ada", secret: intruders, createdAt: now))
        #expect(try await store.pending(userID: "ada") == nil)
        #expect(try await !store.activate(userID: "ada", pending: intruders))
        #expect(try await store.active(userID: "ada") == owners)
    }

    /// Regression: the store was keyed by `String`, whose `==` is canonical equivalence, so "café"
    /// spelled with U+00E9 and with "e" + U+0301 shared one enrollment: one user could activate or
    /// remove the other's authenticator, where a database keeps two users. Keyed by `UserID` now.
    @Test("canonically equivalent user ids merged into one enrollment")
    func canonicallyEquivalentUserIDsMerged() async throws {
        let store = InMemoryTOTPEnrollmentStore()
        let (composed, decomposed): (UserID, UserID) = ("caf\u{E9}", "cafe\u{301}")
        try #require(composed.rawValue == decomposed.rawValue)  // Swift's String equality, the cause of the flaw
        let secret = SealedOTPSecret(bytes: SecureRandom.bytes(count: 61))
        #expect(
            try await store.savePending(userID: composed, secret: secret, createdAt: Date(timeIntervalSince1970: 0)))
        #expect(try await store.pending(userID: decomposed) == nil, "the other spelling has nothing pending")
        #expect(try await !store.activate(userID: decomposed, pending: secret), "nor can it activate the secret")
        #expect(try await store.activate(userID: composed, pending: secret))
        #expect(try await store.active(userID: decomposed) == nil)
        try await store.remove(userID: decomposed)
        #expect(try await store.active(userID: composed) == secret, "removal touches only the exact id")
    }
}

/// An enrollment store that runs a step once, just before the next save, activation or removal
/// reaches the real store: a deterministic stand-in for another request landing in between.
final class InterleavingEnrollmentStore: TOTPEnrollmentStore {
    typealias Step = @Sendable () async throws -> Void
    private enum Operation { case save, activation, removal }

    private let base: any TOTPEnrollmentStore
    private let hooks = Mutex<[Operation: Step]>([:])

    init(_ base: any TOTPEnrollmentStore) { self.base = base }

    /// Runs `step` before the next ``savePending(userID:secret:createdAt:)`` is passed on.
    func beforeNextSave(_ step: @escaping Step) { hooks.withLock { $0[.save] = step } }

    /// Runs `step` before the next ``activate(userID:pending:)`` is passed on.
    func beforeNextActivation(_ step: @escaping Step) { hooks.withLock { $0[.activation] = step } }

    /// Runs `step` before the next ``removeActive(userID:expected:)`` is passed on.
    func beforeNextRemoval(_ step: @escaping Step) { hooks.withLock { $0[.removal] = step } }

    private func runHook(_ operation: Operation) async throws {
        if let step = hooks.withLock({ $0.removeValue(forKey: operation) }) { try await step() }
    }

    func savePending(userID: UserID, secret: SealedOTPSecret, createdAt: Date) async throws -> Bool {
        try await runHook(.save)
        return try await base.savePending(userID: userID, secret: secret, createdAt: createdAt)
    }

    func pending(userID: UserID) async throws -> PendingOTPSecret? {
        try await base.pending(userID: userID)
    }

    func activate(userID: UserID, pending: SealedOTPSecret) async throws -> Bool {
        try await runHook(.activation)
        return try await base.activate(userID: userID, pending: pending)
    }

    func active(userID: UserID) async throws -> SealedOTPSecret? { try await base.active(userID: userID) }

    func replaceActive(userID: UserID, expected: SealedOTPSecret, with replacement: SealedOTPSecret) async throws
        -> Bool
    {
        try await base.replaceActive(userID: userID, expected: expected, with: replacement)
    }

    func removeActive(userID: UserID, expected: SealedOTPSecret) async throws -> Bool {
        try await runHook(.removal)
        return try await base.removeActive(userID: userID, expected: expected)
    }

    func remove(userID: UserID) async throws { try await base.remove(userID: userID) }
}
