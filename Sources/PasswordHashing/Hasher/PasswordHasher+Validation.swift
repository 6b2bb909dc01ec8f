extension PasswordHasher.Configuration {
    /// Checks that ``algorithm`` can make new hashes within ``limits``, without hashing anything.
    ///
    /// ``PasswordHasher/hash(_:)`` runs this first, so an invalid configuration never allocates or
    /// computes anything; call it at startup to fail fast. Every number is range-checked before it is
    /// used in arithmetic, so no value of any parameter can trap.
    ///
    /// ```swift
    /// let configuration = PasswordHasher.Configuration(algorithm: .scrypt(logN: 17, r: 8, p: 1))
    /// try configuration.validate()
    /// ```
    ///
    /// - Throws: ``PasswordHashingError/parameterOutOfRange`` for a parameter outside the range its
    ///   algorithm defines (Argon2 per RFC 9106 §3.1, bcrypt cost 4...31, scrypt 1 <= ln <= 62 and
    ///   r × p < 2^30 per RFC 7914, PBKDF2 iterations 1...2^31-1) or for bcrypt's verification-only
    ///   ``BcryptPasswordMode/legacyTruncating``; ``PasswordHashingError/exceedsLimits`` for one beyond
    ///   ``limits`` (including an Argon2 salt or tag longer than ``HashingLimits/maxSaltOrHashBytes``).
    public func validate() throws(PasswordHashingError) {
        switch algorithm {
        case .argon2(let parameters):
            try Argon2Engine.validate(
                passwordLength: 0, saltLength: parameters.saltLength, secretLength: 0, associatedDataLength: 0,
                parameters: parameters)
            guard parameters.saltLength <= limits.maxSaltOrHashBytes, parameters.tagLength <= limits.maxSaltOrHashBytes
            else {
                throw PasswordHashingError(
                    .exceedsLimits,
                    "the Argon2 salt (\(parameters.saltLength) bytes) or tag (\(parameters.tagLength) bytes) is longer "
                        + "than \(limits.maxSaltOrHashBytes) bytes")
            }
            try Argon2Hash(parameters: parameters, salt: [], expected: []).enforce(limits)
        case .bcrypt(let cost, let mode):
            guard BcryptEngine.costRange.contains(cost) else {
                throw PasswordHashingError(.parameterOutOfRange, "bcrypt cost must be 4...31, got \(cost)")
            }
            guard mode != .legacyTruncating else {
                throw PasswordHashingError(
                    .parameterOutOfRange, "legacyTruncating is for verifying old hashes, never for new ones")
            }
            guard cost <= limits.maxBcryptCost else {
                throw PasswordHashingError(
                    .exceedsLimits, "bcrypt cost \(cost) exceeds the limit of \(limits.maxBcryptCost)")
            }
        case .scrypt(let logN, let r, let p):
            try ScryptHash(logN: logN, r: r, p: p, salt: [], expected: [0]).enforce(limits)
        case .pbkdf2(_, let iterations):
            guard iterations >= 1, iterations <= Int(Int32.max) else {
                throw PasswordHashingError(
                    .parameterOutOfRange, "PBKDF2 iterations must be 1...\(Int32.max), got \(iterations)")
            }
            guard iterations <= limits.maxPBKDF2Iterations else {
                throw PasswordHashingError(
                    .exceedsLimits,
                    "PBKDF2 with \(iterations) iterations exceeds the limit of \(limits.maxPBKDF2Iterations)")
            }
        }
    }
}
