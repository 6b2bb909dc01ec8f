import AuthCore
import PasswordHashing
import Testing

/// One password, several spellings: the hasher hashes and verifies the NFKC form, and falls back to
/// the typed form only for hashes made without normalization.
@Suite("Hashing the normalized form")
struct NormalizationTests {
    /// Spellings of one password each: NFC, NFD, full-width and ligature forms of the same text.
    static let spellings: [[String]] = [
        ["\u{FB01}sh and chips forever", "fish and chips forever"],  // ligature ﬁ
        ["caf\u{E9} cr\u{E8}me br\u{FB}l\u{E9}e", "cafe\u{301} cre\u{300}me bru\u{302}le\u{301}e"],  // NFC, NFD
        // full-width
        ["\u{FF30}\u{FF21}\u{FF33}\u{FF33}\u{FF57}\u{FF4F}\u{FF52}\u{FF44} \u{FF11}\u{FF12}\u{FF13}", "PASSword 123"],
        // all at once
        ["\u{FB01}le \u{FF21}\u{FF22}\u{FF23} cafe\u{301}", "file ABC caf\u{E9}", "\u{FB01}le ABC caf\u{E9}"],
    ]

    static let algorithms: [PasswordAlgorithm] = [
        .argon2(fastArgon2),
        .bcrypt(cost: 4, mode: .rejectLongPasswords),
        .bcrypt(cost: 4, mode: .preHashSHA256),
        .scrypt(logN: 4, r: 8, p: 1),
        .pbkdf2(.sha256, iterations: 10),
    ]

    /// A hasher that counts the hash computations of its verifications.
    static func countingHasher(_ algorithm: PasswordAlgorithm = .argon2(fastArgon2)) -> (
        PasswordHasher, HashAttemptCounter
    ) {
        var hasher = PasswordHasher(configuration: .init(algorithm: algorithm), pool: testPool)
        let counter = HashAttemptCounter()
        hasher.attemptCounter = counter
        return (hasher, counter)
    }

    /// The hash computations one call makes.
    static func attempts(
        _ counter: HashAttemptCounter, _ body: () async throws(PasswordHashingError) -> PasswordVerification
    ) async -> Int {
        let before = counter.count
        _ = try? await body()
        return counter.count - before
    }

    @Test(
        "regression: a password registered in one spelling did not verify when typed in another",
        arguments: spellings)
    func everySpellingVerifies(spellings: [String]) async throws {
        for algorithm in Self.algorithms {
            let (hasher, counter) = Self.countingHasher(algorithm)
            for registered in spellings {
                let stored = try await hasher.hash(NormalizedPassword(registered))
                for typed in spellings {
                    let before = counter.count
                    let result = try await hasher.verify(NormalizedPassword(typed), against: stored)
                    #expect(result.matches && !result.needsRehash, "\(algorithm)")
                    #expect(counter.count - before == 1, "a match through the NFKC form needs no fallback")
                }
            }
        }
    }

    @Test(
        "a hash of the typed bytes, made without normalization, verifies, asks for a rehash, and the rehash takes every spelling"
    )
    func typedBytesFallback() async throws {
        let (hasher, counter) = Self.countingHasher(.pbkdf2(.sha256, iterations: 10))
        let typed = "cafe\u{301} \u{FB01}sh \u{FF21}BC"
        // What a system that hashed the raw UTF-8 bytes stored (Django's pbkdf2_sha256 layout).
        let digest = try KeyDerivation.pbkdf2(
            password: Array(typed.utf8), salt: Array("seasalt".utf8), iterations: 10, hash: .sha256, keyLength: 32)
        let imported = "pbkdf2_sha256$10$seasalt$\(Base64.standard.encode(digest))"

        let result = try await hasher.verify(NormalizedPassword(typed), against: imported)
        #expect(result.matches && result.needsRehash)
        #expect(result.algorithm == hasher.configuration.algorithm)  // so only the typed form asks for the rehash
        #expect(counter.count == 2)
        // Another spelling normalizes alike but is not the bytes that were hashed.
        #expect(try await !hasher.verify(NormalizedPassword("caf\u{E9} fish ABC"), against: imported).matches)

        let upgraded = try await hasher.hash(NormalizedPassword(typed))
        for spelling in [typed, "caf\u{E9} fish ABC", "cafe\u{301} fish \u{FF21}\u{FF22}\u{FF23}"] {
            let before = counter.count
            let again = try await hasher.verify(NormalizedPassword(spelling), against: upgraded)
            #expect(again.matches && !again.needsRehash)
            #expect(counter.count - before == 1)
        }
    }

    @Test(
        "regression: verifyDummy spends exactly the hash computations verify spends on a wrong password",
        arguments: algorithms)
    func sameWork(algorithm: PasswordAlgorithm) async throws {
        let (hasher, counter) = Self.countingHasher(algorithm)
        let stored = try await hasher.hash(NormalizedPassword("the account's real password"))
        let passwords: [(String, Int)] = [
            ("wrong", 1),  // ASCII: already NFKC, one computation
            ("caf\u{E9} au lait", 1),  // NFC and NFKC
            ("cafe\u{301} au lait", 2),  // NFD: NFKC form, then the typed form
            ("\u{FF37}\u{FF52}\u{FF4F}\u{FF4E}\u{FF47}", 2),  // full-width
            ("\u{FB01}sh", 2),  // ligature
            ("", 0),  // refused before any work
        ]
        for (password, expected) in passwords {
            let normalized = try NormalizedPassword(password)
            let known = await Self.attempts(counter) { () async throws(PasswordHashingError) in
                try await hasher.verify(normalized, against: stored)
            }
            let unknown = await Self.attempts(counter) { () async throws(PasswordHashingError) in
                try await hasher.verifyDummy(normalized)
            }
            #expect(known == expected, "verify, \(password.unicodeScalars.count) code points under \(algorithm)")
            #expect(unknown == expected, "verifyDummy, \(password.unicodeScalars.count) code points under \(algorithm)")
        }
    }

    @Test("a typed form longer than the hasher accepts is not tried, by verify and verifyDummy alike")
    func typedFormOverLimit() async throws {
        var configuration = PasswordHasher.Configuration(algorithm: .argon2(fastArgon2))
        configuration.limits.maxPasswordBytes = 1024
        var hasher = PasswordHasher(configuration: configuration, pool: testPool)
        let counter = HashAttemptCounter()
        hasher.attemptCounter = counter
        let stored = try await hasher.hash(NormalizedPassword("the account's real password"))
        // 400 full-width letters: 1200 bytes as typed, 400 after NFKC.
        let password = try NormalizedPassword(String(repeating: "\u{FF41}", count: 400))
        #expect(
            await Self.attempts(counter) { () async throws(PasswordHashingError) in
                try await hasher.verify(password, against: stored)
            } == 1)
        #expect(
            await Self.attempts(counter) { () async throws(PasswordHashingError) in
                try await hasher.verifyDummy(password)
            } == 1)
    }
}
