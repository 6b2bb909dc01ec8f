import AuthCore

/// An Argon2 hash in PHC form: `$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`.
///
/// A missing `v=` field means version 0x10, as the reference implementation wrote before 1.3.
package struct Argon2Hash: StoredHash {
    package var parameters: Argon2Parameters
    package var salt: [UInt8]
    package var expected: [UInt8]

    package var algorithm: PasswordAlgorithm { .argon2(parameters) }

    package init(parameters: Argon2Parameters, salt: [UInt8], expected: [UInt8]) {
        self.parameters = parameters
        self.salt = salt
        self.expected = expected
    }

    package init(phc: PHCString) throws(PasswordHashingError) {
        guard let variant = Argon2Variant(rawValue: phc.id) else {
            throw PasswordHashingError(.unsupportedAlgorithm, "unknown Argon2 variant \(phc.id)")
        }
        try phc.requireOnly(["m", "t", "p", "keyid", "data"])
        guard phc.parameter("keyid") == nil, phc.parameter("data") == nil else {
            throw PasswordHashingError(.unsupportedAlgorithm, "Argon2 hashes with keyid or data are not supported")
        }
        let version = phc.version ?? Int(Argon2Parameters.legacyVersion)
        guard version == Int(Argon2Parameters.currentVersion) || version == Int(Argon2Parameters.legacyVersion) else {
            throw PasswordHashingError(.unsupportedAlgorithm, "unknown Argon2 version \(version)")
        }
        guard let salt = phc.salt, let expected = phc.hash else {
            throw PasswordHashingError(.malformedHash, "the Argon2 hash lacks its salt or hash field")
        }
        let m = try phc.requiredInteger("m")
        let t = try phc.requiredInteger("t")
        let p = try phc.requiredInteger("p")
        guard m <= Int(UInt32.max), t <= Int(UInt32.max), p <= Int(UInt32.max) else {
            throw PasswordHashingError(.parameterOutOfRange, "an Argon2 parameter does not fit in 32 bits")
        }
        guard salt.count >= 8, expected.count >= 4 else {
            throw PasswordHashingError(.malformedHash, "the Argon2 salt (>= 8 bytes) or hash (>= 4 bytes) is too short")
        }
        let parameters = Argon2Parameters(
            variant: variant, memoryKiB: UInt32(m), iterations: UInt32(t), parallelism: UInt32(p),
            tagLength: expected.count, saltLength: salt.count, version: UInt32(version))
        try Argon2Engine.validate(
            passwordLength: 0, saltLength: salt.count, secretLength: 0, associatedDataLength: 0, parameters: parameters)
        self.init(parameters: parameters, salt: salt, expected: expected)
    }

    package var encoded: String {
        PHCString(
            id: parameters.variant.rawValue, version: Int(parameters.version),
            parameters: [
                .init(name: "m", value: "\(parameters.memoryKiB)"), .init(name: "t", value: "\(parameters.iterations)"),
                .init(name: "p", value: "\(parameters.parallelism)"),
            ],
            salt: salt, hash: expected
        ).encoded()
    }

    package func enforce(_ limits: HashingLimits) throws(PasswordHashingError) {
        guard parameters.memoryKiB <= limits.maxArgon2MemoryKiB, parameters.iterations <= limits.maxArgon2Iterations,
            parameters.parallelism <= limits.maxArgon2Parallelism
        else {
            throw PasswordHashingError(
                .exceedsLimits,
                "Argon2 m=\(parameters.memoryKiB), t=\(parameters.iterations), p=\(parameters.parallelism) exceeds the limits "
                    + "m<=\(limits.maxArgon2MemoryKiB), t<=\(limits.maxArgon2Iterations), p<=\(limits.maxArgon2Parallelism)"
            )
        }
    }

    package func verify(_ password: [UInt8], workspace: HashingWorkspace) throws(PasswordHashingError) -> Bool {
        let tag = try Argon2Engine.hash(
            password: password, salt: salt, parameters: parameters, workspace: workspace.argon2)
        return ConstantTime.equals(tag, expected)
    }

    /// A new hash of `password` with a fresh random salt.
    package static func make(_ password: [UInt8], parameters: Argon2Parameters, workspace: HashingWorkspace)
        throws(PasswordHashingError) -> Argon2Hash
    {
        // Validate before allocating: a configured salt length is a caller's number like any other.
        try Argon2Engine.validate(
            passwordLength: password.count, saltLength: parameters.saltLength, secretLength: 0, associatedDataLength: 0,
            parameters: parameters)
        let salt = SecureRandom.bytes(count: parameters.saltLength)
        let tag = try Argon2Engine.hash(
            password: password, salt: salt, parameters: parameters, workspace: workspace.argon2)
        return Argon2Hash(parameters: parameters, salt: salt, expected: tag)
    }
}
