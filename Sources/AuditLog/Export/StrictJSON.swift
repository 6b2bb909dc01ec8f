/// A JSON reader for one export line, stricter than JSON: objects, strings and integers only (no
/// arrays, fractions, exponents, `true`, `false` or `null`), integers within ±2^53, no duplicate keys,
/// no lone surrogate escapes, valid UTF-8, at most three levels of nesting.
///
/// Anything else is an error, so two verifiers in two languages read an export the same way
/// (Documentation/AuditLog.md, "Export").
enum StrictJSON: Sendable, Equatable {
    case object([String: StrictJSON])
    case string(String)
    case integer(Int64)

    static func parse(_ bytes: ArraySlice<UInt8>) throws(AuditError) -> [String: StrictJSON] {
        var reader = Reader(bytes: bytes)
        reader.skipWhitespace()
        let value = try reader.value(depth: 1)
        reader.skipWhitespace()
        guard reader.index == bytes.endIndex else { throw reader.failure("text after the object") }
        guard case .object(let object) = value else { throw reader.failure("a line is one JSON object") }
        return object
    }

    private struct Reader {
        let bytes: ArraySlice<UInt8>
        var index: Int

        init(bytes: ArraySlice<UInt8>) {
            self.bytes = bytes
            index = bytes.startIndex
        }

        func failure(_ what: String) -> AuditError {
            AuditError(.malformedExport, "\(what) (byte \(index - bytes.startIndex) of the line)")
        }

        mutating func skipWhitespace() {
            while index < bytes.endIndex, [0x20, 0x09, 0x0d].contains(bytes[index]) { index += 1 }
        }

        mutating func expect(_ byte: UInt8) throws(AuditError) {
            guard index < bytes.endIndex, bytes[index] == byte else {
                throw failure("expected \"\(Character(Unicode.Scalar(byte)))\"")
            }
            index += 1
        }

        mutating func value(depth: Int) throws(AuditError) -> StrictJSON {
            guard index < bytes.endIndex else { throw failure("the line ends early") }
            switch bytes[index] {
            case UInt8(ascii: "{"):
                guard depth <= 3 else { throw failure("objects nest at most three deep") }
                return .object(try object(depth: depth))
            case UInt8(ascii: "\""): return .string(try string())
            case UInt8(ascii: "-"), 0x30...0x39: return .integer(try integer())
            default: throw failure("only objects, strings and integers are allowed")
            }
        }

        mutating func object(depth: Int) throws(AuditError) -> [String: StrictJSON] {
            try expect(UInt8(ascii: "{"))
            var members: [String: StrictJSON] = [:]
            skipWhitespace()
            if index < bytes.endIndex, bytes[index] == UInt8(ascii: "}") {
                index += 1
                return members
            }
            while true {
                skipWhitespace()
                let key = try string()
                skipWhitespace()
                try expect(UInt8(ascii: ":"))
                skipWhitespace()
                let member = try value(depth: depth + 1)
                guard members.updateValue(member, forKey: key) == nil else { throw failure("a repeated key") }
                skipWhitespace()
                guard index < bytes.endIndex else { throw failure("the line ends inside an object") }
                if bytes[index] == UInt8(ascii: ",") {
                    index += 1
                    continue
                }
                try expect(UInt8(ascii: "}"))
                return members
            }
        }

        mutating func integer() throws(AuditError) -> Int64 {
            let negative = bytes[index] == UInt8(ascii: "-")
            if negative { index += 1 }
            let start = index
            while index < bytes.endIndex, (0x30...0x39).contains(bytes[index]) { index += 1 }
            let digits = bytes[start..<index]
            guard !digits.isEmpty, digits.count <= 16, digits.count == 1 || digits.first != 0x30 else {
                throw failure("an integer is at most 2^53 in magnitude, without leading zeros")
            }
            if index < bytes.endIndex, [UInt8(ascii: "."), UInt8(ascii: "e"), UInt8(ascii: "E")].contains(bytes[index])
            {
                throw failure("numbers are integers")
            }
            let magnitude = digits.reduce(Int64(0)) { $0 * 10 + Int64($1 - 0x30) }
            guard magnitude <= 1 << 53 else { throw failure("an integer is at most 2^53 in magnitude") }
            return negative ? -magnitude : magnitude
        }

        mutating func string() throws(AuditError) -> String {
            try expect(UInt8(ascii: "\""))
            let start = index
            var unescaped: [UInt8]?  // only once an escape occurs; otherwise the slice is the string
            while true {
                guard index < bytes.endIndex else { throw failure("the line ends inside a string") }
                let byte = bytes[index]
                if byte == UInt8(ascii: "\"") {
                    let text =
                        unescaped.map { String(validating: $0, as: UTF8.self) }
                        ?? String(validating: bytes[start..<index], as: UTF8.self)
                    index += 1
                    guard let text else { throw failure("a string is not valid UTF-8") }
                    return text
                }
                guard byte >= 0x20 else { throw failure("a raw control character in a string") }
                if byte != UInt8(ascii: "\\") {
                    unescaped?.append(byte)
                    index += 1
                    continue
                }
                if unescaped == nil { unescaped = Array(bytes[start..<index]) }
                index += 1
                guard index < bytes.endIndex else { throw failure("the line ends inside an escape") }
                let escape = bytes[index]
                index += 1
                switch escape {
                case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): unescaped?.append(escape)
                case UInt8(ascii: "b"): unescaped?.append(0x08)
                case UInt8(ascii: "f"): unescaped?.append(0x0c)
                case UInt8(ascii: "n"): unescaped?.append(0x0a)
                case UInt8(ascii: "r"): unescaped?.append(0x0d)
                case UInt8(ascii: "t"): unescaped?.append(0x09)
                case UInt8(ascii: "u"): unescaped?.append(contentsOf: Array(String(try unicodeEscape()).utf8))
                default: throw failure("an unknown escape")
                }
            }
        }

        mutating func unicodeEscape() throws(AuditError) -> Unicode.Scalar {
            let first = try hexQuad()
            if (0xd800...0xdbff).contains(first) {
                guard index + 1 < bytes.endIndex, bytes[index] == UInt8(ascii: "\\"),
                    bytes[index + 1] == UInt8(ascii: "u")
                else { throw failure("a lone surrogate escape") }
                index += 2
                let second = try hexQuad()
                guard (0xdc00...0xdfff).contains(second) else { throw failure("a lone surrogate escape") }
                let value = 0x10000 + ((first - 0xd800) << 10) + (second - 0xdc00)
                guard let scalar = Unicode.Scalar(value) else { throw failure("an invalid escape") }
                return scalar
            }
            guard let scalar = Unicode.Scalar(first) else { throw failure("a lone surrogate escape") }
            return scalar
        }

        mutating func hexQuad() throws(AuditError) -> UInt32 {
            guard index + 4 <= bytes.endIndex else { throw failure("a short \\u escape") }
            var value: UInt32 = 0
            for _ in 0..<4 {
                let byte = bytes[index]
                let digit: UInt32
                switch byte {
                case 0x30...0x39: digit = UInt32(byte - 0x30)
                case 0x61...0x66: digit = UInt32(byte - 0x61 + 10)
                case 0x41...0x46: digit = UInt32(byte - 0x41 + 10)
                default: throw failure("a bad \\u escape")
                }
                value = value << 4 | digit
                index += 1
            }
            return value
        }
    }
}
