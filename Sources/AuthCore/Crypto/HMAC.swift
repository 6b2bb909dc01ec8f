import COpenSSL

/// HMAC (RFC 2104) over a SHA-family hash function.
///
/// ```swift
/// let tag = HMAC.authenticationCode(for: message, key: key, using: .sha256)
/// ```
///
/// For many MACs under the same key, use ``HMACKey``: it sets the key up once.
public enum HMAC {
    /// The HMAC of `message` under `key`.
    public static func authenticationCode(
        for message: [UInt8], key: [UInt8], using hash: HashFunction
    ) -> [UInt8] {
        HMACKey(key, hash: hash).authenticationCode(for: message)
    }
}

/// An HMAC key with its inner and outer pads precomputed, reusable from any thread.
///
/// Precomputing the pads makes each MAC two hash compressions on the message plus two for the pads,
/// with no per-call algorithm fetch or key setup.
public struct HMACKey: Sendable {
    /// The hash function this key is used with.
    public let hash: HashFunction
    private let innerPad: [UInt8]
    private let outerPad: [UInt8]

    /// Prepares `key` for HMAC with `hash`. Keys longer than the block are hashed first (RFC 2104 §2).
    public init(_ key: [UInt8], hash: HashFunction) {
        self.hash = hash
        var block = key.count > hash.blockLength ? hash.digest(key) : key
        block += [UInt8](repeating: 0, count: hash.blockLength - block.count)
        innerPad = block.map { $0 ^ 0x36 }
        outerPad = block.map { $0 ^ 0x5c }
    }

    /// The HMAC of `message`.
    public func authenticationCode(for message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { authenticationCode(for: $0) }
    }

    /// The HMAC of the bytes in `message`.
    public func authenticationCode(for message: UnsafeRawBufferPointer) -> [UInt8] {
        let md = hash.evpMD
        var output = [UInt8](repeating: 0, count: hash.digestLength)
        let ok: Bool = output.withUnsafeMutableBytes { out in
            guard let ctx = EVP_MD_CTX_new() else { return false }
            defer { EVP_MD_CTX_free(ctx) }
            var length: UInt32 = 0
            return innerPad.withUnsafeBytes { ipad in
                outerPad.withUnsafeBytes { opad in
                    EVP_DigestInit_ex2(ctx, md, nil) == 1
                        && EVP_DigestUpdate(ctx, ipad.baseAddress, ipad.count) == 1
                        && EVP_DigestUpdate(ctx, message.baseAddress, message.count) == 1
                        && EVP_DigestFinal_ex(ctx, out.baseAddress, &length) == 1
                        && EVP_DigestInit_ex2(ctx, md, nil) == 1
                        && EVP_DigestUpdate(ctx, opad.baseAddress, opad.count) == 1
                        && EVP_DigestUpdate(ctx, out.baseAddress, out.count) == 1
                        && EVP_DigestFinal_ex(ctx, out.baseAddress, &length) == 1
                }
            }
        }
        precondition(ok, "HMAC computation failed: \(LibCrypto.lastError())")
        return output
    }
}
