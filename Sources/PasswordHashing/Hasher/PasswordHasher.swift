public import AuthCore
public import Logging

/// Hashes passwords with the current policy and verifies them against any supported stored format.
///
/// ```swift
/// let hasher = PasswordHasher()                      // Argon2id, OWASP parameters
/// let password = try NormalizedPassword(typed)       // NFKC, once, where the password enters
/// let stored = try await hasher.hash(password)
/// let result = try await hasher.verify(password, against: stored)
/// if result.matches, result.needsRehash {
///     try await save(hasher.hash(password))           // upgrade on login
/// }
/// ```
///
/// Verification accepts Argon2 (id/i/d, v1.0 and v1.3), bcrypt (`$2a$`, `$2b$`, `$2y$`), scrypt and
/// PBKDF2 in PHC/passlib form, passlib's `$bcrypt-sha256$`, Django's `pbkdf2_sha256`, `pbkdf2_sha1`,
/// `argon2`, `bcrypt_sha256`, `bcrypt` and `scrypt`, and ASP.NET Core Identity v2/v3 blobs. Every stored
/// hash is checked against ``HashingLimits`` before any work, and all work runs on a ``HashingPool``.
///
/// Passwords arrive as ``NormalizedPassword`` only, so new hashes are always of the NFKC form (NIST SP
/// 800-63B rev. 4 §3.1.1.2) and every spelling of a password (NFC, NFD, full-width, ligatures)
/// verifies against them. A stored hash imported from a system that hashed the typed bytes still
/// verifies: when the typed text differs from its NFKC form, verification tries it after the NFKC
/// form fails and, if it matches, reports `needsRehash` so the stored hash moves to the NFKC form.
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
    /// A stored hash under the configured algorithm and pepper with a random salt and checksum, which
    /// ``verifyDummy(_:)`` verifies against; or the configuration's error.
    private let dummyStored: Result<String, PasswordHashingError>
    /// Counts the hash computations of every verification, for tests; `nil` counts nothing.
    package var attemptCounter: HashAttemptCounter?

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
        do throws(PasswordHashingError) {
            dummyStored = .success(try Self.dummyStoredHash(configuration))
        } catch {
            dummyStored = .failure(error)
        }
    }

    /// A new stored hash of `password`'s NFKC form with the configured algorithm, a fresh salt and the
    /// current pepper.
    ///
    /// - Throws: ``PasswordHashingError/emptyPassword``, ``PasswordHashingError/passwordTooLong``,
    ///   ``PasswordHashingError/parameterOutOfRange`` or ``PasswordHashingError/exceedsLimits`` for an
    ///   invalid configuration (see ``Configuration/validate()``), or ``PasswordHashingError/busy`` when
    ///   the pool's queue is full.
    public func hash(_ password: NormalizedPassword) async throws(PasswordHashingError) -> String {
        let bytes = Array(password.revealed.utf8)
        try configuration.limits.checkPassword(bytes)
        let configuration = configuration
        let retained = retainedArgon2KiB
        return try await pool.run { workspace throws(PasswordHashingError) in
            defer { workspace.argon2.shrink(toAtMostKiB: retained) }
            return try Self.makeHash(bytes, configuration: configuration, workspace: workspace)
        }
    }

    /// Checks `password` against a stored hash in any supported format.
    ///
    /// A wrong password is not an error: it returns `matches == false`.
    ///
    /// The NFKC form is tried first. When it does not match and the password was typed in another
    /// form, the typed form is tried too (a hash imported from a system that did not normalize), and
    /// a match through it reports `needsRehash`. So a wrong password typed in a non-normalized form
    /// costs two hash computations, and ``verifyDummy(_:)`` spends the same two on it.
    ///
    /// - Throws: ``PasswordHashingError/malformedHash``, ``PasswordHashingError/unsupportedAlgorithm``,
    ///   ``PasswordHashingError/parameterOutOfRange``, ``PasswordHashingError/exceedsLimits`` (including a
    ///   hash costing more than ``HashingLimits/maxWorkFactor`` times the policy's) or
    ///   ``PasswordHashingError/unknownPepper`` for a stored hash that cannot be checked;
    ///   ``PasswordHashingError/emptyPassword`` or ``PasswordHashingError/passwordTooLong`` for the
    ///   password; ``PasswordHashingError/busy``.
    public func verify(_ password: NormalizedPassword, against stored: String) async throws(PasswordHashingError)
        -> PasswordVerification
    {
        try await verify(password, against: .success(stored))
    }

    /// Does what ``verify(_:against:)`` does for a hash made with the current configuration, and
    /// returns a non-match. Call it for an unknown account so it costs the same as a known one.
    ///
    /// It runs the same password checks in the same order, so it throws the same errors
    /// (``PasswordHashingError/emptyPassword``, ``PasswordHashingError/passwordTooLong``,
    /// ``PasswordHashingError/busy``) for the same input, and otherwise parses, checks and verifies a
    /// stored hash of the configured algorithm and pepper (with a random salt and checksum made when the
    /// hasher was created) on the same pool, including the second computation over the typed form
    /// that a non-normalized wrong password costs ``verify(_:against:)``. The answer and the work
    /// cannot tell an unknown account from a known one whose hash uses the current configuration.
    ///
    /// - Throws: the errors of ``verify(_:against:)``; for an invalid configuration, the error of
    ///   ``Configuration/validate()``.
    public func verifyDummy(_ password: NormalizedPassword) async throws(PasswordHashingError) -> PasswordVerification {
        let result = try await verify(password, against: dummyStored)
        return PasswordVerification(matches: false, needsRehash: false, algorithm: result.algorithm)
    }

    /// Whether `stored` is in a format this hasher can verify, within its limits and work budget.
    public func canVerify(_ stored: String) -> Bool {
        do {
            try check(parse(stored).hash)
            return true
        } catch {
            return false
        }
    }

    /// The algorithm and parameters a stored hash was made with.
    public func algorithm(of stored: String) throws(PasswordHashingError) -> PasswordAlgorithm {
        try parse(stored).hash.algorithm
    }

    /// The shared path of ``verify(_:against:)`` and ``verifyDummy(_:)``: one sequence of checks and work.
    ///
    /// Whether the typed form is tried depends on the password alone and on the NFKC attempt failing,
    /// which it always does against the dummy; so both callers compute the same number of hashes for
    /// the same wrong password.
    private func verify(_ password: NormalizedPassword, against stored: Result<String, PasswordHashingError>)
        async throws(PasswordHashingError) -> PasswordVerification
    {
        let bytes = Array(password.revealed.utf8)
        try configuration.limits.checkPassword(bytes)
        let typed = typedFallback(password)
        let (pepper, parsed) = try parse(stored.get())
        try check(parsed)
        let input = pepper.map { $0.apply(to: bytes) } ?? bytes
        let typedInput = typed.map { typed in pepper.map { $0.apply(to: typed) } ?? typed }
        let retained = retainedArgon2KiB
        let counter = attemptCounter
        let (matches, viaTypedForm) = try await pool.run { workspace throws(PasswordHashingError) in
            // A stored hash may need more memory than the policy; keep no more than the policy's.
            defer { workspace.argon2.shrink(toAtMostKiB: retained) }
            counter?.increment()
            if try parsed.verify(input, workspace: workspace) { return (true, false) }
            guard let typedInput else { return (false, false) }
            counter?.increment()
            return (try parsed.verify(typedInput, workspace: workspace), true)
        }
        let needsRehash =
            Self.upgradeKey(parsed.algorithm) != Self.upgradeKey(configuration.algorithm)
            || parsed.usesOutdatedLayout || pepper?.id != configuration.pepper?.id || viaTypedForm
        logger.debug(
            "verified a password hash", metadata: ["algorithm": "\(parsed.algorithm)", "matches": "\(matches)"])
        return PasswordVerification(matches: matches, needsRehash: needsRehash, algorithm: parsed.algorithm)
    }

    /// The typed form's bytes, when it differs from the NFKC form and is itself within the limits
    /// (a typed form the limits refuse is not tried: the NFKC form has already been checked).
    private func typedFallback(_ password: NormalizedPassword) -> [UInt8]? {
        guard let typed = password.typedForm.map({ Array($0.utf8) }) else { return nil }
        do {
            try configuration.limits.checkPassword(typed)
            return typed
        } catch {
            return nil
        }
    }

    /// The Argon2 memory a worker keeps after this hasher's jobs: the configured algorithm's, or none.
    private var retainedArgon2KiB: Int {
        if case .argon2(let parameters) = configuration.algorithm { Int(parameters.memoryKiB) } else { 0 }
    }

    /// Applies the per-parameter limits and the work budget to a parsed stored hash.
    private func check(_ stored: any StoredHash) throws(PasswordHashingError) {
        try stored.enforce(configuration.limits)
        try checkWork(stored.work, of: "the stored hash")
    }

    /// The most work one verification may take: ``HashingLimits/maxWorkFactor`` times a hash under the
    /// configured algorithm, or under ``PasswordAlgorithm/recommended`` if that costs more.
    package var workBudget: HashingWork {
        max(HashingWork.of(configuration.algorithm), HashingWork.of(.recommended)).times(
            configuration.limits.maxWorkFactor)
    }

    /// Throws ``PasswordHashingError/exceedsLimits`` unless `work` fits ``workBudget``.
    package func checkWork(_ work: HashingWork, of subject: String) throws(PasswordHashingError) {
        guard work <= workBudget else {
            let reference = max(HashingWork.of(configuration.algorithm), HashingWork.of(.recommended))
            throw PasswordHashingError(
                .exceedsLimits,
                "\(subject) would cost about \(work.ratio(to: reference))x a hash under the current policy; "
                    + "the limit is \(configuration.limits.maxWorkFactor)x (HashingLimits.maxWorkFactor)")
        }
    }

    private func parse(_ stored: String) throws(PasswordHashingError) -> (pepper: Pepper?, hash: any StoredHash) {
        guard let (id, inner) = try Pepper.split(stored) else {
            return (nil, try HashParser.parse(stored, limits: configuration.limits))
        }
        let peppers = (configuration.pepper.map { [$0] } ?? []) + configuration.olderPeppers
        guard let pepper = peppers.first(where: { $0.id == id }) else {
            throw PasswordHashingError(
                .unknownPepper, "the hash was peppered with key \(id), which this hasher does not have")
        }
        return (pepper, try HashParser.parse(inner, limits: configuration.limits))
    }

    static func makeHash(_ password: [UInt8], configuration: Configuration, workspace: HashingWorkspace)
        throws(PasswordHashingError) -> String
    {
        // Every parameter is checked before any salt is drawn or any work is done.
        try configuration.validate()
        let input = configuration.pepper.map { $0.apply(to: password) } ?? password
        let encoded: String
        switch configuration.algorithm {
        case .argon2(let parameters):
            encoded = try Argon2Hash.make(input, parameters: parameters, workspace: workspace).encoded
        case .bcrypt(let cost, let mode):
            encoded = try BcryptStoredHash.make(input, cost: cost, mode: mode).encoded
        case .scrypt(let logN, let r, let p):
            let salt = SecureRandom.bytes(count: 16)
            let derived = try ScryptHash.derive(input, salt: salt, logN: logN, r: r, p: p, length: 32)
            encoded = try ScryptHash(logN: logN, r: r, p: p, salt: salt, expected: derived).encoded
        case .pbkdf2(let hash, let iterations):
            let salt = SecureRandom.bytes(count: 16)
            let derived = try PBKDF2Hash.derive(
                input, salt: salt, hash: hash, iterations: iterations, length: hash.digestLength)
            encoded = try PBKDF2Hash(hash: hash, iterations: iterations, salt: salt, expected: derived).passlibEncoded
        }
        guard let pepper = configuration.pepper else { return encoded }
        return Pepper.prefix + pepper.id + encoded
    }

    /// A stored hash exactly like one ``makeHash(_:configuration:workspace:)`` writes, but with a random
    /// checksum in place of a derived one: costs nothing to make, and no password matches it.
    static func dummyStoredHash(_ configuration: Configuration) throws(PasswordHashingError) -> String {
        try configuration.validate()
        let encoded: String
        switch configuration.algorithm {
        case .argon2(let parameters):
            encoded =
                Argon2Hash(
                    parameters: parameters, salt: SecureRandom.bytes(count: parameters.saltLength),
                    expected: SecureRandom.bytes(count: parameters.tagLength)
                ).encoded
        case .bcrypt(let cost, let mode):
            let bcrypt = BcryptHash(
                variant: .b, cost: cost, salt: SecureRandom.bytes(count: BcryptEngine.saltByteCount),
                checksum: SecureRandom.bytes(count: BcryptEngine.checksumByteCount))
            encoded =
                BcryptStoredHash(bcrypt: bcrypt, reduction: mode == .preHashSHA256 ? .passlibHMACSHA256 : .none).encoded
        case .scrypt(let logN, let r, let p):
            encoded = try ScryptHash(
                logN: logN, r: r, p: p, salt: SecureRandom.bytes(count: 16), expected: SecureRandom.bytes(count: 32)
            ).encoded
        case .pbkdf2(let hash, let iterations):
            encoded = try PBKDF2Hash(
                hash: hash, iterations: iterations, salt: SecureRandom.bytes(count: 16),
                expected: SecureRandom.bytes(count: hash.digestLength)
            ).passlibEncoded
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
