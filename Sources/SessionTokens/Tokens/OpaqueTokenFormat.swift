import AuthCore

/// The text format shared by this module's bearer tokens: prefix + Base64URL(32 random bytes) +
/// 6-character checksum (Base64URL of the first 4 bytes of SHA-256 over prefix and body).
struct OpaqueTokenFormat: Sendable {
    /// The recognisable prefix, e.g. `crm_s_`.
    let prefix: String
    /// Random bytes per token (NIST SP 800-63B rev. 4 asks for at least 64 bits; we use 256).
    static let randomByteCount = 32
    static let bodyLength = 43
    static let checksumLength = 6

    /// Total characters of a well-formed token.
    var length: Int { prefix.utf8.count + Self.bodyLength + Self.checksumLength }

    /// A new token text from the secure random source.
    func generate() -> String {
        let body = Base64URL.encode(SecureRandom.bytes(count: Self.randomByteCount))
        return prefix + body + checksum(ofBody: body)
    }

    /// `text` as a String if it is well formed: prefix, length, alphabet, checksum, canonical body.
    func validate(_ text: some StringProtocol) throws(SessionTokenError) -> String {
        // Check the length before copying, so an oversized header costs no allocation.
        let count = text.utf8.count
        guard count == length else {
            throw SessionTokenError(.malformed, "expected \(length) characters, got \(count)")
        }
        let utf8 = Array(text.utf8)
        let prefixBytes = Array(prefix.utf8)
        guard Array(utf8[0..<prefixBytes.count]) == prefixBytes else {
            throw SessionTokenError(.malformed, "missing the \(prefix) prefix")
        }
        guard utf8[prefixBytes.count...].allSatisfy(Self.isBase64URL) else {
            throw SessionTokenError(.malformed, "character outside the Base64URL alphabet")
        }
        let bodyEnd = prefixBytes.count + Self.bodyLength
        let body = String(decoding: utf8[prefixBytes.count..<bodyEnd], as: UTF8.self)
        guard ConstantTime.equals(Array(utf8[bodyEnd...]), Array(checksum(ofBody: body).utf8)) else {
            throw SessionTokenError(.malformed, "checksum mismatch")
        }
        // 43 characters carry 258 bits; the last 2 must be zero for the text to be canonical.
        guard (try? Base64URL.decode(body)).map({ Base64URL.encode($0) == body }) == true else {
            throw SessionTokenError(.malformed, "non-canonical Base64URL body")
        }
        return String(decoding: utf8, as: UTF8.self)
    }

    private func checksum(ofBody body: String) -> String {
        Base64URL.encode(HashFunction.sha256.digest(prefix + body).prefix(4))
    }

    private static func isBase64URL(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "-"), UInt8(ascii: "_"):
            true
        default: false
        }
    }
}
