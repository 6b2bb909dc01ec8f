import AuthCore

/// The text format shared by this module's bearer tokens: prefix + Base64URL(32 random bytes) +
/// 6-character checksum (Base64URL of the first 4 bytes of SHA-256 over prefix and body).
///
/// That one SHA-256 is also the token's digest, the key stores keep: parsing a token hashes it once,
/// and the checksum (a function of the same bytes) adds nothing a digest of the whole text would.
struct OpaqueTokenFormat: Sendable {
    /// The recognisable prefix, e.g. `crm_s_`.
    let prefix: String
    /// The prefix's UTF-8 bytes, compared byte by byte (a String view's generic comparison costs more
    /// than the rest of the format check).
    private let prefixBytes: [UInt8]
    /// Random bytes per token (NIST SP 800-63B rev. 4 asks for at least 64 bits; we use 256).
    static let randomByteCount = 32
    static let bodyLength = 43
    static let checksumLength = 6

    /// A format for tokens that start with `prefix`.
    init(prefix: String) {
        self.prefix = prefix
        prefixBytes = Array(prefix.utf8)
    }

    /// Total characters of a well-formed token.
    var length: Int { prefix.utf8.count + Self.bodyLength + Self.checksumLength }

    /// A new token text from the secure random source, and its digest.
    func generate() -> (text: String, digest: TokenDigest) {
        let prefixAndBody = prefix + Base64URL.encode(SecureRandom.bytes(count: Self.randomByteCount))
        let digest = Array(prefixAndBody.utf8).withUnsafeBytes { TokenDigest(hashing: $0) }
        var checksum = [UInt8](repeating: 0, count: Self.checksumLength)
        checksum.withUnsafeMutableBytes { Self.writeChecksum(of: digest, into: $0) }
        return (prefixAndBody + String(decoding: checksum, as: UTF8.self), digest)
    }

    /// `text` as a String if it is well formed: prefix, length, alphabet, checksum, canonical body.
    ///
    /// The length is checked first, so an oversized header is never copied.
    func validate(_ text: some StringProtocol) throws(SessionTokenError) -> (text: String, digest: TokenDigest) {
        try checkLength(text.utf8.count)
        return try validate(String(text))
    }

    /// `text` and its digest if it is well formed: prefix, length, alphabet, checksum, canonical body.
    ///
    /// Reads the text's UTF-8 bytes in place and allocates nothing for a well-formed native String.
    /// (The generic overload would reach the bytes and return a String through a dynamic cast and
    /// protocol witnesses, which cost more than the checks themselves.)
    func validate(_ text: String) throws(SessionTokenError) -> (text: String, digest: TokenDigest) {
        (text, try digest(ofWellFormed: text))
    }

    /// The digest of `text` if it is well formed (the checks of ``validate(_:)``), without keeping
    /// the text: what validating a request needs.
    func digest(ofWellFormed text: String) throws(SessionTokenError) -> TokenDigest {
        try checkLength(text.utf8.count)
        // A native String lends its bytes in place; any other (bridged) one is copied once.
        let verdict =
            text.utf8.withContiguousStorageIfAvailable { check(UnsafeRawBufferPointer($0)) }
            ?? Array(text.utf8).withUnsafeBytes { check($0) }
        switch verdict {
        case .wellFormed(let digest): return digest
        case .malformed(let reason): throw SessionTokenError(.malformed, reason)
        }
    }

    private enum Verdict {
        case wellFormed(TokenDigest)
        case malformed(String)
    }

    private func checkLength(_ count: Int) throws(SessionTokenError) {
        guard count == length else {
            throw SessionTokenError(.malformed, "expected \(length) characters, got \(count)")
        }
    }

    /// Whether `utf8` (of the right length) is a well-formed token, with its digest, or why not.
    private func check(_ utf8: UnsafeRawBufferPointer) -> Verdict {
        let prefixLength = prefixBytes.count
        var prefixDifference: UInt8 = 0
        for index in 0..<prefixLength { prefixDifference |= prefixBytes[index] ^ utf8[index] }
        guard prefixDifference == 0 else { return .malformed("missing the \(prefix) prefix") }
        guard Self.allBase64URL(UnsafeRawBufferPointer(rebasing: utf8[prefixLength...])) else {
            return .malformed("character outside the Base64URL alphabet")
        }
        let bodyEnd = prefixLength + Self.bodyLength
        let digest = TokenDigest(hashing: UnsafeRawBufferPointer(rebasing: utf8[..<bodyEnd]))
        let checksumMatches = withUnsafeTemporaryAllocation(byteCount: Self.checksumLength, alignment: 1) { expected in
            Self.writeChecksum(of: digest, into: expected)
            return ConstantTime.equals(
                UnsafeRawBufferPointer(rebasing: utf8[bodyEnd...]), UnsafeRawBufferPointer(expected))
        }
        guard checksumMatches else { return .malformed("checksum mismatch") }
        // 43 characters carry 258 bits; the last character's 2 low bits must be zero for the text to
        // be canonical (the only encoding of its 32 bytes).
        guard let last = Base64.url.value(of: utf8[bodyEnd - 1]), last & 0b11 == 0 else {
            return .malformed("non-canonical Base64URL body")
        }
        return .wellFormed(digest)
    }

    /// Writes the 6 checksum characters to `output`: Base64URL of the first 4 bytes of `digest`, the
    /// SHA-256 of prefix and body.
    private static func writeChecksum(of digest: TokenDigest, into output: UnsafeMutableRawBufferPointer) {
        let word = digest.leadingBytes
        // 32 bits make 5 full sextets and 2 bits, padded with zeros to a sixth (RFC 4648 §5).
        let url = Base64.url
        output[0] = url.symbol(Int(word >> 26))
        output[1] = url.symbol(Int(word >> 20 & 63))
        output[2] = url.symbol(Int(word >> 14 & 63))
        output[3] = url.symbol(Int(word >> 8 & 63))
        output[4] = url.symbol(Int(word >> 2 & 63))
        output[5] = url.symbol(Int(word & 3) << 4)
    }

    /// Whether every byte is in the Base64URL alphabet, without a branch per byte (a character-class
    /// switch mispredicts on random text): each byte selects its bit in a 128-bit membership mask.
    ///
    /// (Also tried, none faster in a parse: a 256-entry table; range tests on 8 bytes at a time in a
    /// 64-bit word; `SIMD16<UInt8>` range tests, which Swift did not vectorize, ten times slower.)
    private static func allBase64URL(_ bytes: UnsafeRawBufferPointer) -> Bool {
        // Bits 0-63: "-" (45) and "0"-"9" (48-57). Bits 64-127: "A"-"Z" (65-90), "_" (95), "a"-"z" (97-122).
        let low: UInt64 = 1 << 45 | 0x3FF << 48
        let high: UInt64 = 0x3FF_FFFF << 1 | 1 << 31 | 0x3FF_FFFF << 33
        var valid: UInt64 = 1
        for byte in bytes {
            let mask = byte < 64 ? low : (byte < 128 ? high : 0)
            valid &= mask >> UInt64(byte & 63)
        }
        return valid & 1 == 1
    }
}
