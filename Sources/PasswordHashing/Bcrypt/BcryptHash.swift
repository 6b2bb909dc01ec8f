/// A parsed modular-crypt bcrypt string, `$2b$12$<22 salt characters><31 checksum characters>`.
///
/// Parsing is strict, so every accepted string re-encodes to itself (``encoded``): exactly 60 ASCII
/// characters, a known variant, a two-digit cost from 04 to 31, the bcrypt Base64 alphabet, and zero
/// bits in the unused low bits of the last salt and checksum characters. OpenBSD and crypt_blowfish
/// decode a salt with stray trailing bits but write it back canonically, so a hash holding one never
/// verified with them either; rejecting it as malformed loses no real hash.
///
/// ```swift
/// let hash = try BcryptHash(parsing: "$2b$12$R9h/cIPz0gi.URNNX3kh2OPST9/PgBkqquzi.Ss7KIUgO2t0jWMUW")
/// hash.cost        // 12
/// hash.encoded     // the same string
/// ```
package struct BcryptHash: Sendable, Hashable {
    /// The identifier between the first two `$`.
    package var variant: BcryptVariant
    /// The base-2 logarithm of the key-schedule rounds, 4...31.
    package var cost: Int
    /// The 16-byte salt.
    package var salt: [UInt8]
    /// The 23-byte output of ``BcryptEngine/checksum(password:salt:cost:)``.
    package var checksum: [UInt8]

    /// The length of every bcrypt string.
    package static let encodedLength = 60

    /// Creates a hash from its fields.
    ///
    /// - Precondition: `cost` is in 4...31, `salt` has 16 bytes and `checksum` 23; ``encoded`` is
    ///   only a valid bcrypt string when they hold.
    package init(variant: BcryptVariant, cost: Int, salt: [UInt8], checksum: [UInt8]) {
        precondition(BcryptEngine.costRange.contains(cost), "bcrypt cost must be 4...31")
        precondition(salt.count == BcryptEngine.saltByteCount, "bcrypt salt must be 16 bytes")
        precondition(checksum.count == BcryptEngine.checksumByteCount, "bcrypt checksum must be 23 bytes")
        self.variant = variant
        self.cost = cost
        self.salt = salt
        self.checksum = checksum
    }

    /// Parses a bcrypt string strictly (see the type's documentation).
    ///
    /// - Throws: ``PasswordHashingError/unsupportedAlgorithm`` for another identifier (`$2x$`, `$2$`,
    ///   `$argon2id$`, ...); ``PasswordHashingError/parameterOutOfRange`` for a two-digit cost outside
    ///   04...31; ``PasswordHashingError/malformedHash`` for anything else that is not a bcrypt string.
    package init(parsing string: String) throws(PasswordHashingError) {
        // Copy at most one byte past the only valid length, so a huge input costs no more than a short one.
        let bytes = Array(string.utf8.prefix(Self.encodedLength + 1))
        guard bytes.count >= 2, bytes[0] == UInt8(ascii: "$"),
            let end = bytes[1...].firstIndex(of: UInt8(ascii: "$")), end > 1
        else {
            throw PasswordHashingError(.malformedHash, "not a modular crypt string")
        }
        let identifier = String(decoding: bytes[1..<end], as: UTF8.self)
        guard let variant = BcryptVariant(rawValue: identifier) else {
            if identifier.utf8.count <= 16, identifier.utf8.allSatisfy(Self.isIdentifierByte) {
                throw PasswordHashingError(.unsupportedAlgorithm, "unsupported identifier $\(identifier)$")
            }
            throw PasswordHashingError(.malformedHash, "bad identifier")
        }
        guard bytes.count == Self.encodedLength else {
            throw PasswordHashingError(.malformedHash, "bcrypt strings have 60 characters")
        }
        guard bytes[6] == UInt8(ascii: "$"), let tens = Self.digit(bytes[4]), let ones = Self.digit(bytes[5]) else {
            throw PasswordHashingError(.malformedHash, "bad bcrypt cost field")
        }
        let cost = tens * 10 + ones
        guard BcryptEngine.costRange.contains(cost) else {
            throw PasswordHashingError(.parameterOutOfRange, "bcrypt cost must be 04...31, got \(cost)")
        }
        let saltEnd = 7 + BcryptBase64.encodedLength(byteCount: BcryptEngine.saltByteCount)
        guard let salt = BcryptBase64.decode(bytes[7..<saltEnd], byteCount: BcryptEngine.saltByteCount) else {
            throw PasswordHashingError(.malformedHash, "bad bcrypt salt encoding")
        }
        guard let checksum = BcryptBase64.decode(bytes[saltEnd...], byteCount: BcryptEngine.checksumByteCount) else {
            throw PasswordHashingError(.malformedHash, "bad bcrypt checksum encoding")
        }
        self.init(variant: variant, cost: cost, salt: salt, checksum: checksum)
    }

    /// The modular-crypt string, `$<variant>$<two-digit cost>$<salt><checksum>`.
    package var encoded: String {
        let costText = cost < 10 ? "0\(cost)" : "\(cost)"
        return "$\(variant.rawValue)$\(costText)$" + BcryptBase64.encode(salt) + BcryptBase64.encode(checksum)
    }

    /// Whether `byte` may appear in a modular-crypt identifier (`[a-z0-9-]`).
    private static func isIdentifierByte(_ byte: UInt8) -> Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(byte) || digit(byte) != nil || byte == UInt8(ascii: "-")
    }

    /// The value of an ASCII decimal digit.
    private static func digit(_ byte: UInt8) -> Int? {
        (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte) ? Int(byte - UInt8(ascii: "0")) : nil
    }
}
