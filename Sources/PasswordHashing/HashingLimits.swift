/// Ceilings on the work a single password hash may demand.
///
/// A stored hash string chooses its own parameters, so a hostile or corrupted row could ask for
/// gigabytes of memory or hours of CPU. Every hash is checked against these limits before any work
/// starts; a hash beyond them fails with ``PasswordHashingError/exceedsLimits``.
///
/// Two kinds of ceiling apply. The per-parameter ceilings below bound each parameter on its own (and so
/// the memory one hash may take). ``maxWorkFactor`` bounds the total work, m × t for Argon2 and the same
/// idea for bcrypt, scrypt and PBKDF2, at a multiple of one hash under the hasher's configured algorithm,
/// so a planted row cannot cost a worker seconds when a normal login costs milliseconds.
///
/// The per-parameter defaults admit every parameter set a current recommendation uses (OWASP's Argon2id
/// and scrypt settings, bcrypt up to cost 16, PBKDF2 up to 10 million iterations) with room to spare; the
/// default work factor admits the common legacy settings under the default policy (see ``maxWorkFactor``).
///
/// ```swift
/// var limits = HashingLimits()
/// limits.maxWorkFactor = 48      // migrating from bcrypt cost 14 under the default Argon2id policy
/// ```
public struct HashingLimits: Sendable, Hashable {
    /// The longest password accepted, in UTF-8 bytes. Default 4096; NIST SP 800-63B asks for at least 64
    /// characters, so the floor for this setting is 1024 bytes, and its ceiling 2^31 - 1 (what libcrypto's
    /// PBKDF2 accepts).
    public var maxPasswordBytes: Int = 4096
    /// The most memory an Argon2 hash may use, in KiB (default 262,144 = 256 MiB).
    public var maxArgon2MemoryKiB: UInt32 = 262_144
    /// The most Argon2 passes (default 64).
    public var maxArgon2Iterations: UInt32 = 64
    /// The most Argon2 lanes (default 64).
    public var maxArgon2Parallelism: UInt32 = 64
    /// The highest bcrypt cost (default 16: about 4 s per hash on a current core).
    public var maxBcryptCost: Int = 16
    /// The most memory an scrypt hash may use, in bytes (default 256 MiB).
    public var maxScryptMemoryBytes: UInt64 = 256 << 20
    /// The most PBKDF2 iterations (default 10,000,000).
    public var maxPBKDF2Iterations: Int = 10_000_000
    /// The longest salt or hash field accepted, in bytes (default 1024).
    public var maxSaltOrHashBytes: Int = 1024
    /// The longest stored hash string accepted, in bytes (default 2048); longer strings are rejected
    /// before they are parsed.
    public var maxEncodedLength: Int = 2048
    /// The most work verifying one stored hash may take, as a multiple of the work of one hash under the
    /// hasher's configured algorithm, or under ``PasswordAlgorithm/recommended`` when the configured one
    /// is cheaper (so a deliberately cheap policy does not lock out every imported hash). Default 24.
    ///
    /// Work is estimated per algorithm from its parameters (Argon2 m × t, bcrypt 2^cost, scrypt N × r × p,
    /// PBKDF2 iterations × output blocks), each scaled by its measured speed, so the factor compares
    /// across algorithms. 24 is the smallest round factor that admits every setting of the OWASP Password
    /// Storage Cheat Sheet under the default policy (Argon2id, m=19456 KiB, t=2): the heaviest, scrypt
    /// N=2^17 with r=8, costs about 21 times as much. Under the default policy it admits bcrypt up to
    /// cost 13, PBKDF2-SHA256 up to about 1.6 million iterations and Argon2 up to m × t = 933,888 KiB
    /// (256 MiB with t=3); a stored hash beyond it fails with ``PasswordHashingError/exceedsLimits``
    /// before any work starts. Raise it while migrating from heavier hashes, or configure a stronger
    /// algorithm (the budget grows with it).
    public var maxWorkFactor: Int = 24

    /// The default limits.
    public init() {}

    /// The default limits.
    public static let `default` = HashingLimits()

    /// The longest password accepted: ``maxPasswordBytes`` within 1024...2^31-1.
    var effectiveMaxPasswordBytes: Int { min(max(1024, maxPasswordBytes), Int(Int32.max)) }

    func checkPassword(_ password: [UInt8]) throws(PasswordHashingError) {
        guard !password.isEmpty else {
            throw PasswordHashingError(.emptyPassword, "the password is empty")
        }
        guard password.count <= effectiveMaxPasswordBytes else {
            throw PasswordHashingError(
                .passwordTooLong, "the password is \(password.count) bytes; the maximum is \(effectiveMaxPasswordBytes)"
            )
        }
    }
}
