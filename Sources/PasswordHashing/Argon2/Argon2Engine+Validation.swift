extension Argon2Engine {
    /// The largest length RFC 9106 §3.1 allows for P, S, K, X and T: 2^32 - 1 bytes.
    static let maximumLength = Int(UInt32.max)

    /// Checks the inputs against the ranges of RFC 9106 §3.1.
    static func validate(
        passwordLength: Int, saltLength: Int, secretLength: Int, associatedDataLength: Int,
        parameters: Argon2Parameters
    ) throws(PasswordHashingError) {
        func reject(_ reason: String) -> PasswordHashingError {
            PasswordHashingError(.parameterOutOfRange, reason)
        }
        guard
            parameters.version == Argon2Parameters.currentVersion
                || parameters.version == Argon2Parameters.legacyVersion
        else {
            throw reject("Argon2 version must be 0x13 or 0x10, got \(parameters.version)")
        }
        guard passwordLength <= maximumLength else { throw reject("Argon2 password is longer than 2^32-1 bytes") }
        guard saltLength >= 8 else { throw reject("Argon2 salt must be at least 8 bytes, got \(saltLength)") }
        guard saltLength <= maximumLength else { throw reject("Argon2 salt is longer than 2^32-1 bytes") }
        guard secretLength <= maximumLength else { throw reject("Argon2 secret is longer than 2^32-1 bytes") }
        guard associatedDataLength <= maximumLength else {
            throw reject("Argon2 associated data is longer than 2^32-1 bytes")
        }
        guard parameters.tagLength >= 4 else {
            throw reject("Argon2 tag length must be at least 4 bytes, got \(parameters.tagLength)")
        }
        guard parameters.tagLength <= maximumLength else { throw reject("Argon2 tag length exceeds 2^32-1 bytes") }
        guard parameters.parallelism >= 1, parameters.parallelism <= 0xFF_FFFF else {
            throw reject("Argon2 parallelism must be 1...16777215, got \(parameters.parallelism)")
        }
        guard UInt64(parameters.memoryKiB) >= 8 * UInt64(parameters.parallelism) else {
            throw reject(
                "Argon2 memory must be at least 8 KiB per lane (\(8 * UInt64(parameters.parallelism)) KiB), "
                    + "got \(parameters.memoryKiB) KiB"
            )
        }
        guard parameters.iterations >= 1 else { throw reject("Argon2 iterations must be at least 1, got 0") }
        guard let memoryKiB = Int(exactly: parameters.memoryKiB),
            !memoryKiB.multipliedReportingOverflow(by: 1024).overflow
        else {
            throw reject("Argon2 memory of \(parameters.memoryKiB) KiB overflows this platform's address space")
        }
    }
}
