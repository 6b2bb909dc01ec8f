import COpenSSL

/// An Ed25519 private key (RFC 8032) with the identifier stored beside every signature it makes.
///
/// The key is its 32-byte seed, as RFC 8032 §5.1.5 defines it; libcrypto derives the public key and
/// signs (pure Ed25519, no pre-hash, so a signature covers the message itself). The identifier lets a
/// verifier holding several public keys pick the right one after a rotation.
///
/// ```swift
/// let key = try Ed25519SigningKey.generate(id: "audit-2026")
/// let signature = try key.signature(for: Array("message".utf8))
/// #expect(key.publicKey.isValidSignature(signature, for: Array("message".utf8)))
/// ```
public struct Ed25519SigningKey: Sendable, Redacting {
    /// The key's identifier: 1 to 64 bytes of printable ASCII without spaces.
    public let id: String
    /// The public half, under the same identifier.
    public let publicKey: Ed25519PublicKey
    private let seed: [UInt8]

    /// Creates a key from its 32-byte seed (the RFC 8032 private key).
    ///
    /// - Parameters:
    ///   - id: the key's identifier, 1 to 64 printable ASCII characters without spaces.
    ///   - seed: the 32-byte private key.
    /// - Throws: ``AuthCoreError/invalidKey`` if the seed is not 32 bytes or the id is malformed;
    ///   ``AuthCoreError/cryptoFailure`` if libcrypto cannot derive the public key.
    public init(id: String, seed: [UInt8]) throws(AuthCoreError) {
        guard seed.count == Ed25519.keyLength else {
            throw AuthCoreError(.invalidKey, "an Ed25519 private key is 32 bytes, got \(seed.count)")
        }
        let publicBytes = try Ed25519.withPrivateKey(seed) { (key) throws(AuthCoreError) -> [UInt8] in
            var length = Ed25519.keyLength
            var bytes = [UInt8](repeating: 0, count: length)
            guard EVP_PKEY_get_raw_public_key(key, &bytes, &length) == 1, length == Ed25519.keyLength else {
                throw AuthCoreError(.cryptoFailure, "deriving the Ed25519 public key: \(LibCrypto.lastError())")
            }
            return bytes
        }
        self.id = id
        self.seed = seed
        publicKey = try Ed25519PublicKey(id: id, bytes: publicBytes)
    }

    /// A new random key.
    ///
    /// - Parameter id: the key's identifier, 1 to 64 printable ASCII characters without spaces.
    /// - Throws: ``AuthCoreError/invalidKey`` for a malformed id.
    public static func generate(id: String) throws(AuthCoreError) -> Ed25519SigningKey {
        try Ed25519SigningKey(id: id, seed: SecureRandom.bytes(count: Ed25519.keyLength))
    }

    /// The 64-byte Ed25519 signature of `message` (RFC 8032 §5.1.6); deterministic for a key and message.
    ///
    /// - Parameter message: the bytes to sign.
    /// - Throws: ``AuthCoreError/cryptoFailure`` if libcrypto fails.
    public func signature(for message: [UInt8]) throws(AuthCoreError) -> [UInt8] {
        try Ed25519.withPrivateKey(seed) { (key) throws(AuthCoreError) -> [UInt8] in
            guard let context = EVP_MD_CTX_new() else {
                throw AuthCoreError(.cryptoFailure, "EVP_MD_CTX_new failed")
            }
            defer { EVP_MD_CTX_free(context) }
            var signature = [UInt8](repeating: 0, count: Ed25519.signatureLength)
            var length = Ed25519.signatureLength
            // A NULL digest: Ed25519 hashes internally (SHA-512) and takes the whole message at once.
            let signed =
                EVP_DigestSignInit(context, nil, nil, nil, key) == 1
                && EVP_DigestSign(context, &signature, &length, message, message.count) == 1
            guard signed, length == Ed25519.signatureLength else {
                throw AuthCoreError(.cryptoFailure, "Ed25519 signing failed: \(LibCrypto.lastError())")
            }
            return signature
        }
    }

    /// The seed, for writing the key to a private file; handle it as the secret it is.
    public var seedBytes: Secret<[UInt8]> { Secret(seed) }

    /// Shows the id and the public key only.
    public var redactedDescription: String { "Ed25519SigningKey(id: \(id), seed: <redacted>)" }
}

/// Sizes and libcrypto plumbing shared by the Ed25519 key types.
enum Ed25519 {
    static let keyLength = 32
    static let signatureLength = 64

    static func withPrivateKey<Result>(
        _ seed: [UInt8], _ body: (OpaquePointer) throws(AuthCoreError) -> Result
    ) throws(AuthCoreError) -> Result {
        guard let key = EVP_PKEY_new_raw_private_key(EVP_PKEY_ED25519, nil, seed, seed.count) else {
            throw AuthCoreError(.invalidKey, "libcrypto refused the Ed25519 private key: \(LibCrypto.lastError())")
        }
        defer { EVP_PKEY_free(key) }
        return try body(key)
    }

    static func validate(id: String) throws(AuthCoreError) {
        guard (1...64).contains(id.utf8.count), id.utf8.allSatisfy({ (0x21...0x7e).contains($0) }) else {
            throw AuthCoreError(.invalidKey, "a key id is 1 to 64 printable ASCII characters without spaces")
        }
    }
}
