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
        // r and p come from stored strings (up to 10 digits each) and from callers; their product is
        // computed with overflow detection, never with `*`, which would trap.
        let (product, overflow) = r.multipliedReportingOverflow(by: p)
        guard (1...62).contains(logN), r >= 1, p >= 1, !overflow, product < 1 << 30 else {
            throw PasswordHashingError(
                .parameterOutOfRange,
                "scrypt needs 1 <= ln <= 62, r >= 1, p >= 1, r*p < 2^30 (got ln=\(logN), r=\(r), p=\(p))")
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
            parameters: [
                .init(name: "ln", value: "\(logN)"), .init(name: "r", value: "\(r)"), .init(name: "p", value: "\(p)"),
            ],
            salt: salt, hash: expected
        ).encoded()
    }

    /// Bytes of memory a derivation needs: 128 * r * (N + p + 2), saturating for any field values.
    var memoryBytes: UInt64 {
        guard (0..<63).contains(logN) else { return .max }
        let (blocks, o1) = (UInt64(1) << UInt64(logN)).addingReportingOverflow(UInt64(clamping: p) &+ 2)
        let (perBlock, o2) = UInt64(clamping: r).multipliedReportingOverflow(by: 128)
        let (product, o3) = blocks.multipliedReportingOverflow(by: perBlock)
        return o1 || o2 || o3 ? .max : product
    }

    package var work: HashingWork { .scrypt(logN: logN, r: r, p: p) }

    package func enforce(_ limits: HashingLimits) throws(PasswordHashingError) {
        guard memoryBytes <= limits.maxScryptMemoryBytes else {
            throw PasswordHashingError(
                .exceedsLimits,
                "scrypt(ln=\(logN), r=\(r), p=\(p)) needs more than \(limits.maxScryptMemoryBytes) bytes")
        }
    }

    package func verify(_ password: [UInt8], workspace: HashingWorkspace) throws(PasswordHashingError) -> Bool {
        ConstantTime.equals(
            try Self.derive(password, salt: salt, logN: logN, r: r, p: p, length: expected.count), expected)
    }

    /// The memory ceiling handed to libcrypto. Callers enforce ``HashingLimits/maxScryptMemoryBytes``
    /// first; this only keeps libcrypto's own arithmetic (which adds slack to the ceiling) far from 2^64.
    static let maxDerivationMemory = UInt64(1) << 48

    package static func derive(_ password: [UInt8], salt: [UInt8], logN: Int, r: Int, p: Int, length: Int)
        throws(PasswordHashingError) -> [UInt8]
    {
        guard (1...62).contains(logN), r >= 1, p >= 1 else {
            throw PasswordHashingError(.parameterOutOfRange, "scrypt needs 1 <= ln <= 62, r >= 1, p >= 1")
        }
        do {
            return try KeyDerivation.scrypt(
                password: password, salt: salt, n: 1 << UInt64(logN), r: UInt64(r), p: UInt64(p),
                keyLength: length, maxMemory: maxDerivationMemory)
        } catch {
            throw PasswordHashingError(.parameterOutOfRange, "scrypt: \(error.reason)")
        }
    }
}
