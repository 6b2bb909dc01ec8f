public import AuthCore
public import Logging

/// Hashes passwords with the current policy and verifies them against any supported stored format.
///
/// ```swift
/// let hasher = PasswordHasher()                      // Argon2id, OWASP parameters
/// let stored = try await hasher.hash("correct horse battery staple")
/// let result = try await hasher.verify("correct horse battery staple", against: stored)
/// if result.matches, result.needsRehash {
///     try await save(hasher.hash("correct horse battery staple"))   // upgrade on login
/// }
/// ```
///
/// Verification accepts Argon2 (id/i/d, v1.0 and v1.3), bcrypt (`$2a$`, `$2b$`, `$2y$`), scrypt and
/// PBKDF2 in PHC/passlib form, passlib's `$bcrypt-sha256$`, Django's `pbkdf2_sha256`, `pbkdf2_sha1`,
/// `argon2`, `bcrypt_sha256`, `bcrypt` and `scrypt`, and ASP.NET Core Identity v2/v3 blobs. Every stored
/// hash is checked against ``HashingLimits`` before any work, and all work runs on a ``HashingPool``.
///
/// Passwords are hashed as their exact UTF-8 bytes; normalise them (NFKC) before calling if your
/// policy does, consistently for hashing and verifying.
public struct PasswordHasher: Sendable {
    /// What new hashes are made with, and the bounds on what stored hashes may demand.
    ///
    /// Prints the algorithm and the peppers' ids, never their keys (`dump` and `Mirror` included).
    public struct Configuration: Sendable, Redacting {
        /// The algorithm and parameters for new hashes. Default: Argon2id at OWASP's parameters.
        public var algorithm: PasswordAlgorithm = .recommended
        /// Ceilings for password length and hash cost.
        public var limits: HashingLimits = .default
        /// The pepper applied to new hashes, if any.
        public var pepper: Pepper?
        /// Retired peppers, still accepted for verification (which then asks for a rehash).
        public var olderPeppers: [Pepper] = []

        /// The algorithm, limits and pepper ids.
        public var redactedDescription: String {
            "Configuration(algorithm: \(algorithm), limits: \(limits), pepper: \(pepper?.id ?? "none"), "
                + "olderPeppers: \(olderPeppers.map(\.id)))"
        }

        /// The default configuration.
        public init() {}

        /// A configuration hashing with `algorithm`.
        public init(algorithm: PasswordAlgorithm) { self.algorithm = algorithm }
    }

    /// The configuration in force.
    public let configuration: Configuration
    /// The pool hashes run on.
    public let pool: HashingPool
    private let logger: Logger

    /// Creates a hasher.
    ///
    /// - Parameters:
    ///   - configuration: the algorithm, limits and pepper.
    ///   - pool: where hashes run; defaults to ``HashingPool/shared``.
    ///   - logger: receives debug events (never secrets); defaults to a no-op logger.
    public init(
        configuration: Configuration = Configuration(), pool: HashingPool = .shared,
        logger: Logger = Logger(label: "crmauth.password-hashing", factory: { _ in SwiftLogNoOpLogHandler() })
    ) {
        self.configuration = configuration
        self.pool = pool
        self.logger = logger
    }

    /// A new stored hash of `password` with the configured algorithm, a fresh salt and the current pepper.
    ///
    /// - Throws: ``PasswordHashingError/emptyPassword``, ``PasswordHashingError/passwordTooLong``,
    ///   ``PasswordHashingError/parameterOutOfRange`` for an invalid configuration, or
    ///   ``PasswordHashingError/busy`` when the pool's queue is full.
    public func hash(_ password: String) async throws(PasswordHashingError) -> String {
        let bytes = Array(password.utf8)
        try configuration.limits.checkPassword(bytes)
        let configuration = configuration
        return try await pool.run { workspace throws(PasswordHashingError) in
            try Self.makeHash(bytes, configuration: configuration, workspace: workspace)
        }
    }

    /// Checks `password` against a stored hash in any supported format.
    ///
    /// A wrong password is not an error: it returns `matches == false`.
    ///
    /// - Throws: ``PasswordHashingError/malformedHash``, ``PasswordHashingError/unsupportedAlgorithm``,
    ///   ``PasswordHashingError/exceedsLimits`` or ``PasswordHashingError/unknownPepper`` for a stored hash
    ///   that cannot be checked; ``PasswordHashingError/emptyPassword`` or
    ///   ``PasswordHashingError/passwordTooLong`` for the password; ``PasswordHashingError/busy``.
    public func verify(_ password: String, against stored: String) async throws(PasswordHashingError)
        -> PasswordVerification
    {
        let bytes = Array(password.utf8)
        try configuration.limits.checkPassword(bytes)
        let (pepper, parsed) = try parse(stored)
        try parsed.enforce(configuration.limits)
        let input = pepper.map { $0.apply(to: bytes) } ?? bytes
        let matches = try await pool.run { workspace throws(PasswordHashingError) in
            try parsed.verify(input, workspace: workspace)
        }
        let needsRehash = Self.upgradeKey(parsed.algorithm) != Self.upgradeKey(configuration.algorithm)
            || pepper?.id != configuration.pepper?.id
        logger.debug("verified a password hash", metadata: ["algorithm": "\(parsed.algorithm)", "matches": "\(matches)"])
        return PasswordVerification(matches: matches, needsRehash: needsRehash, algorithm: parsed.algorithm)
    }

    /// Spends the same work as verifying against a hash made with the current configuration, and
    /// returns a non-match. Call it for an unknown account so it costs the same as a known one.
    public func verifyDummy(_ password: String) async throws(PasswordHashingError) -> PasswordVerification {
        _ = try await hash(password.isEmpty ? " " : password)
        return PasswordVerification(matches: false, needsRehash: false, algorithm: configuration.algorithm)
    }

    /// Whether `stored` is in a format this hasher can verify, within its limits.
    public func canVerify(_ stored: String) -> Bool {
        do {
            try parse(stored).hash.enforce(configuration.limits)
            return true
        } catch {
            return false
        }
    }

    /// The algorithm and parameters a stored hash was made with.
    public func algorithm(of stored: String) throws(PasswordHashingError) -> PasswordAlgorithm {
        try parse(stored).hash.algorithm
    }

    private func parse(_ stored: String) throws(PasswordHashingError) -> (pepper: Pepper?, hash: any StoredHash) {
        guard let (id, inner) = try Pepper.split(stored) else {
            return (nil, try HashParser.parse(stored, limits: configuration.limits))
        }
        let peppers = (configuration.pepper.map { [$0] } ?? []) + configuration.olderPeppers
        guard let pepper = peppers.first(where: { $0.id == id }) else {
            throw PasswordHashingError(.unknownPepper, "the hash was peppered with key \(id), which this hasher does not have")
        }
        return (pepper, try HashParser.parse(inner, limits: configuration.limits))
    }

    static func makeHash(_ password: [UInt8], configuration: Configuration, workspace: HashingWorkspace)
        throws(PasswordHashingError) -> String
    {
        let input = configuration.pepper.map { $0.apply(to: password) } ?? password
        let encoded: String
        switch configuration.algorithm {
        case .argon2(let parameters):
            let candidate = Argon2Hash(parameters: parameters, salt: [], expected: [])
            try candidate.enforce(configuration.limits)
            encoded = try Argon2Hash.make(input, parameters: parameters, workspace: workspace).encoded
        case .bcrypt(let cost, let mode):
            guard cost <= configuration.limits.maxBcryptCost else {
                throw PasswordHashingError(.exceedsLimits, "bcrypt cost \(cost) exceeds the limit")
            }
            encoded = try BcryptStoredHash.make(input, cost: cost, mode: mode).encoded
        case .scrypt(let logN, let r, let p):
            let shape = try ScryptHash(logN: logN, r: r, p: p, salt: [], expected: [0])
            try shape.enforce(configuration.limits)
            let salt = SecureRandom.bytes(count: 16)
            let derived = try ScryptHash.derive(input, salt: salt, logN: logN, r: r, p: p, length: 32)
            encoded = try ScryptHash(logN: logN, r: r, p: p, salt: salt, expected: derived).encoded
        case .pbkdf2(let hash, let iterations):
            let salt = SecureRandom.bytes(count: 16)
            let derived = try PBKDF2Hash.derive(input, salt: salt, hash: hash, iterations: iterations, length: hash.digestLength)
            let stored = try PBKDF2Hash(hash: hash, iterations: iterations, salt: salt, expected: derived)
            try stored.enforce(configuration.limits)
            encoded = stored.passlibEncoded
        }
        guard let pepper = configuration.pepper else { return encoded }
        return Pepper.prefix + pepper.id + encoded
    }

    /// The parts of an algorithm that decide whether a hash is as strong as the policy asks.
    private static func upgradeKey(_ algorithm: PasswordAlgorithm) -> String {
        switch algorithm {
        case .argon2(let p):
            "argon2:\(p.variant.rawValue):\(p.version):\(p.memoryKiB):\(p.iterations):\(p.parallelism)"
        case .bcrypt(let cost, let mode):
            "bcrypt:\(cost):\(mode == .rejectLongPasswords ? BcryptPasswordMode.legacyTruncating : mode)"
        case .scrypt, .pbkdf2:
            "\(algorithm)"
        }
    }
}
