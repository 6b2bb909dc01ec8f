public import AuthCore

/// A password hashing algorithm with its cost parameters: what new hashes are made with, and what a
/// stored hash was made with.
///
/// ```swift
/// let policy = PasswordAlgorithm.argon2(.owasp)                  // the default
/// let legacy = PasswordAlgorithm.pbkdf2(.sha256, iterations: 600_000)
/// ```
public enum PasswordAlgorithm: Sendable, Hashable, CustomStringConvertible {
    /// Argon2 (RFC 9106). The default is Argon2id at OWASP's parameters.
    case argon2(Argon2Parameters)
    /// bcrypt at a cost (log2 of the rounds). `mode` says how passwords are fed to it; see
    /// ``BcryptPasswordMode``.
    case bcrypt(cost: Int, mode: BcryptPasswordMode)
    /// scrypt (RFC 7914) with N = 2^logN, block size r and parallelism p.
    case scrypt(logN: Int, r: Int, p: Int)
    /// PBKDF2 (RFC 8018) with HMAC over `hash`.
    case pbkdf2(HashFunction, iterations: Int)

    /// Argon2id, m = 19,456 KiB, t = 2, p = 1: OWASP Password Storage Cheat Sheet's first choice.
    public static let recommended = PasswordAlgorithm.argon2(.owasp)

    public var description: String {
        switch self {
        case .argon2(let p):
            "\(p.variant.rawValue)(v=\(p.version), m=\(p.memoryKiB), t=\(p.iterations), p=\(p.parallelism))"
        case .bcrypt(let cost, let mode): "bcrypt(cost=\(cost), \(mode))"
        case .scrypt(let logN, let r, let p): "scrypt(ln=\(logN), r=\(r), p=\(p))"
        case .pbkdf2(let hash, let iterations): "pbkdf2-\(hash.rawValue.lowercased())(i=\(iterations))"
        }
    }
}

/// How bcrypt, which reads at most 72 bytes of its input, treats passwords.
public enum BcryptPasswordMode: String, Sendable, Hashable, CustomStringConvertible {
    /// New hashes: passwords over 72 bytes are refused with ``PasswordHashingError/passwordTooLong``.
    /// Produces plain `$2b$` strings every bcrypt library verifies. The default.
    case rejectLongPasswords
    /// New hashes: every password is first reduced with HMAC-SHA256 keyed by the salt and encoded in
    /// Base64 (passlib's `bcrypt_sha256` version 2), so all of a long password counts. Produces
    /// `$bcrypt-sha256$v=2,...` strings that passlib also verifies.
    case preHashSHA256
    /// Verification only: a stored plain bcrypt hash made by a library that silently truncated at
    /// 72 bytes. Never used for new hashes.
    case legacyTruncating

    public var description: String { rawValue }
}
