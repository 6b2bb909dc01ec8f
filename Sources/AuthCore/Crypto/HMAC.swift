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
/// The hash states after absorbing each pad are computed once, so each MAC costs the compressions of
/// the message and of the inner digest only (two for a short message with SHA-1 or SHA-256), with no
/// per-call key setup, algorithm fetch or allocation beyond the returned array.
///
/// The pad states are key material: anyone who reads them computes every MAC under the key. The key
/// therefore prints as `HMACKey(SHA1, <redacted>)` everywhere, `dump` and `Mirror` included.
public struct HMACKey: Sendable, Redacting {
    /// The hash function this key is used with.
    public let hash: HashFunction
    /// The hash state after absorbing the key XOR ipad (RFC 2104 §2, step 1-3).
    private let inner: DigestState
    /// The hash state after absorbing the key XOR opad (RFC 2104 §2, step 5-6).
    private let outer: DigestState

    /// Prepares `key` for HMAC with `hash`. Keys longer than the block are hashed first (RFC 2104 §2).
    public init(_ key: [UInt8], hash: HashFunction) {
        self.hash = hash
        // The padded key lives in a stack buffer, so preparing a key (once per TOTP verification when
        // a caller passes the secret) allocates nothing; it is zeroed before the buffer is released.
        (inner, outer) = withUnsafeTemporaryAllocation(byteCount: hash.blockLength, alignment: 8) { block in
            block.initializeMemory(as: UInt8.self, repeating: 0)
            if key.count > hash.blockLength {
                key.withUnsafeBytes { hash.digest($0, into: block) }
            } else {
                block.copyBytes(from: key)
            }
            for index in block.indices { block[index] ^= 0x36 }
            let inner = DigestState(hash, absorbing: UnsafeRawBufferPointer(block))
            // (k ^ 0x36) ^ (0x36 ^ 0x5c) = k ^ 0x5c.
            for index in block.indices { block[index] ^= 0x36 ^ 0x5c }
            let outer = DigestState(hash, absorbing: UnsafeRawBufferPointer(block))
            block.initializeMemory(as: UInt8.self, repeating: 0)
            return (inner, outer)
        }
    }

    /// Shows the hash function only.
    public var redactedDescription: String { "HMACKey(\(hash), <redacted>)" }

    /// The chaining words of both pad states, for tests that prove no printout carries them.
    package var padStateWords: [UInt64] { inner.chainingWords + outer.chainingWords }

    /// The HMAC of `message`.
    public func authenticationCode(for message: [UInt8]) -> [UInt8] {
        message.withUnsafeBytes { authenticationCode(for: $0) }
    }

    /// The HMAC of the bytes in `message`.
    public func authenticationCode(for message: UnsafeRawBufferPointer) -> [UInt8] {
        [UInt8](unsafeUninitializedCapacity: hash.digestLength) { buffer, initialized in
            authenticationCode(for: message, into: UnsafeMutableRawBufferPointer(buffer))
            initialized = hash.digestLength
        }
    }

    /// Writes the HMAC of `message` to the first ``HashFunction/digestLength`` bytes of `output`,
    /// allocating nothing.
    package func authenticationCode(for message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= hash.digestLength, "HMAC output buffer too small")
        // The inner digest goes to `output` first, then is hashed under the outer pad into the same bytes.
        inner.digest(continuingWith: message, into: output)
        outer.digest(continuingWith: UnsafeRawBufferPointer(rebasing: output[..<hash.digestLength]), into: output)
    }
}
