import AuthCore
import Foundation
import TOTP
import Testing

@Suite("TOTPVerifier")
struct TOTPVerifierTests {
    /// A verifier at a fixed time in the middle of a step, with its own store and clock.
    struct Fixture {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_010))
        let store = InMemoryTOTPStore()
        let secret = OTPSecret.generate()
        var generator: TOTPGenerator { TOTPGenerator(secret: secret) }
        var currentStep: Int64 { generator.step(at: clock.now()) }

        func verifier(window: Int = 1) throws -> TOTPVerifier {
            try TOTPVerifier(window: window, store: store, clock: clock)
        }

        func code(drift: Int64) -> String { generator.code(forStep: currentStep + drift) }
    }

    @Test("codes within the window are accepted with their drift", arguments: [-1, 0, 1])
    func withinWindow(drift: Int) async throws {
        let fixture = Fixture()
        let result = try await fixture.verifier().verify(
            fixture.code(drift: Int64(drift)), secret: fixture.secret, userID: "ada")
        #expect(result == .accepted(step: fixture.currentStep + Int64(drift), drift: drift))
        #expect(try await fixture.store.lastUsedStep(userID: "ada") == fixture.currentStep + Int64(drift))
    }

    @Test("codes just outside the window are invalid", arguments: [-3, -2, 2, 3])
    func outsideWindow(drift: Int) async throws {
        let fixture = Fixture()
        let result = try await fixture.verifier().verify(
            fixture.code(drift: Int64(drift)), secret: fixture.secret, userID: "ada")
        #expect(result == .invalid)
        #expect(try await fixture.store.lastUsedStep(userID: "ada") == nil)
    }

    @Test("a wider window reaches further", arguments: [-2, 2])
    func widerWindow(drift: Int) async throws {
        let fixture = Fixture()
        let result = try await fixture.verifier(window: 2).verify(
            fixture.code(drift: Int64(drift)), secret: fixture.secret, userID: "ada")
        #expect(result == .accepted(step: fixture.currentStep + Int64(drift), drift: drift))
    }

    @Test("window 0 accepts only the current step")
    func zeroWindow() async throws {
        let fixture = Fixture()
        let verifier = try fixture.verifier(window: 0)
        #expect(try await verifier.verify(fixture.code(drift: 1), secret: fixture.secret, userID: "ada") == .invalid)
        #expect(try await verifier.verify(fixture.code(drift: 0), secret: fixture.secret, userID: "ada").isAccepted)
    }

    @Test("the window edges follow the clock across step boundaries")
    func stepBoundary() async throws {
        let fixture = Fixture()
        let verifier = try fixture.verifier()
        let code = fixture.code(drift: 0)
        let start = fixture.currentStep
        // Last second of step start+1: the code is one step old, still inside the window.
        fixture.clock.set(to: Date(timeIntervalSince1970: TimeInterval((start + 2) * 30 - 1)))
        #expect(
            try await verifier.verify(code, secret: fixture.secret, userID: "ada") == .accepted(step: start, drift: -1))
        // First second of step start+2: two steps old, outside.
        fixture.clock.set(to: Date(timeIntervalSince1970: TimeInterval((start + 2) * 30)))
        #expect(try await verifier.verify(code, secret: fixture.secret, userID: "bob") == .invalid)
    }

    @Test("malformed codes are invalid", arguments: ["", "12345", "1234567", "12345a", " 123456", "١٢٣٤٥٦"])
    func malformed(code: String) async throws {
        let fixture = Fixture()
        #expect(try await fixture.verifier().verify(code, secret: fixture.secret, userID: "ada") == .invalid)
    }

    @Test("the same code is refused the second time (replay)")
    func replaySameCode() async throws {
        let fixture = Fixture()
        let verifier = try fixture.verifier()
        let code = fixture.code(drift: 0)
        #expect(try await verifier.verify(code, secret: fixture.secret, userID: "ada").isAccepted)
        #expect(try await verifier.verify(code, secret: fixture.secret, userID: "ada") == .replayed)
        fixture.clock.advance(by: 30)
        #expect(try await verifier.verify(code, secret: fixture.secret, userID: "ada") == .replayed)
    }

    @Test("an older code is refused after a newer one was accepted")
    func olderAfterNewer() async throws {
        let fixture = Fixture()
        let verifier = try fixture.verifier()
        #expect(try await verifier.verify(fixture.code(drift: 1), secret: fixture.secret, userID: "ada").isAccepted)
        #expect(try await verifier.verify(fixture.code(drift: 0), secret: fixture.secret, userID: "ada") == .replayed)
        #expect(try await verifier.verify(fixture.code(drift: -1), secret: fixture.secret, userID: "ada") == .replayed)
    }

    @Test("replay state is per user")
    func perUser() async throws {
        let fixture = Fixture()
        let verifier = try fixture.verifier()
        let code = fixture.code(drift: 0)
        #expect(try await verifier.verify(code, secret: fixture.secret, userID: "ada").isAccepted)
        #expect(try await verifier.verify(code, secret: fixture.secret, userID: "bob").isAccepted)
    }

    @Test("50 concurrent verifications of one code succeed exactly once")
    func concurrentReplay() async throws {
        let fixture = Fixture()
        let verifier = try fixture.verifier()
        let code = fixture.code(drift: 0)
        let secret = fixture.secret
        let results = try await withThrowingTaskGroup(of: TOTPVerificationResult.self) { group in
            for _ in 0..<50 {
                group.addTask { try await verifier.verify(code, secret: secret, userID: "ada") }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter(\.isAccepted).count == 1)
        #expect(results.filter { $0 == .replayed }.count == 49)
    }

    @Test("a store failure propagates and accepts nothing")
    func storeFailure() async throws {
        struct Unavailable: Error {}
        struct FailingStore: TOTPStore {
            func markStepUsed(userID: UserID, step: Int64) async throws -> Bool { throw Unavailable() }
            func lastUsedStep(userID: UserID) async throws -> Int64? { throw Unavailable() }
            func removeSteps(userID: UserID) async throws { throw Unavailable() }
        }
        let fixture = Fixture()
        let verifier = try TOTPVerifier(store: FailingStore(), clock: fixture.clock)
        await #expect(throws: Unavailable.self) {
            try await verifier.verify(fixture.code(drift: 0), secret: fixture.secret, userID: "ada")
        }
    }

    @Test("a prepared generator's configuration governs the check")
    func preparedGenerator() async throws {
        let fixture = Fixture()
        let configuration = try TOTPConfiguration(algorithm: .sha512, digits: 8, period: 60)
        let generator = TOTPGenerator(secret: fixture.secret, configuration: configuration)
        let verifier = try TOTPVerifier(configuration: configuration, store: fixture.store, clock: fixture.clock)
        let code = generator.code(at: fixture.clock.now())
        #expect(code.count == 8)
        #expect(try await verifier.verify(code, generator: generator, userID: "ada").isAccepted)
        #expect(try await verifier.verify(code, generator: generator, userID: "ada") == .replayed)
    }

    @Test("windows outside 0...10 are refused", arguments: [-1, 11, Int.max])
    func windowOutOfRange(window: Int) {
        #expect(throws: TOTPError.parameterOutOfRange) {
            try TOTPVerifier(window: window, store: InMemoryTOTPStore(), clock: ManualClock())
        }
    }
}

@Suite("InMemoryTOTPStore")
struct InMemoryTOTPStoreTests {
    @Test("accepts only increasing steps, per user, and forgets on removal")
    func contract() async throws {
        let store = InMemoryTOTPStore()
        #expect(try await store.markStepUsed(userID: "ada", step: 5))
        #expect(try await !store.markStepUsed(userID: "ada", step: 5))
        #expect(try await !store.markStepUsed(userID: "ada", step: 4))
        #expect(try await store.markStepUsed(userID: "ada", step: 6))
        #expect(try await store.markStepUsed(userID: "bob", step: 1))
        #expect(try await store.lastUsedStep(userID: "ada") == 6)
        try await store.removeSteps(userID: "ada")
        #expect(try await store.lastUsedStep(userID: "ada") == nil)
        #expect(try await store.markStepUsed(userID: "ada", step: 1))
    }

    /// Regression: the store was keyed by `String`, whose `==` is canonical equivalence, so "café"
    /// spelled with U+00E9 and with "e" + U+0301 shared one last step (one user's code refused as
    /// the other's replay), where a database keeps two users. Keyed by `UserID` now.
    @Test("canonically equivalent user ids merged into one replay step")
    func canonicallyEquivalentUserIDsMerged() async throws {
        let store = InMemoryTOTPStore()
        let (composed, decomposed): (UserID, UserID) = ("caf\u{E9}", "cafe\u{301}")
        try #require(composed.rawValue == decomposed.rawValue)  // Swift's String equality, the cause of the flaw
        #expect(try await store.markStepUsed(userID: composed, step: 10))
        #expect(try await store.markStepUsed(userID: decomposed, step: 3), "the other spelling's step does not count")
        #expect(try await store.lastUsedStep(userID: composed) == 10)
        #expect(try await store.lastUsedStep(userID: decomposed) == 3)
        try await store.removeSteps(userID: decomposed)
        #expect(try await store.lastUsedStep(userID: composed) == 10, "removal touches only the exact id")
    }
}
