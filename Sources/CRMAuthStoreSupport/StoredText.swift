import AuthCore
import Foundation

/// A stored text a field refuses ("unknown status").
package struct InvalidStoredValue: Error, CustomStringConvertible {
    package let description: String

    package init(description: String) {
        self.description = description
    }
}

/// The case of `type` whose raw value is `text` byte for byte, or an error.
package func enumValue<T: RawRepresentable & CaseIterable>(_ type: T.Type, _ text: String) throws -> T
where T.RawValue == String {
    guard let value = T.allCases.first(where: { ExactText($0.rawValue) == ExactText(text) }) else {
        throw InvalidStoredValue(description: "unknown \(T.self) '\(text)'")
    }
    return value
}

/// JSON in a text column (lists kept with their owner's row), keys sorted so equal values are equal text.
package enum JSONText {
    package static func encode(_ value: some Encodable) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    package static func decode<T: Decodable>(_ type: T.Type, _ text: String) throws -> T {
        try JSONDecoder().decode(type, from: Data(text.utf8))
    }
}

/// An audit event's metadata as the JSON object kept in `audit_records.metadata`: keys in byte order,
/// values as strings, `{}` when empty, readable with `sqlite3`'s `json_extract` and PostgreSQL's `->>`.
package enum AuditMetadataText {
    /// The JSON text; escapes `"`, `\` and control characters (events refuse control characters, but
    /// the text stays valid JSON whatever it is given).
    package static func encode(_ metadata: [String: String]) -> String {
        guard !metadata.isEmpty else { return "{}" }
        var bytes: [UInt8] = [UInt8(ascii: "{")]
        let entries = metadata.sorted { $0.key.utf8.lexicographicallyPrecedes($1.key.utf8) }
        for (index, (key, value)) in entries.enumerated() {
            if index > 0 { bytes.append(UInt8(ascii: ",")) }
            appendQuoted(key, to: &bytes)
            bytes.append(UInt8(ascii: ":"))
            appendQuoted(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: "}"))
        return String(decoding: bytes, as: UTF8.self)
    }

    /// The metadata the text holds.
    /// - Throws: a decoding error for text that is not one JSON object of strings.
    package static func decode(_ text: String) throws -> [String: String] {
        if text == "{}" { return [:] }
        return try JSONDecoder().decode([String: String].self, from: Data(text.utf8))
    }

    private static func appendQuoted(_ text: String, to bytes: inout [UInt8]) {
        bytes.append(UInt8(ascii: "\""))
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"):
                bytes.append(UInt8(ascii: "\\"))
                bytes.append(byte)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                bytes.append(contentsOf: Array("\\u00".utf8) + [hex[Int(byte >> 4)], hex[Int(byte & 0x0f)]])
            default:
                bytes.append(byte)
            }
        }
        bytes.append(UInt8(ascii: "\""))
    }
}

/// What is wrong with the shape of a stored password hash, or `nil` if it could be one.
///
/// Not a parse (the hasher parses when it verifies, and accepts formats a store need not know): every
/// format a hasher writes or verifies (PHC strings, bcrypt's `$2b$`, Django's `alg$...`, LDAP's
/// `{SSHA}`, the pepper envelope) is printable ASCII without spaces, and one that starts with `$` names
/// its algorithm in a `$id$` field of letters, digits and `-` (PHC ids are lower-case; crypt's
/// `$P$` is not).
package func hashShapeProblem(_ hash: String) -> String? {
    let bytes = Array(hash.utf8)
    guard !bytes.isEmpty else { return "is empty" }
    guard bytes.allSatisfy({ (0x21...0x7E).contains($0) }) else {
        return "holds a byte no stored hash has (only printable ASCII without spaces)"
    }
    if bytes[0] == UInt8(ascii: "$") {
        let id = bytes.dropFirst().prefix { $0 != UInt8(ascii: "$") }
        let isIDByte: (UInt8) -> Bool = {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains($0)
                || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) || $0 == UInt8(ascii: "-")
        }
        guard !id.isEmpty, id.count <= 32, id.allSatisfy(isIDByte), id.count + 1 < bytes.count else {
            return "is not a PHC or crypt string (no $id$ field)"
        }
    }
    return nil
}
