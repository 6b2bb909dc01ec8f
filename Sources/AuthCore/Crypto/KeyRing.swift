import COpenSSL

/// AES-256-GCM sealing under a set of keys, one of which is current.
///
/// New data is sealed under the current key; data sealed under any key in the ring can be opened.
/// Rotate by adding a new key, making it current, and re-sealing what ``needsResealing(_:)`` flags.
///
/// ```swift
/// let ring = try KeyRing(current: try .generate(id: "2026-11"))
/// let sealed = try ring.seal(secret, associatedData: Array(userID.utf8))
/// let opened = try ring.open(sealed, associatedData: Array(userID.utf8))
/// ```
///
/// A sealed box is `version(1) | idLength(1) | id | nonce(12) | ciphertext | tag(16)`; the version and
/// id are authenticated along with the caller's associated data, so a box cannot be relabelled.
public struct KeyRing: Sendable, Redacting {
    /// The key new data is sealed under.
    public let current: SealingKey
    private let keys: [String: SealingKey]

    private static let version: UInt8 = 1
    private static let nonceLength = 12
    private static let tagLength = 16

    /// Creates a ring whose current key is `current`, able to open data sealed under `older` keys too.
    ///
    /// - Throws: ``AuthCoreError/invalidKey`` when two keys share an id.
    public init(current: SealingKey, older: [SealingKey] = []) throws(AuthCoreError) {
        var keys = [current.id: current]
        for key in older {
            guard keys[key.id] == nil else {
                throw AuthCoreError(.invalidKey, "two keys share the id \(key.id)")
            }
            keys[key.id] = key
        }
        self.current = current
        self.keys = keys
    }

    /// The ids of every key in the ring.
    public var keyIDs: [String] { keys.keys.sorted() }

    /// Shows the key ids only; `dump` and `Mirror` show no key material either.
    public var redactedDescription: String { "KeyRing(current: \(current.id), keys: \(keyIDs))" }

    /// Seals `plaintext` under the current key with a fresh random nonce.
    public func seal(_ plaintext: [UInt8], associatedData: [UInt8] = []) throws(AuthCoreError) -> [UInt8] {
        let header = [Self.version, UInt8(current.id.utf8.count)] + Array(current.id.utf8)
        let nonce = SecureRandom.bytes(count: Self.nonceLength)
        var ciphertext = [UInt8](repeating: 0, count: plaintext.count)
        var tag = [UInt8](repeating: 0, count: Self.tagLength)
        try AESGCM.run(
            encrypt: true, key: current.material, nonce: nonce, aad: header + associatedData,
            input: plaintext, output: &ciphertext, tag: &tag)
        return header + nonce + ciphertext + tag
    }

    /// Opens a box made by ``seal(_:associatedData:)`` under any key in the ring.
    ///
    /// - Throws: ``AuthCoreError/invalidEncoding`` for a malformed box, ``AuthCoreError/unknownKey``
    ///   when its key is not in the ring, ``AuthCoreError/authenticationFailed`` when it was altered or
    ///   the associated data differs.
    public func open(_ sealed: [UInt8], associatedData: [UInt8] = []) throws(AuthCoreError) -> [UInt8] {
        let (keyID, headerLength) = try Self.parseHeader(sealed)
        guard let key = keys[keyID] else {
            throw AuthCoreError(.unknownKey, "the sealed data names key \(keyID), which is not in the ring")
        }
        let body = sealed[headerLength...]
        let nonce = Array(body.prefix(Self.nonceLength))
        let ciphertext = Array(body.dropFirst(Self.nonceLength).dropLast(Self.tagLength))
        var tag = Array(body.suffix(Self.tagLength))
        var plaintext = [UInt8](repeating: 0, count: ciphertext.count)
        try AESGCM.run(
            encrypt: false, key: key.material, nonce: nonce,
            aad: Array(sealed[..<headerLength]) + associatedData,
            input: ciphertext, output: &plaintext, tag: &tag)
        return plaintext
    }

    /// The id of the key a box was sealed under.
    public static func keyID(of sealed: [UInt8]) throws(AuthCoreError) -> String {
        try parseHeader(sealed).keyID
    }

    /// Whether a box was sealed under a key other than the current one (and should be re-sealed).
    public func needsResealing(_ sealed: [UInt8]) throws(AuthCoreError) -> Bool {
        try Self.keyID(of: sealed) != current.id
    }

    private static func parseHeader(_ sealed: [UInt8]) throws(AuthCoreError) -> (keyID: String, length: Int) {
        guard sealed.count >= 2, sealed[0] == version else {
            throw AuthCoreError(.invalidEncoding, "not a sealed box of a known version")
        }
        let idLength = Int(sealed[1])
        let headerLength = 2 + idLength
        guard idLength > 0, sealed.count >= headerLength + nonceLength + tagLength else {
            throw AuthCoreError(.invalidEncoding, "the sealed box is truncated")
        }
        guard let keyID = String(validating: sealed[2..<headerLength], as: UTF8.self) else {
            throw AuthCoreError(.invalidEncoding, "the sealed box's key id is not UTF-8")
        }
        return (keyID, headerLength)
    }
}

/// One-shot AES-256-GCM through libcrypto's EVP interface.
enum AESGCM {
    static func run(
        encrypt: Bool, key: [UInt8], nonce: [UInt8], aad: [UInt8], input: [UInt8],
        output: inout [UInt8], tag: inout [UInt8]
    ) throws(AuthCoreError) {
        guard let ctx = EVP_CIPHER_CTX_new() else {
            throw AuthCoreError(.cryptoFailure, "cannot allocate a cipher context")
        }
        defer { EVP_CIPHER_CTX_free(ctx) }
        let cipher = LibCrypto.aes256GCM.pointer
        let enc: Int32 = encrypt ? 1 : 0
        // Checked before any work: a plain Int32(count) would trap on a 2 GiB input.
        let aadLength = try LibCrypto.int32Length(aad.count, of: "associated data")
        let inputLength = try LibCrypto.int32Length(input.count, of: encrypt ? "plaintext" : "ciphertext")
        var length: Int32 = 0
        var ok = EVP_CipherInit_ex2(ctx, cipher, key, nonce, enc, nil) == 1
        if ok, !aad.isEmpty {
            ok = EVP_CipherUpdate(ctx, nil, &length, aad, aadLength) == 1
        }
        if ok, !input.isEmpty {
            ok = output.withUnsafeMutableBufferPointer { out in
                EVP_CipherUpdate(ctx, out.baseAddress, &length, input, inputLength) == 1
            }
        }
        guard ok else { throw AuthCoreError(.cryptoFailure, "AES-GCM: \(LibCrypto.lastError())") }
        if !encrypt {
            ok = tag.withUnsafeMutableBytes { t in
                EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_SET_TAG, Int32(t.count), t.baseAddress) == 1
            }
        }
        var scratch = [UInt8](repeating: 0, count: 16)
        let finished = ok && EVP_CipherFinal_ex(ctx, &scratch, &length) == 1
        guard finished else {
            ERR_clear_error()
            for index in output.indices { output[index] = 0 }
            throw AuthCoreError(.authenticationFailed, "the sealed data failed authentication")
        }
        if encrypt {
            ok = tag.withUnsafeMutableBytes { t in
                EVP_CIPHER_CTX_ctrl(ctx, EVP_CTRL_GCM_GET_TAG, Int32(t.count), t.baseAddress) == 1
            }
            guard ok else { throw AuthCoreError(.cryptoFailure, "AES-GCM: \(LibCrypto.lastError())") }
        }
    }
}
