import AuthCore

/// A SHA-256 digest in the chain: a record's hash, or the hash a record links to.
///
/// Shown and exported as 64 lowercase hex digits.
public struct AuditHash: Sendable, Hashable, CustomStringConvertible {
    /// The 32 digest bytes.
    public let bytes: [UInt8]

    /// The predecessor hash of the first record: 32 zero bytes.
    public static let genesis = AuditHash(unchecked: [UInt8](repeating: 0, count: 32))

    /// Wraps 32 digest bytes.
    ///
    /// - Parameter bytes: exactly 32 bytes.
    /// - Throws: ``AuditError/malformedExport`` for any other length.
    public init(bytes: [UInt8]) throws(AuditError) {
        guard bytes.count == 32 else { throw AuditError(.malformedExport, "a SHA-256 hash is 32 bytes") }
        self.bytes = bytes
    }

    /// Parses 64 lowercase hex digits.
    ///
    /// - Parameter hex: the digest in lowercase hex.
    /// - Throws: ``AuditError/malformedExport`` for anything else.
    public init(hex: String) throws(AuditError) {
        guard let bytes = HexText.decode(hex, count: 32) else {
            throw AuditError(.malformedExport, "a hash is 64 lowercase hex digits")
        }
        self.bytes = bytes
    }

    init(unchecked bytes: [UInt8]) { self.bytes = bytes }

    /// The SHA-256 of `message`.
    static func of(_ message: [UInt8]) -> AuditHash { AuditHash(unchecked: HashFunction.sha256.digest(message)) }

    /// 64 lowercase hex digits.
    public var hex: String { HexText.encode(bytes) }

    /// 64 lowercase hex digits.
    public var description: String { hex }
}

/// Lowercase hex, the only form the export accepts (one spelling per value, so nothing re-encodes).
enum HexText {
    static func encode(_ bytes: [UInt8]) -> String {
        var text = [UInt8]()
        text.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            text.append(CanonicalJSON.hexDigits[Int(byte >> 4)])
            text.append(CanonicalJSON.hexDigits[Int(byte & 0x0f)])
        }
        return String(decoding: text, as: UTF8.self)
    }

    static func decode(_ text: String, count: Int) -> [UInt8]? {
        let digits = Array(text.utf8)
        guard digits.count == count * 2 else { return nil }
        var bytes = [UInt8]()
        bytes.reserveCapacity(count)
        var index = 0
        while index < digits.count {
            guard let high = value(digits[index]), let low = value(digits[index + 1]) else { return nil }
            bytes.append(high << 4 | low)
            index += 2
        }
        return bytes
    }

    private static func value(_ digit: UInt8) -> UInt8? {
        switch digit {
        case 0x30...0x39: digit - 0x30
        case 0x61...0x66: digit - 0x61 + 10
        default: nil
        }
    }
}
