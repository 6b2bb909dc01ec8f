package import AuthCore

/// A PBKDF2 hash in one of the layouts CRMs store: passlib's `$pbkdf2-sha256$rounds$salt$hash`,
/// Django's `pbkdf2_sha256$rounds$salt$base64`, or an ASP.NET Identity blob.
package struct PBKDF2Hash: StoredHash {
    package var hash: HashFunction
    package var iterations: Int
    package var salt: [UInt8]
    package var expected: [UInt8]

    package var algorithm: PasswordAlgorithm { .pbkdf2(hash, iterations: iterations) }

    package init(hash: HashFunction, iterations: Int, salt: [UInt8], expected: [UInt8]) throws(PasswordHashingError) {
        guard iterations >= 1 else {
            throw PasswordHashingError(.parameterOutOfRange, "PBKDF2 needs at least one iteration")
        }
        guard !expected.isEmpty, expected.count <= 1024 else {
            throw PasswordHashingError(.malformedHash, "the PBKDF2 hash is empty or longer than 1024 bytes")
        }
        self.hash = hash
        self.iterations = iterations
        self.salt = salt
        self.expected = expected
    }

    /// Parses passlib's `$pbkdf2$`, `$pbkdf2-sha256$` and `$pbkdf2-sha512$` strings (adapted Base64).
    package init(passlib text: String, limits: HashingLimits) throws(PasswordHashingError) {
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 5, fields[0].isEmpty else {
            throw PasswordHashingError(.malformedHash, "a passlib PBKDF2 hash is $pbkdf2-<digest>$rounds$salt$hash")
        }
        let hash: HashFunction
        switch fields[1] {
        case "pbkdf2": hash = .sha1
        case "pbkdf2-sha256": hash = .sha256
        case "pbkdf2-sha512": hash = .sha512
        default: throw PasswordHashingError(.unsupportedAlgorithm, "unknown PBKDF2 digest \(fields[1])")
        }
        guard let rounds = PHCString.decimal(fields[2]) else {
            throw PasswordHashingError(.malformedHash, "the PBKDF2 rounds field is not a decimal number")
        }
        let phc = try PHCString(
            parsing: "$x$" + fields[3] + "$" + fields[4], alphabet: .passlibAdapted, limits: limits)
        guard let expected = phc.hash, expected.count == hash.digestLength else {
            throw PasswordHashingError(.malformedHash, "the PBKDF2 hash has the wrong length for \(hash)")
        }
        try self.init(hash: hash, iterations: rounds, salt: phc.salt ?? [], expected: expected)
    }

    /// The passlib-compatible encoding.
    package var passlibEncoded: String {
        let id = hash == .sha1 ? "pbkdf2" : "pbkdf2-\(hash.rawValue.lowercased())"
        let phc = PHCString(id: "x", parameters: [], salt: salt, hash: expected).encoded(alphabet: .passlibAdapted)
        return "$\(id)$\(iterations)" + phc.dropFirst(2)
    }

    package func enforce(_ limits: HashingLimits) throws(PasswordHashingError) {
        guard iterations <= limits.maxPBKDF2Iterations else {
            throw PasswordHashingError(
                .exceedsLimits,
                "PBKDF2 with \(iterations) iterations exceeds the limit of \(limits.maxPBKDF2Iterations)")
        }
    }

    /// Every iteration runs once per output block, so a long subkey (ASP.NET Identity v3 allows any
    /// length) multiplies the cost.
    package var work: HashingWork { .pbkdf2(hash, iterations: iterations, keyLength: expected.count) }

    package func verify(_ password: [UInt8], workspace: HashingWorkspace) throws(PasswordHashingError) -> Bool {
        ConstantTime.equals(
            try Self.derive(password, salt: salt, hash: hash, iterations: iterations, length: expected.count), expected)
    }

    package static func derive(_ password: [UInt8], salt: [UInt8], hash: HashFunction, iterations: Int, length: Int)
        throws(PasswordHashingError) -> [UInt8]
    {
        do {
            return try KeyDerivation.pbkdf2(
                password: password, salt: salt, iterations: iterations, hash: hash, keyLength: length)
        } catch {
            throw PasswordHashingError(.parameterOutOfRange, "PBKDF2: \(error.reason)")
        }
    }
}
