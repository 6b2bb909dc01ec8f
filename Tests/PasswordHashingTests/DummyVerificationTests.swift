import AuthCore
import Dispatch
import PasswordHashing
import Synchronization
import Testing

/// `verifyDummy` (an unknown account) must be indistinguishable from `verify` (a known account with a
/// wrong password) by its answer, its errors and its work.
@Suite("Dummy verification")
struct DummyVerificationTests {
    static let configurations: [PasswordAlgorithm] = [
        .argon2(fastArgon2),
        .bcrypt(cost: 4, mode: .rejectLongPasswords),
        .bcrypt(cost: 4, mode: .preHashSHA256),
        .scrypt(logN: 4, r: 8, p: 1),
        .pbkdf2(.sha256, iterations: 10),
    ]

    /// The outcome of one call: the result, or the error code.
    static func outcome(_ body: () async throws(PasswordHashingError) -> PasswordVerification) async -> String {
        do {
            let result = try await body()
            return "matches=\(result.matches) rehash=\(result.needsRehash)"
        } catch {
            return "error: \(error.code)"
        }
    }

    @Test(
        "regression: verifyDummy answers every password exactly as verify does for a wrong one",
        arguments: configurations)
    func sameAnswers(algorithm: PasswordAlgorithm) async throws {
        let hasher = PasswordHasher(configuration: .init(algorithm: algorithm), pool: testPool)
        let stored = try await hasher.hash("the account's real password")
        let passwords = [
            "", "wrong", String(repeating: "x", count: 72), String(repeating: "y", count: 73),
            String(repeating: "z", count: 4096), String(repeating: "z", count: 4097), "\u{0}",
        ]
        for password in passwords {
            let known = await Self.outcome { () async throws(PasswordHashingError) in
                try await hasher.verify(password, against: stored)
            }
            let unknown = await Self.outcome { () async throws(PasswordHashingError) in
                try await hasher.verifyDummy(password)
            }
            #expect(known == unknown, "password of \(password.utf8.count) bytes under \(algorithm)")
        }
    }

    @Test("regression: an empty or oversized password gets the same error from verifyDummy as from verify")
    func emptyAndOversized() async throws {
        let hasher = PasswordHasher(configuration: .init(algorithm: .argon2(fastArgon2)), pool: testPool)
        let stored = try await hasher.hash("hunter2 hunter2")
        await #expect(throws: PasswordHashingError.emptyPassword) { try await hasher.verify("", against: stored) }
        await #expect(throws: PasswordHashingError.emptyPassword) { try await hasher.verifyDummy("") }
        let oversized = String(repeating: "o", count: 4097)
        await #expect(throws: PasswordHashingError.passwordTooLong) {
            try await hasher.verify(oversized, against: stored)
        }
        await #expect(throws: PasswordHashingError.passwordTooLong) { try await hasher.verifyDummy(oversized) }
    }

    @Test("verifyDummy runs on the pool like verify, so a full pool refuses both with busy")
    func sharesThePool() async throws {
        let pool = HashingPool(workerCount: 1, queueLimit: 0)
        defer { pool.shutdown() }
        let hasher = PasswordHasher(configuration: .init(algorithm: .argon2(fastArgon2)), pool: testPool)
        let stored = try await hasher.hash("hunter2 hunter2")
        let blocked = PasswordHasher(configuration: .init(algorithm: .argon2(fastArgon2)), pool: pool)
        // Only the pool's own thread blocks; the test waits by yielding, so it never holds a
        // cooperative thread other tests need.
        let started = StartFlag()
        let release = DispatchSemaphore(value: 0)
        let running = Task {
            try await pool.run { _ in
                started.set()
                release.wait()
            }
        }
        while !started.isSet { await Task.yield() }
        await #expect(throws: PasswordHashingError.busy) { try await blocked.verify("wrong", against: stored) }
        await #expect(throws: PasswordHashingError.busy) { try await blocked.verifyDummy("wrong") }
        release.signal()
        try await running.value
    }

    @Test("the dummy verifies against a hash of the configured algorithm and pepper")
    func dummyShape() async throws {
        var configuration = PasswordHasher.Configuration(algorithm: .scrypt(logN: 4, r: 8, p: 1))
        configuration.pepper = try Pepper(id: "k1", key: repeated(9, 32))
        let hasher = PasswordHasher(configuration: configuration, pool: testPool)
        let result = try await hasher.verifyDummy("anything")
        #expect(
            result == PasswordVerification(matches: false, needsRehash: false, algorithm: .scrypt(logN: 4, r: 8, p: 1)))
    }
}

/// A flag one thread sets and another polls.
final class StartFlag: Sendable {
    private let value = Atomic<Bool>(false)
    func set() { value.store(true, ordering: .releasing) }
    var isSet: Bool { value.load(ordering: .acquiring) }
}
