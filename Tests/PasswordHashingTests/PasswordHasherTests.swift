import AuthCore
import PasswordHashing
import Testing

/// Fast parameters so debug-build tests stay quick; production defaults are tested in the benchmarks.
/// One pool for every test, with a queue deep enough for the whole suite running in parallel.
let testPool = HashingPool(workerCount: 2, queueLimit: 100_000)

let fastArgon2 = Argon2Parameters(variant: .argon2id, memoryKiB: 64, iterations: 1, parallelism: 1)

@Suite("PasswordHasher")
struct PasswordHasherTests {
    static let algorithms: [PasswordAlgorithm] = [
        .argon2(fastArgon2),
        .argon2(Argon2Parameters(variant: .argon2i, memoryKiB: 32, iterations: 2, parallelism: 2)),
        .argon2(Argon2Parameters(variant: .argon2d, memoryKiB: 32, iterations: 1, parallelism: 1)),
        .bcrypt(cost: 4, mode: .rejectLongPasswords),
        .bcrypt(cost: 4, mode: .preHashSHA256),
        .scrypt(logN: 10, r: 8, p: 1),
        .pbkdf2(.sha1, iterations: 100),
        .pbkdf2(.sha256, iterations: 100),
        .pbkdf2(.sha512, iterations: 100),
    ]

    @Test("hash then verify, for every algorithm", arguments: algorithms)
    func roundTrip(algorithm: PasswordAlgorithm) async throws {
        let hasher = PasswordHasher(configuration: .init(algorithm: algorithm), pool: testPool)
        let stored = try await hasher.hash("pässwörd ✓ 🔑")
        let good = try await hasher.verify("pässwörd ✓ 🔑", against: stored)
        #expect(good.matches)
        #expect(!good.needsRehash)
        let bad = try await hasher.verify("passwörd ✓ 🔑", against: stored)
        #expect(!bad.matches)
        #expect(!bad.needsRehash)
        #expect(try hasher.algorithm(of: stored) == good.algorithm)
        #expect(try await hasher.hash("pässwörd ✓ 🔑") != stored, "salts are random")
    }

    @Test("a hash made under an older policy verifies and asks to be upgraded")
    func upgrade() async throws {
        let old = PasswordHasher(configuration: .init(algorithm: .pbkdf2(.sha256, iterations: 100)), pool: testPool)
        let stored = try await old.hash("tr0ub4dor&3")
        let current = PasswordHasher(configuration: .init(algorithm: .argon2(fastArgon2)), pool: testPool)
        let result = try await current.verify("tr0ub4dor&3", against: stored)
        #expect(result.matches && result.needsRehash)
        #expect(result.algorithm == .pbkdf2(.sha256, iterations: 100))
        let weaker = Argon2Parameters(variant: .argon2id, memoryKiB: 32, iterations: 1, parallelism: 1)
        let argonStored = try await PasswordHasher(configuration: .init(algorithm: .argon2(weaker)), pool: testPool)
            .hash("x y z")
        #expect(try await current.verify("x y z", against: argonStored).needsRehash)
    }

    @Test("bcrypt refuses passwords over 72 bytes unless pre-hashing; pre-hashing counts every byte")
    func bcryptLongPasswords() async throws {
        let long = String(repeating: "a", count: 72)
        let strict = PasswordHasher(
            configuration: .init(algorithm: .bcrypt(cost: 4, mode: .rejectLongPasswords)), pool: testPool)
        _ = try await strict.hash(long)
        await #expect(throws: PasswordHashingError.passwordTooLong) { try await strict.hash(long + "b") }
        let prehash = PasswordHasher(
            configuration: .init(algorithm: .bcrypt(cost: 4, mode: .preHashSHA256)), pool: testPool)
        let stored = try await prehash.hash(long + "b")
        #expect(stored.hasPrefix("$bcrypt-sha256$v=2,t=2b,r=4$"))
        #expect(try await prehash.verify(long + "b", against: stored).matches)
        #expect(try await !prehash.verify(long + "c", against: stored).matches)
    }

    @Test("empty and oversized passwords are typed errors")
    func passwordLength() async throws {
        let hasher = PasswordHasher(configuration: .init(algorithm: .pbkdf2(.sha256, iterations: 10)), pool: testPool)
        await #expect(throws: PasswordHashingError.emptyPassword) { try await hasher.hash("") }
        let atMaximum = String(repeating: "x", count: 4096)
        #expect(try await hasher.verify(atMaximum, against: hasher.hash(atMaximum)).matches)
        await #expect(throws: PasswordHashingError.passwordTooLong) { try await hasher.hash(atMaximum + "x") }
        let stored = try await hasher.hash("short")
        await #expect(throws: PasswordHashingError.passwordTooLong) {
            try await hasher.verify(atMaximum + "x", against: stored)
        }
    }

    @Test(
        "hostile stored hashes are refused before any work",
        arguments: [
            "$argon2id$v=19$m=4294967295,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
            "$argon2id$v=19$m=65536,t=100000,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
            "$argon2id$v=19$m=65536,t=1,p=1000$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
            "$2b$31$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            "$scrypt$ln=40,r=8,p=1$c2FsdA$aGFzaGhhc2hoYXNo",
            "$scrypt$ln=16,r=4096,p=1$c2FsdA$aGFzaGhhc2hoYXNo",
            "$pbkdf2-sha256$2000000000$c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        ])
    func hostile(stored: String) async throws {
        let hasher = PasswordHasher(pool: testPool)
        #expect(!hasher.canVerify(stored))
        await #expect(throws: PasswordHashingError.exceedsLimits) { try await hasher.verify("x", against: stored) }
    }

    @Test(
        "malformed or unknown stored hashes are typed errors, never crashes",
        arguments: [
            "", "plaintext", "$", "$$$", "$argon2id$", "$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ",
            "$argon2id$v=20$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g", "$argon2x$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$aGFzaA",
            "$argon2id$v=19$m=64,t=0,p=1$c2FsdHNhbHQ$aGFzaGhhc2g", "$argon2id$v=19$m=1,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
            "$argon2id$v=19$m=64,t=1,p=1$c2FsdA$aGFzaGhhc2g",
            "$2b$10$tooshort", "$2x$10$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            "$2b$03$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
            "$bcrypt-sha256$v=1,t=2b,r=12$n79VH.0Q2TMWmt3Oqt9uku$Kq4Noyk3094Y2QlB8NdRT8SvGiI4ft2",
            "$bcrypt-sha256$v=2,t=2b$n79VH.0Q2TMWmt3Oqt9uku$Kq4Noyk3094Y2QlB8NdRT8SvGiI4ft2",
            "$scrypt$ln=0,r=8,p=1$c2FsdA$aGFzaA", "$scrypt$ln=10,r=8$c2FsdA$aGFzaA", "$scrypt$ln=10,r=8,p=1$c2FsdA",
            "$pbkdf2-sha256$abc$c2FsdA$aGFzaA", "$pbkdf2-sha256$0$c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
            "$pbkdf2-md5$10$c2FsdA$aGFzaA", "$pbkdf2-sha256$10$c2FsdA$aGFzaA",
            "pbkdf2_sha256$10$salt$bm90IDMyIGJ5dGVz", "pbkdf2_sha256$x$salt$aGFzaA==", "pbkdf2_sha256$10$$aGFzaA==",
            "scrypt$1000$salt$8$1$aGFzaA==", "scrypt$16384$salt$8$aGFzaA==",
            "argon2$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ", "bcrypt_sha256$$2b$12$short", "bcrypt$$2b$",
            "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$argon2id$v=19$m=99999999999,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2g",
            "AQAAAAkAACcQAAAAEAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "AQAAAAEAACcQ/////wAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA",
            "$crmauth-pepper$k=$argon2id", "$crmauth-pepper$k=p1", "\u{0}\u{0}",
            "$argon2id$v=19$m=64,t=1,p=1$\u{1F511}$aGFzaA",
        ])
    func malformed(stored: String) async {
        let hasher = PasswordHasher(pool: testPool)
        await #expect(throws: PasswordHashingError.self) { try await hasher.verify("password", against: stored) }
        #expect(!hasher.canVerify(stored))
    }

    @Test("peppered hashes record the pepper id, verify, and rotate")
    func pepper() async throws {
        let first = try Pepper(id: "p2025", key: SecureRandom.bytes(count: 32))
        let second = try Pepper(id: "p2026", key: SecureRandom.bytes(count: 32))
        var configuration = PasswordHasher.Configuration(algorithm: .argon2(fastArgon2))
        configuration.pepper = first
        let hasher = PasswordHasher(configuration: configuration, pool: testPool)
        let stored = try await hasher.hash("hunter2 hunter2")
        #expect(stored.hasPrefix("$crmauth-pepper$k=p2025$argon2id$"))
        #expect(
            try await hasher.verify("hunter2 hunter2", against: stored)
                == .init(matches: true, needsRehash: false, algorithm: .argon2(fastArgon2)))
        #expect(try await !hasher.verify("hunter3 hunter3", against: stored).matches)

        let unpeppered = PasswordHasher(configuration: .init(algorithm: .argon2(fastArgon2)), pool: testPool)
        await #expect(throws: PasswordHashingError.unknownPepper) {
            try await unpeppered.verify("hunter2 hunter2", against: stored)
        }

        configuration.pepper = second
        configuration.olderPeppers = [first]
        let rotated = PasswordHasher(configuration: configuration, pool: testPool)
        let result = try await rotated.verify("hunter2 hunter2", against: stored)
        #expect(result.matches && result.needsRehash)
        #expect(!String(describing: first).contains("key: ["))
        #expect(throws: PasswordHashingError.parameterOutOfRange) { try Pepper(id: "short-key", key: [1, 2, 3]) }
        #expect(throws: PasswordHashingError.parameterOutOfRange) {
            try Pepper(id: "bad id", key: SecureRandom.bytes(count: 32))
        }
    }

    @Test("a dummy verification does the same work and never matches")
    func dummy() async throws {
        let hasher = PasswordHasher(configuration: .init(algorithm: .argon2(fastArgon2)), pool: testPool)
        #expect(try await !hasher.verifyDummy("anything").matches)
    }
}
