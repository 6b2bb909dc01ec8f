/// Ceilings on the work a single password hash may demand.
///
/// A stored hash string chooses its own parameters, so a hostile or corrupted row could ask for
/// gigabytes of memory or hours of CPU. Every hash is checked against these limits before any work
/// starts; a hash beyond them fails with ``PasswordHashingError/exceedsLimits``.
///
/// The defaults admit every parameter set a current recommendation uses (OWASP's Argon2id and scrypt
/// settings, bcrypt up to cost 16, PBKDF2 up to 10 million iterations) with room to spare.
public struct HashingLimits: Sendable, Hashable {
    /// The longest password accepted, in UTF-8 bytes. Default 4096; NIST SP 800-63B asks for at least 64
    /// characters, so the floor for this setting is 1024 bytes.
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

    /// The default limits.
    public init() {}

    /// The default limits.
    public static let `default` = HashingLimits()

    func checkPassword(_ password: [UInt8]) throws(PasswordHashingError) {
        guard !password.isEmpty else {
            throw PasswordHashingError(.emptyPassword, "the password is empty")
        }
        guard password.count <= max(1024, maxPasswordBytes) else {
            throw PasswordHashingError(
                .passwordTooLong, "the password is \(password.count) bytes; the maximum is \(max(1024, maxPasswordBytes))")
        }
    }
}
