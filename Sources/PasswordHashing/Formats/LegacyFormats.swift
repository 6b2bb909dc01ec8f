import AuthCore

/// Parsers for the hash layouts CRMs migrate from: Django's hashers and ASP.NET Core Identity.
enum LegacyFormats {
    /// Django `pbkdf2_sha256$<iterations>$<salt text>$<Base64 hash>` (and `pbkdf2_sha1`).
    /// The salt is used as its UTF-8 text, not decoded.
    static func djangoPBKDF2(_ text: String, limits: HashingLimits) throws(PasswordHashingError) -> PBKDF2Hash {
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 4 else {
            throw PasswordHashingError(.malformedHash, "a Django PBKDF2 hash is pbkdf2_<digest>$iterations$salt$hash")
        }
        let hash: HashFunction = fields[0] == "pbkdf2_sha1" ? .sha1 : .sha256
        guard let iterations = PHCString.decimal(fields[1]) else {
            throw PasswordHashingError(.malformedHash, "the Django PBKDF2 iteration count is not a decimal number")
        }
        guard !fields[2].isEmpty, fields[2].utf8.count <= limits.maxSaltOrHashBytes else {
            throw PasswordHashingError(.malformedHash, "the Django PBKDF2 salt is empty or too long")
        }
        let expected = try decodeBase64(fields[3], field: "Django PBKDF2 hash")
        guard expected.count == hash.digestLength else {
            throw PasswordHashingError(.malformedHash, "the Django PBKDF2 hash has the wrong length")
        }
        return try PBKDF2Hash(hash: hash, iterations: iterations, salt: Array(fields[2].utf8), expected: expected)
    }

    /// Django `scrypt$<N>$<salt text>$<r>$<p>$<Base64 64-byte hash>`.
    static func djangoScrypt(_ text: String) throws(PasswordHashingError) -> ScryptHash {
        let fields = text.split(separator: "$", omittingEmptySubsequences: false)
        guard fields.count == 6, let n = PHCString.decimal(fields[1]), let r = PHCString.decimal(fields[3]),
            let p = PHCString.decimal(fields[4]), !fields[2].isEmpty, fields[2].utf8.count <= 1024
        else {
            throw PasswordHashingError(.malformedHash, "a Django scrypt hash is scrypt$N$salt$r$p$hash")
        }
        guard n > 1, n & (n - 1) == 0 else {
            throw PasswordHashingError(.parameterOutOfRange, "scrypt N must be a power of two")
        }
        return try ScryptHash(
            logN: n.trailingZeroBitCount, r: r, p: p, salt: Array(fields[2].utf8),
            expected: decodeBase64(fields[5], field: "Django scrypt hash"))
    }

    /// ASP.NET Core Identity's Base64 blobs.
    ///
    /// Version 2 (`0x00`): PBKDF2-HMAC-SHA1, 1000 iterations, 16-byte salt, 32-byte subkey.
    /// Version 3 (`0x01`): PRF (UInt32 BE: 0 SHA-1, 1 SHA-256, 2 SHA-512), iteration count (UInt32 BE),
    /// salt length (UInt32 BE), salt, subkey.
    static func aspNetIdentity(_ text: String, limits: HashingLimits) throws(PasswordHashingError) -> PBKDF2Hash {
        let blob = try decodeBase64(Substring(text), field: "ASP.NET Identity hash")
        switch blob.first {
        case 0x00:
            guard blob.count == 1 + 16 + 32 else {
                throw PasswordHashingError(.malformedHash, "an ASP.NET Identity v2 hash is 49 bytes")
            }
            return try PBKDF2Hash(
                hash: .sha1, iterations: 1000, salt: Array(blob[1..<17]), expected: Array(blob[17...]))
        case 0x01:
            guard blob.count >= 13 else {
                throw PasswordHashingError(.malformedHash, "the ASP.NET Identity v3 header is truncated")
            }
            func word(_ offset: Int) -> UInt32 {
                blob[offset..<offset + 4].reduce(0) { $0 << 8 | UInt32($1) }
            }
            let hash: HashFunction
            switch word(1) {
            case 0: hash = .sha1
            case 1: hash = .sha256
            case 2: hash = .sha512
            default: throw PasswordHashingError(.unsupportedAlgorithm, "unknown ASP.NET Identity PRF \(word(1))")
            }
            let iterations = Int(word(5))
            let saltLength = Int(word(9))
            guard saltLength >= 16, blob.count - 13 > saltLength, blob.count - 13 - saltLength >= 16 else {
                throw PasswordHashingError(
                    .malformedHash, "the ASP.NET Identity v3 salt or subkey is too short or truncated")
            }
            return try PBKDF2Hash(
                hash: hash, iterations: iterations, salt: Array(blob[13..<13 + saltLength]),
                expected: Array(blob[(13 + saltLength)...]))
        default:
            throw PasswordHashingError(.unsupportedAlgorithm, "not a known ASP.NET Identity format marker")
        }
    }

    private static func decodeBase64(_ text: Substring, field: String) throws(PasswordHashingError) -> [UInt8] {
        guard text.utf8.count <= 4096 else {
            throw PasswordHashingError(.malformedHash, "the \(field) is too long")
        }
        do {
            return try Base64.standard.decode(text)
        } catch {
            throw PasswordHashingError(.malformedHash, "the \(field) is not valid Base64")
        }
    }
}
