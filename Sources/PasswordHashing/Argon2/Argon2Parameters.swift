/// The cost and shape of an Argon2 hash (RFC 9106 §3.1).
///
/// ```swift
/// let parameters = Argon2Parameters.owasp               // Argon2id, 19 MiB, 2 passes, 1 lane
/// let stronger = Argon2Parameters(memoryKiB: 65_536, iterations: 3, parallelism: 4)
/// ```
///
/// Construction never fails; ranges are checked when hashing, which throws
/// ``PasswordHashingError/Code/parameterOutOfRange`` for values RFC 9106 forbids.
public struct Argon2Parameters: Sendable, Hashable {
    /// The version RFC 9106 specifies, 0x13; new hashes always use it.
    public static let currentVersion: UInt32 = 0x13
    /// The legacy version 0x10, accepted so hashes made before 2016 still verify.
    public static let legacyVersion: UInt32 = 0x10

    /// Which Argon2 function to run.
    public var variant: Argon2Variant
    /// The algorithm version v: 0x13 (19, the default) or 0x10 (16, for verifying old hashes).
    public var version: UInt32
    /// Memory size m in KiB (1 KiB blocks); at least 8 × ``parallelism``.
    public var memoryKiB: UInt32
    /// Number of passes t over memory; at least 1.
    public var iterations: UInt32
    /// Degree of parallelism p (lanes), 1...2^24-1.
    public var parallelism: UInt32
    /// Tag length T in bytes; at least 4.
    public var tagLength: Int
    /// Length of the random salt generated for new hashes; at least 8 (RFC 9106 recommends 16).
    public var saltLength: Int

    /// Creates parameters; the defaults are the OWASP minimum for Argon2id (see ``owasp``).
    public init(
        variant: Argon2Variant = .argon2id,
        memoryKiB: UInt32 = 19_456,
        iterations: UInt32 = 2,
        parallelism: UInt32 = 1,
        tagLength: Int = 32,
        saltLength: Int = 16,
        version: UInt32 = 0x13
    ) {
        self.variant = variant
        self.memoryKiB = memoryKiB
        self.iterations = iterations
        self.parallelism = parallelism
        self.tagLength = tagLength
        self.saltLength = saltLength
        self.version = version
    }

    /// Argon2id with m = 19456 KiB (19 MiB), t = 2, p = 1: the OWASP Password Storage Cheat Sheet's
    /// minimum configuration.
    public static let owasp = Argon2Parameters(variant: .argon2id, memoryKiB: 19_456, iterations: 2, parallelism: 1)
}
