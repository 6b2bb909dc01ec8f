import COpenSSL

/// A hash computation in progress, held as a plain value: copying it forks the computation.
///
/// Backed by libcrypto's SHA-1/SHA-2 block functions over a context this value owns, so hashing
/// allocates nothing and skips EVP's provider dispatch (EVP_Digest allocates two contexts per call).
/// ``HMACKey`` keeps two of these with its pads already absorbed, so each MAC starts two compressions
/// in. OpenSSL 3 marks these functions deprecated in favour of EVP yet still ships them, running the
/// same assembly (SHA-NI where the CPU has it); shim.h explains the macro that allows them.
///
/// ```swift
/// let state = DigestState(.sha256, absorbing: prefix)
/// state.digest(continuingWith: message, into: output)   // output.count >= 32; `state` is unchanged
/// ```
///
/// After absorbing an HMAC pad the state is key material (it computes every MAC under the key), so
/// it prints as `DigestState(SHA256, <redacted>)` everywhere, `dump` and `Mirror` included.
package struct DigestState: Sendable, Redacting {
    private enum Context: Sendable {
        case sha1(SHA_CTX)
        case sha256(SHA256_CTX)
        case sha512(SHA512_CTX)
    }

    /// The hash function being computed.
    package let hash: HashFunction
    private let context: Context

    /// A computation of `hash` that has absorbed `bytes`.
    package init(_ hash: HashFunction, absorbing bytes: UnsafeRawBufferPointer) {
        self.hash = hash
        // The Init and Update functions only fail on a null context.
        switch hash {
        case .sha1:
            var context = SHA_CTX()
            _ = SHA1_Init(&context)
            _ = SHA1_Update(&context, bytes.baseAddress, bytes.count)
            self.context = .sha1(context)
        case .sha256:
            var context = SHA256_CTX()
            _ = SHA256_Init(&context)
            _ = SHA256_Update(&context, bytes.baseAddress, bytes.count)
            self.context = .sha256(context)
        case .sha512:
            var context = SHA512_CTX()
            _ = SHA512_Init(&context)
            _ = SHA512_Update(&context, bytes.baseAddress, bytes.count)
            self.context = .sha512(context)
        }
    }

    /// Writes the digest of everything absorbed so far followed by `message` to the first
    /// ``HashFunction/digestLength`` bytes of `output`, leaving this state as it was.
    ///
    /// `message` may overlap `output`: it is read in full before the digest is written.
    package func digest(continuingWith message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer) {
        precondition(output.count >= hash.digestLength, "digest output buffer too small")
        let out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
        // Binding the payload copies the context once; the work happens on that copy.
        switch context {
        case .sha1(var context):
            _ = SHA1_Update(&context, message.baseAddress, message.count)
            _ = SHA1_Final(out, &context)
        case .sha256(var context):
            _ = SHA256_Update(&context, message.baseAddress, message.count)
            _ = SHA256_Final(out, &context)
        case .sha512(var context):
            _ = SHA512_Update(&context, message.baseAddress, message.count)
            _ = SHA512_Final(out, &context)
        }
    }

    /// Shows the hash function only.
    package var redactedDescription: String { "DigestState(\(hash), <redacted>)" }

    /// The chaining words (h0, h1, ...) of the state, for tests that prove no printout carries them.
    package var chainingWords: [UInt64] {
        switch context {
        case .sha1(let c): [c.h0, c.h1, c.h2, c.h3, c.h4].map(UInt64.init)
        case .sha256(let c): withUnsafeBytes(of: c.h) { Array($0.bindMemory(to: UInt32.self)).map(UInt64.init) }
        case .sha512(let c): withUnsafeBytes(of: c.h) { Array($0.bindMemory(to: UInt64.self)) }
        }
    }

    /// Writes the `hash` digest of `message` to the first ``HashFunction/digestLength`` bytes of `output`.
    package static func digest(
        _ hash: HashFunction, of message: UnsafeRawBufferPointer, into output: UnsafeMutableRawBufferPointer
    ) {
        precondition(output.count >= hash.digestLength, "digest output buffer too small")
        let out = output.baseAddress!.assumingMemoryBound(to: UInt8.self)
        switch hash {
        case .sha1:
            var context = SHA_CTX()
            _ = SHA1_Init(&context)
            _ = SHA1_Update(&context, message.baseAddress, message.count)
            _ = SHA1_Final(out, &context)
        case .sha256:
            var context = SHA256_CTX()
            _ = SHA256_Init(&context)
            _ = SHA256_Update(&context, message.baseAddress, message.count)
            _ = SHA256_Final(out, &context)
        case .sha512:
            var context = SHA512_CTX()
            _ = SHA512_Init(&context)
            _ = SHA512_Update(&context, message.baseAddress, message.count)
            _ = SHA512_Final(out, &context)
        }
    }
}
