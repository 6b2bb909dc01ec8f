/// Recognises every supported stored-hash layout and parses it.
enum HashParser {
    /// Parses `encoded` (without any pepper envelope).
    ///
    /// - Throws: ``PasswordHashingError/malformedHash`` for a damaged string,
    ///   ``PasswordHashingError/unsupportedAlgorithm`` for a layout this library does not verify.
    static func parse(_ encoded: String, limits: HashingLimits) throws(PasswordHashingError) -> any StoredHash {
        guard !encoded.isEmpty else {
            throw PasswordHashingError(.malformedHash, "the stored hash is empty")
        }
        guard encoded.utf8.count <= limits.maxEncodedLength else {
            throw PasswordHashingError(
                .malformedHash, "the stored hash is longer than \(limits.maxEncodedLength) bytes")
        }
        if encoded.hasPrefix("$argon2") {
            return try Argon2Hash(phc: PHCString(parsing: encoded, limits: limits))
        }
        if encoded.hasPrefix("$2") {
            return BcryptStoredHash(bcrypt: try BcryptHash(parsing: encoded), reduction: .none)
        }
        if encoded.hasPrefix("$bcrypt-sha256$") {
            return try BcryptStoredHash(passlibSHA256: encoded)
        }
        if encoded.hasPrefix("$scrypt$") {
            return try ScryptHash(phc: PHCString(parsing: encoded, limits: limits))
        }
        if encoded.hasPrefix("$pbkdf2$") || encoded.hasPrefix("$pbkdf2-") {
            return try PBKDF2Hash(passlib: encoded, limits: limits)
        }
        if encoded.hasPrefix("pbkdf2_sha256$") || encoded.hasPrefix("pbkdf2_sha1$") {
            return try LegacyFormats.djangoPBKDF2(encoded, limits: limits)
        }
        if encoded.hasPrefix("argon2$") {
            return try Argon2Hash(phc: PHCString(parsing: String(encoded.dropFirst(6)), limits: limits))
        }
        if encoded.hasPrefix("bcrypt_sha256$$2") {
            let inner = try BcryptHash(parsing: String(encoded.dropFirst(14)))
            return BcryptStoredHash(bcrypt: inner, reduction: .djangoSHA256Hex, djangoPrefix: "bcrypt_sha256$")
        }
        if encoded.hasPrefix("bcrypt$$2") {
            return BcryptStoredHash(
                bcrypt: try BcryptHash(parsing: String(encoded.dropFirst(7))), reduction: .none, djangoPrefix: "bcrypt$"
            )
        }
        if encoded.hasPrefix("scrypt$") {
            return try LegacyFormats.djangoScrypt(encoded)
        }
        if encoded.hasPrefix("A"), encoded.utf8.count >= 64, !encoded.contains("$") {
            return try LegacyFormats.aspNetIdentity(encoded, limits: limits)
        }
        throw PasswordHashingError(
            .unsupportedAlgorithm, "the stored hash is in a format this library does not recognise")
    }
}
