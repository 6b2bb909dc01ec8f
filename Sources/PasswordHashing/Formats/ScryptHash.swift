import AuthCore

/// An scrypt hash in passlib's layout: `$scrypt$ln=<log2 N>,r=<r>,p=<p>$<salt>$<hash>`.
package struct ScryptHash: StoredHash {
    package var logN: Int
    package var r: Int
    package var p: Int
    package var salt: [UInt8]
    package var expected: [UInt8]

    package var algorithm: PasswordAlgorithm { .scrypt(logN: logN, r: r, p: p) }

    package init(logN: Int, r: Int, p: Int, salt: [UInt8], expected: [UInt8]) throws(PasswordHashingError) {
        guard (1...62).contains(logN), r >= 1, p >= 1, r * p < 1 << 30 else {
            throw PasswordHashingError(.parameterOutOfRange, "scrypt needs 1 <= ln <= 62, r >= 1, p >= 1, r*p < 2^30")
        }
        guard !expected.isEmpty, expected.count <= 1024 else {
            throw PasswordHashingError(.malformedHash, "the scrypt hash is empty or longer than 1024 bytes")
        }
        self.logN = logN
        self.r = r
        self.p = p
        self.salt = salt
        self.expected = expected
    }

    package init(phc: PHCString) throws(PasswordHashingError) {
        try phc.requireOnly(["ln", "r", "p"])
        guard let expected = phc.hash else {
            throw PasswordHashingError(.malformedHash, "the scrypt hash has no hash field")
        }
        try self.init(
            logN: phc.requiredInteger("ln"), r: phc.requiredInteger("r"), p: phc.requiredInteger("p"),
            salt: phc.salt ?? [], expected: expected)
    }

    package var encoded: String {
        PHCString(
            id: "scrypt",
            parameters: [.init(name: "ln", value: "\(logN)"), .init(name: "r", value: "\(r)"), .init(name: "p", value: "\(p)")],
            salt: salt, hash: expected
        ).encoded()
    }

    /// Bytes of memory a derivation needs: 128 * r * (N + p + 2), saturating.
    var memoryBytes: UInt64 {
        let (product, overflow) = (UInt64(1) << UInt64(logN) + UInt64(p) + 2).multipliedReportingOverflow(by: 128 * UInt64(r))
        return overflow ? .max : product
    }

    package func enforce(_ limits: HashingLimits) throws(PasswordHashingError) {
        guard memoryBytes <= limits.maxScryptMemoryBytes else {
            throw PasswordHashingError(
                .exceedsLimits, "scrypt(ln=\(logN), r=\(r), p=\(p)) needs more than \(limits.maxScryptMemoryBytes) bytes")
        }
    }

    package func verify(_ password: [UInt8], workspace: HashingWorkspace) throws(PasswordHashingError) -> Bool {
        ConstantTime.equals(try Self.derive(password, salt: salt, logN: logN, r: r, p: p, length: expected.count), expected)
    }

    package static func derive(_ password: [UInt8], salt: [UInt8], logN: Int, r: Int, p: Int, length: Int)
        throws(PasswordHashingError) -> [UInt8]
    {
        do {
            return try KeyDerivation.scrypt(
                password: password, salt: salt, n: 1 << UInt64(logN), r: UInt64(r), p: UInt64(p),
                keyLength: length, maxMemory: .max)
        } catch {
            throw PasswordHashingError(.parameterOutOfRange, "scrypt: \(error.reason)")
        }
    }
}
