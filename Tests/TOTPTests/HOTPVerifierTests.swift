import AuthCore
import TOTP
import Testing

@Suite("HOTPVerifier")
struct HOTPVerifierTests {
    /// RFC 4226 Appendix D: the secret "12345678901234567890" and its codes for counters 0-9.
    static let vectors: [(UInt64, String)] = [
        (0, "755224"), (1, "287082"), (2, "359152"), (3, "969429"), (4, "338314"),
        (5, "254676"), (6, "287922"), (7, "162583"), (8, "399871"), (9, "520489"),
    ]

    let store = InMemoryHOTPCounterStore()
    let secret: OTPSecret

    init() throws { secret = try OTPSecret(bytes: Array("12345678901234567890".utf8)) }

    func verifier(lookAhead: Int = 10) throws -> HOTPVerifier { try HOTPVerifier(lookAhead: lookAhead, store: store) }

    @Test("each Appendix D code is accepted from counter 0 with a look-ahead reaching it", arguments: vectors)
    func appendixD(counter: UInt64, code: String) async throws {
        let result = try await verifier(lookAhead: 9).verify(code, secret: secret, userID: "ada")
        #expect(result == .accepted(counter: counter, skipped: Int(counter)))
        #expect(try await store.lastAcceptedCounter(userID: "ada") == counter)
    }

    @Test("codes in sequence are accepted, each exactly once")
    func sequence() async throws {
        let verifier = try verifier()
        for (counter, code) in Self.vectors {
            #expect(
                try await verifier.verify(code, secret: secret, userID: "ada")
                    == .accepted(counter: counter, skipped: 0))
            #expect(try await verifier.verify(code, secret: secret, userID: "ada") == .invalid)
        }
    }

    @Test("resynchronisation: a token ahead by 3 is accepted, and the counter moves past it (RFC 4226 §7.4)")
    func resynchronisation() async throws {
        let verifier = try verifier(lookAhead: 3)
        #expect(try await verifier.verify("969429", secret: secret, userID: "ada") == .accepted(counter: 3, skipped: 3))
        #expect(try await verifier.verify("969429", secret: secret, userID: "ada") == .invalid)
        #expect(try await verifier.verify("287082", secret: secret, userID: "ada") == .invalid)
        #expect(try await verifier.verify("338314", secret: secret, userID: "ada") == .accepted(counter: 4, skipped: 0))
    }

    @Test("a code past the look-ahead is invalid and records nothing")
    func beyondLookAhead() async throws {
        let verifier = try verifier(lookAhead: 2)
        #expect(try await verifier.verify("969429", secret: secret, userID: "ada") == .invalid)
        #expect(try await store.lastAcceptedCounter(userID: "ada") == nil)
        #expect(try await verifier.verify("359152", secret: secret, userID: "ada") == .accepted(counter: 2, skipped: 2))
    }

    @Test("look-ahead 0 accepts only the expected counter")
    func zeroLookAhead() async throws {
        let verifier = try verifier(lookAhead: 0)
        #expect(try await verifier.verify("287082", secret: secret, userID: "ada") == .invalid)
        #expect(try await verifier.verify("755224", secret: secret, userID: "ada") == .accepted(counter: 0, skipped: 0))
    }

    @Test("the enrolled initial counter is where checking starts")
    func initialCounter() async throws {
        let verifier = try verifier()
        #expect(try await verifier.verify("338314", secret: secret, userID: "ada", initialCounter: 5) == .invalid)
        #expect(
            try await verifier.verify("254676", secret: secret, userID: "ada", initialCounter: 5)
                == .accepted(counter: 5, skipped: 0))
    }

    @Test("8-digit codes from a prepared generator")
    func eightDigits() async throws {
        let generator = try HOTPGenerator(secret: secret, digits: 8)
        let verifier = try HOTPVerifier(digits: 8, store: store)
        let code = generator.code(counter: 4)
        #expect(code.count == 8)
        #expect(
            try await verifier.verify(code, generator: generator, userID: "ada") == .accepted(counter: 4, skipped: 4))
    }

    @Test("counters are per user")
    func perUser() async throws {
        let verifier = try verifier()
        #expect(try await verifier.verify("755224", secret: secret, userID: "ada").isAccepted)
        #expect(try await verifier.verify("755224", secret: secret, userID: "bob").isAccepted)
    }

    @Test("malformed codes are invalid", arguments: ["", "75522", "7552240", "75522a", " 755224", "٧٥٥٢٢٤"])
    func malformed(code: String) async throws {
        #expect(try await verifier().verify(code, secret: secret, userID: "ada") == .invalid)
    }

    @Test("50 concurrent verifications of one code accept it exactly once")
    func concurrentReplay() async throws {
        let (verifier, secret) = (try verifier(), secret)
        let results = try await withThrowingTaskGroup(of: HOTPVerificationResult.self) { group in
            for _ in 0..<50 { group.addTask { try await verifier.verify("969429", secret: secret, userID: "ada") } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(results.filter(\.isAccepted) == [.accepted(counter: 3, skipped: 3)])
        #expect(try await store.lastAcceptedCounter(userID: "ada") == 3)
    }

    @Test("at the top of the counter space the window stops at UInt64.max, then nothing is accepted")
    func counterSpaceEnd() async throws {
        let generator = try HOTPGenerator(secret: secret)
        let verifier = try verifier()
        _ = try await store.advanceCounter(userID: "ada", to: .max - 1)
        let top = UInt64.max
        // 0: one past the top, wrapped
        let (last, wrapped) = (generator.code(counter: top), generator.code(counter: 0))
        try #require(last != wrapped)
        #expect(try await verifier.verify(wrapped, generator: generator, userID: "ada") == .invalid)
        #expect(
            try await verifier.verify(last, generator: generator, userID: "ada") == .accepted(counter: top, skipped: 0))
        #expect(try await verifier.verify(wrapped, generator: generator, userID: "ada") == .invalid)
    }

    @Test("an initial counter above Int64.max works: counters are the RFC's unsigned 64 bits")
    func initialCounterAboveInt64Max() async throws {
        let generator = try HOTPGenerator(secret: secret)
        let counter = UInt64(Int64.max) + 1
        let result = try await verifier().verify(
            generator.code(counter: counter), secret: secret, userID: "ada", initialCounter: counter)
        #expect(result == .accepted(counter: counter, skipped: 0))
        #expect(try await store.lastAcceptedCounter(userID: "ada") == counter)
    }

    @Test(
        "look-aheads outside 0...100 and digits outside 6...8 are refused",
        arguments: [(-1, 6), (101, 6), (Int.max, 6), (10, 5), (10, 9)]
    )
    func parametersOutOfRange(lookAhead: Int, digits: Int) {
        #expect(throws: TOTPError.parameterOutOfRange) {
            try HOTPVerifier(digits: digits, lookAhead: lookAhead, store: InMemoryHOTPCounterStore())
        }
    }

    @Test("a store failure propagates and accepts nothing")
    func storeFailure() async throws {
        struct Unavailable: Error {}
        struct FailingStore: HOTPCounterStore {
            func advanceCounter(userID: UserID, to counter: UInt64) async throws -> Bool { throw Unavailable() }
            func lastAcceptedCounter(userID: UserID) async throws -> UInt64? { nil }
            func removeCounter(userID: UserID) async throws {}
        }
        let verifier = try HOTPVerifier(store: FailingStore())
        await #expect(throws: Unavailable.self) { try await verifier.verify("755224", secret: secret, userID: "ada") }
    }
}
