import AuthCore
import Testing

@testable import PasswordHashing

/// Numbers from stored hashes, configurations and the command line are range-checked before any
/// arithmetic, so none of them can trap the process (Swift traps on integer overflow).
@Suite("Hostile numbers")
struct HostileNumberTests {
    static let overflowingScrypt = [
        "$scrypt$ln=4,r=9999999999,p=9999999999$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$scrypt$ln=4,r=4294967296,p=4294967296$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "$scrypt$ln=62,r=9999999999,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
        "scrypt$16$salt$9999999999$9999999999$aGFzaGhhc2hoYXNoaGFzaA==",
        "scrypt$4294967296$salt$4294967296$4294967296$aGFzaGhhc2hoYXNoaGFzaA==",
        "$crmauth-pepper$k=p1$scrypt$ln=4,r=9999999999,p=9999999999$c2FsdHNhbHQ$aGFzaGhhc2hoYXNoaGFzaA",
    ]

    @Test("regression: a scrypt hash whose r*p overflows is a typed error, not a trap", arguments: overflowingScrypt)
    func scryptProductOverflow(stored: String) async throws {
        var configuration = PasswordHasher.Configuration(algorithm: .argon2(fastArgon2))
        configuration.pepper = try Pepper(id: "p1", key: SecureRandom.bytes(count: 32))
        let hasher = PasswordHasher(configuration: configuration, pool: testPool)
        #expect(!hasher.canVerify(stored))
        #expect(throws: PasswordHashingError.parameterOutOfRange) { try hasher.algorithm(of: stored) }
        await #expect(throws: PasswordHashingError.parameterOutOfRange) {
            try await hasher.verify("password", against: stored)
        }
    }

    /// What `crm-auth password hash` builds from its options, with the hostile values the audit tried.
    static let hostileAlgorithms: [(PasswordAlgorithm, PasswordHashingError)] = [
        (.scrypt(logN: 17, r: 4_294_967_296, p: 4_294_967_296), .parameterOutOfRange),
        (.scrypt(logN: 17, r: .max, p: 2), .parameterOutOfRange),
        (.scrypt(logN: 17, r: .min, p: .min), .parameterOutOfRange),
        (.scrypt(logN: 17, r: -1, p: -1), .parameterOutOfRange),
        (.scrypt(logN: -1, r: 8, p: 1), .parameterOutOfRange),
        (.scrypt(logN: .min, r: 8, p: 1), .parameterOutOfRange),
        (.scrypt(logN: .max, r: 8, p: 1), .parameterOutOfRange),
        (.scrypt(logN: 62, r: 1, p: 1), .exceedsLimits),
        (.scrypt(logN: 10, r: 1 << 29, p: 1), .exceedsLimits),
        (.bcrypt(cost: .max, mode: .rejectLongPasswords), .parameterOutOfRange),
        (.bcrypt(cost: .min, mode: .preHashSHA256), .parameterOutOfRange),
        (.bcrypt(cost: 31, mode: .rejectLongPasswords), .exceedsLimits),
        (.bcrypt(cost: 4, mode: .legacyTruncating), .parameterOutOfRange),
        (.pbkdf2(.sha256, iterations: .max), .parameterOutOfRange),
        (.pbkdf2(.sha512, iterations: .min), .parameterOutOfRange),
        (.pbkdf2(.sha1, iterations: 0), .parameterOutOfRange),
        (.pbkdf2(.sha256, iterations: Int(Int32.max)), .exceedsLimits),
        (.argon2(Argon2Parameters(memoryKiB: .max, iterations: 1, parallelism: 1)), .exceedsLimits),
        (.argon2(Argon2Parameters(memoryKiB: 64, iterations: .max, parallelism: 1)), .exceedsLimits),
        (.argon2(Argon2Parameters(memoryKiB: 64, iterations: 0, parallelism: 1)), .parameterOutOfRange),
        (.argon2(Argon2Parameters(memoryKiB: .max, iterations: 1, parallelism: .max)), .parameterOutOfRange),
        (.argon2(Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 0)), .parameterOutOfRange),
        (.argon2(Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1, saltLength: -1)), .parameterOutOfRange),
        (
            .argon2(Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1, saltLength: .min)),
            .parameterOutOfRange
        ),
        (
            .argon2(Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1, saltLength: .max)),
            .parameterOutOfRange
        ),
        (.argon2(Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1, saltLength: 1 << 20)), .exceedsLimits),
        (
            .argon2(Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1, tagLength: .max)),
            .parameterOutOfRange
        ),
        (
            .argon2(Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1, tagLength: .min)),
            .parameterOutOfRange
        ),
        (.argon2(Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1, tagLength: 1 << 30)), .exceedsLimits),
        (.argon2(Argon2Parameters(memoryKiB: 64, iterations: 1, parallelism: 1, version: .max)), .parameterOutOfRange),
    ]

    @Test(
        "regression: out-of-range hashing parameters (as `crm-auth password hash` passes them) are typed errors, not traps",
        arguments: hostileAlgorithms)
    func hostileConfiguration(algorithm: PasswordAlgorithm, expected: PasswordHashingError) async throws {
        let configuration = PasswordHasher.Configuration(algorithm: algorithm)
        #expect(throws: expected) { try configuration.validate() }
        let hasher = PasswordHasher(configuration: configuration, pool: testPool)
        await #expect(throws: expected) { try await hasher.hash("password") }
        await #expect(throws: expected) { try await hasher.verifyDummy("password") }
        // The work model saturates instead of overflowing.
        _ = HashingWork.of(algorithm).times(.max)
        _ = hasher.workBudget
    }

    @Test("regression: extreme limits settings cannot make the parsers' arithmetic overflow")
    func extremeLimits() async throws {
        let stored = try await PasswordHasher(configuration: .init(algorithm: .argon2(fastArgon2)), pool: testPool)
            .hash("pw")
        for value in [Int.max, Int.min, 0, -1] {
            var limits = HashingLimits()
            limits.maxSaltOrHashBytes = value
            limits.maxPasswordBytes = value
            limits.maxEncodedLength = value == 0 || value == -1 ? Int.max : value
            limits.maxWorkFactor = value
            limits.maxPBKDF2Iterations = value
            limits.maxBcryptCost = value
            var configuration = PasswordHasher.Configuration(algorithm: .argon2(fastArgon2))
            configuration.limits = limits
            let hasher = PasswordHasher(configuration: configuration, pool: testPool)
            _ = hasher.canVerify(stored)
            _ = try? await hasher.verify("pw", against: stored)
            _ = try? await hasher.verifyDummy("pw")
        }
    }

    @Test("regression: an Argon2 workspace asked for more blocks than the address space is a typed error")
    func workspaceSize() {
        let workspace = Argon2Workspace(retentionLimitKiB: 0)
        #expect(throws: PasswordHashingError.exceedsLimits) { _ = try workspace.prepare(blocks: .max) }
        #expect(throws: PasswordHashingError.exceedsLimits) { _ = try workspace.prepare(blocks: -1) }
        #expect(workspace.capacityKiB == 0)
    }

    @Test("an ASP.NET Identity v3 header with 32-bit maxima is a typed error")
    func aspNetExtremes() async {
        // PRF 1 (SHA-256), iterations 2^32-1, salt length 2^32-1: nothing to read, nothing to overflow.
        var blob: [UInt8] = [0x01, 0, 0, 0, 1, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff]
        blob += repeated(7, 64)
        let hasher = PasswordHasher(pool: testPool)
        await #expect(throws: PasswordHashingError.malformedHash) {
            try await hasher.verify("password", against: Base64.standard.encode(blob))
        }
    }
}
