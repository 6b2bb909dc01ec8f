import COpenSSL

/// An Ed25519 public key (RFC 8032) under the identifier of its private key; checks signatures.
///
/// An auditor needs only this: the 32 bytes (64 hex digits) and the id.
///
/// ```swift
/// let key = try Ed25519PublicKey(id: "audit-2026", bytes: publicKeyBytes)
/// guard key.isValidSignature(signature, for: message) else { throw ... }
/// ```
public struct Ed25519PublicKey: Sendable, Hashable, CustomStringConvertible {
    /// The identifier of the key pair.
    public let id: String
    /// The 32-byte encoded public key (RFC 8032 §5.1.5).
    public let bytes: [UInt8]

    /// Creates a public key from its 32-byte encoding.
    ///
    /// - Parameters:
    ///   - id: the key's identifier, 1 to 64 printable ASCII characters without spaces.
    ///   - bytes: the 32-byte public key.
    /// - Throws: ``AuthCoreError/invalidKey`` for a wrong length or a malformed id.
    public init(id: String, bytes: [UInt8]) throws(AuthCoreError) {
        try Ed25519.validate(id: id)
        guard bytes.count == Ed25519.keyLength else {
            throw AuthCoreError(.invalidKey, "an Ed25519 public key is 32 bytes, got \(bytes.count)")
        }
        self.id = id
        self.bytes = bytes
    }

    /// Whether `signature` is a valid Ed25519 signature of `message` under this key (RFC 8032 §5.1.7).
    ///
    /// Any malformed input (a wrong length, a public key that is no curve point) is simply invalid.
    ///
    /// - Parameters:
    ///   - signature: the 64-byte signature.
    ///   - message: the signed bytes.
    public func isValidSignature(_ signature: [UInt8], for message: [UInt8]) -> Bool {
        guard signature.count == Ed25519.signatureLength else { return false }
        guard let key = EVP_PKEY_new_raw_public_key(EVP_PKEY_ED25519, nil, bytes, bytes.count) else {
            ERR_clear_error()
            return false
        }
        defer { EVP_PKEY_free(key) }
        guard let context = EVP_MD_CTX_new() else { return false }
        defer { EVP_MD_CTX_free(context) }
        let valid =
            EVP_DigestVerifyInit(context, nil, nil, nil, key) == 1
            && EVP_DigestVerify(context, signature, signature.count, message, message.count) == 1
        if !valid { ERR_clear_error() }
        return valid
    }

    /// The id and the key in hex (a public key is no secret).
    public var description: String {
        "Ed25519PublicKey(id: \(id), \(bytes.map { String($0, radix: 16).leftPadded() }.joined()))"
    }
}

extension String {
    fileprivate func leftPadded() -> String { count == 1 ? "0" + self : self }
}
