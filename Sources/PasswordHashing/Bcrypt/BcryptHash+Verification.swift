import AuthCore

extension BcryptHash {
    /// Hashes `password` under a fresh random salt.
    ///
    /// The password is used as given: bcrypt reads at most 72 bytes, so reject or pre-hash longer
    /// passwords before calling this if your policy requires (see ``BcryptEngine``).
    ///
    /// ```swift
    /// let hash = try BcryptHash(hashing: Array("hunter2".utf8), cost: 12)
    /// store(hash.encoded)
    /// ```
    ///
    /// - Throws: ``PasswordHashingError/parameterOutOfRange`` when `cost` is outside 4...31.
    package init(hashing password: [UInt8], cost: Int, variant: BcryptVariant = .b) throws(PasswordHashingError) {
        try self.init(
            hashing: password, salt: SecureRandom.bytes(count: BcryptEngine.saltByteCount), cost: cost, variant: variant
        )
    }

    /// Hashes `password` under the given 16-byte salt (for known-answer tests and migrations).
    ///
    /// - Throws: ``PasswordHashingError/parameterOutOfRange`` when `cost` is outside 4...31 or the salt
    ///   is not 16 bytes.
    package init(hashing password: [UInt8], salt: [UInt8], cost: Int, variant: BcryptVariant = .b)
        throws(PasswordHashingError)
    {
        let checksum = try BcryptEngine.checksum(password: password, salt: salt, cost: cost)
        self.init(variant: variant, cost: cost, salt: salt, checksum: checksum)
    }

    /// Whether `password` produces this hash's checksum, compared in constant time.
    ///
    /// A password longer than 72 bytes is truncated, as every bcrypt implementation does, so existing
    /// hashes keep verifying.
    ///
    /// - Throws: only if the fields were set out of range after parsing
    ///   (``PasswordHashingError/parameterOutOfRange``).
    package func verify(_ password: [UInt8]) throws(PasswordHashingError) -> Bool {
        let candidate = try BcryptEngine.checksum(password: password, salt: salt, cost: cost)
        return ConstantTime.equals(candidate, checksum)
    }
}
