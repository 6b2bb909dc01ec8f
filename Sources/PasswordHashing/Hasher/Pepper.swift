public import AuthCore

/// A server-side secret mixed into every password before hashing, so a stolen database alone cannot
/// be attacked offline.
///
/// The password is replaced by `Base64(HMAC-SHA256(key, password))` before it reaches the hash
/// function, and the pepper's id is recorded in the stored string
/// (`$crmauth-pepper$k=<id>$argon2id$...`) so peppers can rotate: keep old peppers in
/// ``PasswordHasher/Configuration/olderPeppers`` until every hash made with them has been upgraded.
/// Keep the key outside the database (an environment secret or a KMS).
public struct Pepper: Sendable, Redacting {
    /// The pepper's identifier: 1 to 32 characters of `[A-Za-z0-9._-]`.
    public let id: String
    private let key: HMACKey

    /// Creates a pepper from at least 16 bytes of key material.
    public init(id: String, key: [UInt8]) throws(PasswordHashingError) {
        guard (1...32).contains(id.utf8.count),
            id.utf8.allSatisfy({ Pepper.isIDByte($0) })
        else {
            throw PasswordHashingError(.parameterOutOfRange, "a pepper id is 1 to 32 characters of A-Z a-z 0-9 . _ -")
        }
        guard key.count >= 16 else {
            throw PasswordHashingError(.parameterOutOfRange, "a pepper key is at least 16 bytes")
        }
        self.id = id
        self.key = HMACKey(key, hash: .sha256)
    }

    /// Shows the id only; `dump` and `Mirror` show no key material either (the HMAC pad states
    /// would let anyone compute peppered passwords).
    public var redactedDescription: String { "Pepper(id: \(id), key: <redacted>)" }

    /// The peppered password: 44 ASCII bytes, safe for every algorithm including bcrypt.
    func apply(to password: [UInt8]) -> [UInt8] {
        Array(Base64.standard.encode(key.authenticationCode(for: password)).utf8)
    }

    static let prefix = "$crmauth-pepper$k="

    static func isIDByte(_ byte: UInt8) -> Bool {
        (0x61...0x7a).contains(byte) || (0x41...0x5a).contains(byte) || (0x30...0x39).contains(byte)
            || byte == 0x2e || byte == 0x5f || byte == 0x2d
    }

    /// Splits `$crmauth-pepper$k=<id>$<inner>` into the id and the inner hash, or returns nil for an
    /// unpeppered string.
    static func split(_ encoded: String) throws(PasswordHashingError) -> (id: String, inner: String)? {
        guard encoded.hasPrefix(prefix) else { return nil }
        let rest = encoded.dropFirst(prefix.count)
        guard let end = rest.firstIndex(of: "$") else {
            throw PasswordHashingError(.malformedHash, "the peppered hash has no inner hash")
        }
        let id = rest[..<end]
        guard (1...32).contains(id.utf8.count), id.utf8.allSatisfy(isIDByte) else {
            throw PasswordHashingError(.malformedHash, "the pepper id is malformed")
        }
        return (String(id), String(rest[end...]))
    }
}
