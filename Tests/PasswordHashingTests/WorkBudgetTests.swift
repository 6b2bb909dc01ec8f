import AuthCore
import PasswordHashing
import Testing

/// The total work of a stored hash is bounded at a multiple of the policy's, and a worker keeps no
/// more Argon2 memory than its policy needs.
@Suite("Work budget and retained memory")
struct WorkBudgetTests {
    /// ASP.NET Identity v3 with SHA-1, 100,000 iterations, a 16-byte salt and a 1024-byte subkey:
    /// 52 PBKDF2 output blocks, so 5.2 million HMAC iterations behind a header that says 100,000.
    static let longSubkeyAspNet: String = {
        let header: [UInt8] = [0x01, 0, 0, 0, 0, 0x00, 0x01, 0x86, 0xa0, 0, 0, 0, 16]
        return Base64.standard.encode(header + repeated(1, 16) + repeated(2, 1024))
    }()

    /// Each within every per-parameter ceiling, each far beyond 24 times a default Argon2id hash.
    static let expensive = [
        "$argon2id$v=19$m=262144,t=64,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
        "$argon2id$v=19$m=65536,t=32,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",
        "$2b$14$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "$bcrypt-sha256$v=2,t=2b,r=16$n79VH.0Q2TMWmt3Oqt9uku$Kq4Noyk3094Y2QlB8NdRT8SvGiI4ft2",
        "$scrypt$ln=14,r=8,p=64$c2FsdA$aGFzaGhhc2hoYXNo",
        "$pbkdf2-sha256$5000000$c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",
        "pbkdf2_sha1$9000000$salt$LVtdiLcFnnQBRD3p5B97TuF7c8M=",
        longSubkeyAspNet,
    ]

    @Test(
        "regression: a stored hash whose total work is far beyond the policy's is refused before any work",
        arguments: expensive)
    func refused(stored: String) async {
        let hasher = PasswordHasher(pool: testPool)
        #expect(!hasher.canVerify(stored))
        await #expect(throws: PasswordHashingError.exceedsLimits) { try await hasher.verify("x", against: stored) }
    }

    /// Common real-world settings, all admitted under the default policy and limits.
    static let common = [
        "$argon2id$v=19$m=65536,t=3,p=4$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",  // argon2-cffi's default
        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo",  // OWASP
        "$2b$12$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",  // Rails, Django, Laravel
        "$scrypt$ln=16,r=8,p=1$c2FsdA$aGFzaGhhc2hoYXNo",  // passlib's default
        "$pbkdf2-sha256$600000$c2FsdA$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g",  // OWASP, Django 5
        "$scrypt$ln=17,r=8,p=1$c2FsdA$aGFzaGhhc2hoYXNo",  // OWASP
        "$2b$13$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW",
        "$pbkdf2$1300000$c2FsdA$aGhoaGhoaGhoaGhoaGhoaGhoaGg",  // OWASP's PBKDF2-SHA1
        // OWASP
        "$pbkdf2-sha512$210000$c2FsdA$aGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaGhoaA",
    ]

    @Test("common legacy settings stay within the default work budget", arguments: common)
    func admitted(stored: String) {
        #expect(PasswordHasher(pool: testPool).canVerify(stored))
        // A deliberately cheap policy is measured against the recommended one, so it admits them too.
        #expect(PasswordHasher(configuration: .init(algorithm: .argon2(fastArgon2)), pool: testPool).canVerify(stored))
    }

    @Test("the budget scales with the configured policy and with maxWorkFactor")
    func scales() {
        let bcrypt14 = "$2b$14$CCCCCCCCCCCCCCCCCCCCC.E5YPO9kmyuRGyh0XouQYb4YMJKvyOeW"
        #expect(!PasswordHasher(pool: testPool).canVerify(bcrypt14))
        let stronger = Argon2Parameters(memoryKiB: 65_536, iterations: 3, parallelism: 4)
        #expect(PasswordHasher(configuration: .init(algorithm: .argon2(stronger)), pool: testPool).canVerify(bcrypt14))
        var configuration = PasswordHasher.Configuration()
        configuration.limits.maxWorkFactor = 64
        #expect(PasswordHasher(configuration: configuration, pool: testPool).canVerify(bcrypt14))
        configuration.limits.maxWorkFactor = 0
        #expect(!PasswordHasher(configuration: configuration, pool: testPool).canVerify(bcrypt14))
    }

    @Test("the refusal names the factor so an operator knows what to raise")
    func message() async {
        let hasher = PasswordHasher(pool: testPool)
        do {
            _ = try await hasher.verify("x", against: Self.expensive[0])
            Issue.record("expected exceedsLimits")
        } catch {
            #expect(error.reason.contains("maxWorkFactor"))
        }
    }

    @Test("regression: a worker keeps at most the configured Argon2 memory after verifying a larger stored hash")
    func retention() async throws {
        let pool = HashingPool(workerCount: 1, queueLimit: 4)
        defer { pool.shutdown() }
        let large = Argon2Parameters(memoryKiB: 4096, iterations: 1, parallelism: 1)
        let largeHasher = PasswordHasher(configuration: .init(algorithm: .argon2(large)), pool: pool)
        let stored = try await largeHasher.hash("correct horse")
        // A policy's own memory is kept between hashes (the point of the workspace).
        #expect(try await pool.run { $0.argon2.capacityKiB } == 4096)

        let small = PasswordHasher(configuration: .init(algorithm: .argon2(fastArgon2)), pool: pool)
        #expect(try await small.verify("correct horse", against: stored).matches)
        #expect(try await pool.run { $0.argon2.capacityKiB } <= Int(fastArgon2.memoryKiB))

        _ = try await largeHasher.hash("correct horse")
        let bcrypt = PasswordHasher(configuration: .init(algorithm: .bcrypt(cost: 4, mode: .preHashSHA256)), pool: pool)
        #expect(try await bcrypt.verify("correct horse", against: stored).matches)
        #expect(try await pool.run { $0.argon2.capacityKiB } == 0)
    }
}
