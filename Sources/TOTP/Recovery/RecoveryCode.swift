public import AuthCore

/// A single-use recovery code, shown to the user once, when generated.
///
/// 80 random bits (over the 64 the issue requires) written as 16 characters of Crockford's Base32
/// alphabet, which has no I, L, O or U, grouped as `xxxx-xxxx-xxxx-xxxx` in lower case. NIST
/// SP 800-63B §5.1.2 calls these look-up secrets.
///
/// ```swift
/// let codes = RecoveryCode.generate()            // 10 codes
/// print(codes[0].revealedText)                   // "7k2m-q9xa-3tdr-hw0e"
/// try await store.replaceCodes(userID: id, digests: codes.map(\.digest))
/// ```
public struct RecoveryCode: Sendable, Redacting {
    /// Crockford's Base32 alphabet: digits and upper-case letters without I, L, O and U.
    static let alphabet = Array("0123456789ABCDEFGHJKMNPQRSTVWXYZ".utf8)
    /// Characters per code (5 bits each: 80 bits).
    static let length = 16
    /// The longest typed text considered, so hostile input costs nothing.
    static let maximumTypedLength = 64

    /// The default number of codes per user.
    public static let defaultCount = 10
    /// The most codes generated at once.
    public static let maximumCount = 100

    private let text: Secret<String>

    /// The grouped, lower-case code to show the user once; never log it.
    public var revealedText: String { text.revealed }

    /// The digest to store in place of the code.
    public let digest: RecoveryCodeDigest

    /// `count` fresh random codes.
    ///
    /// - Throws: ``TOTPError/parameterOutOfRange`` unless `count` is in 1...``maximumCount``.
    public static func generate(count: Int = defaultCount) throws(TOTPError) -> [RecoveryCode] {
        guard (1...maximumCount).contains(count) else {
            throw TOTPError(.parameterOutOfRange, "recovery code count must be 1...\(maximumCount)")
        }
        return (0..<count).map { _ in RecoveryCode(randomBytes: SecureRandom.bytes(count: length * 5 / 8)) }
    }

    private init(randomBytes: [UInt8]) {
        let symbols = Base32.symbols(of: randomBytes, alphabet: Self.alphabet)
        let canonical = String(decoding: symbols, as: UTF8.self)
        var grouped = [UInt8]()
        for (index, symbol) in symbols.enumerated() {
            if index > 0, index % 4 == 0 { grouped.append(0x2d) }
            grouped.append(symbol | (symbol >= 0x41 ? 0x20 : 0))  // lower-case letters
        }
        text = Secret(String(decoding: grouped, as: UTF8.self))
        digest = RecoveryCodeDigest(canonicalDigestOf: canonical)
    }

    /// The canonical upper-case form of a typed code, or `nil` if it is not one.
    static func normalize(_ typed: String) -> String? {
        guard typed.utf8.count <= maximumTypedLength else { return nil }
        var symbols = [UInt8]()
        for byte in typed.utf8 where byte != 0x20 && byte != 0x2d {
            var upper = (0x61...0x7a).contains(byte) ? byte - 0x20 : byte
            switch upper {
            case UInt8(ascii: "O"): upper = UInt8(ascii: "0")
            case UInt8(ascii: "I"), UInt8(ascii: "L"): upper = UInt8(ascii: "1")
            default: break
            }
            guard alphabet.contains(upper) else { return nil }
            symbols.append(upper)
        }
        guard symbols.count == length else { return nil }
        return String(decoding: symbols, as: UTF8.self)
    }

    /// Always `RecoveryCode(<redacted>)`, in `dump` and `Mirror` too.
    public var redactedDescription: String { "RecoveryCode(<redacted>)" }
}

extension RecoveryCodeDigest {
    /// The digest of an already canonical code.
    init(canonicalDigestOf canonical: String) {
        // A SHA-256 digest is always 32 bytes.
        self = try! RecoveryCodeDigest(bytes: HashFunction.sha256.digest(canonical))
    }
}
