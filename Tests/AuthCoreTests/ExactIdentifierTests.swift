import AuthCore
import Foundation
import Testing

@Suite("UserID and TenantID")
struct ExactIdentifierTests {
    @Test("canonically equivalent spellings are two identifiers, as in a database")
    func byteExactEquality() {
        // `UserID("...")` with a literal is a literal (SE-0213), checked when the program is written.
        let composed = UserID("caf\u{E9}")
        let decomposed = UserID("cafe\u{301}")
        #expect("caf\u{E9}" == "cafe\u{301}")  // Swift's String calls them equal...
        #expect(composed != decomposed)  // ...the identifiers do not.
        #expect(Set([composed, decomposed]).count == 2)
        #expect(UserID("Ada") != UserID("ada"))
        #expect(UserID("ada") == UserID("ada"))
    }

    @Test("ordering is by UTF-8 code units")
    func ordering() throws {
        let ids = try ["b", "B", "a", "\u{E9}", "e\u{301}"].map(UserID.init)
        #expect(ids.sorted().map(\.rawValue) == ["B", "a", "b", "e\u{301}", "\u{E9}"])
    }

    @Test(
        "invalid text is a typed error",
        arguments: [
            "", String(repeating: "x", count: 256), "a\u{0}b", "line\nbreak", "tab\there", "del\u{7F}", "c1\u{85}",
        ])
    func invalid(text: String) {
        #expect(throws: AuthCoreError.invalidIdentifier) { try UserID(text) }
        #expect(throws: AuthCoreError.invalidIdentifier) { try TenantID(text) }
    }

    @Test("255 bytes of UTF-8 are allowed, counted in bytes, not characters")
    func lengthInBytes() throws {
        #expect(try UserID(String(repeating: "x", count: 255)).rawValue.utf8.count == 255)
        #expect(throws: AuthCoreError.invalidIdentifier) { try UserID(String(repeating: "\u{E9}", count: 128)) }
        #expect(try UserID(String(repeating: "\u{E9}", count: 127)).rawValue.count == 127)
    }

    @Test("text is kept as given, spaces, emoji and other scripts included")
    func keptAsGiven() throws {
        for text in [" padded ", "Zoë 👩‍💼", "用户-42", "e\u{301}"] {
            #expect(try UserID(text).rawValue == text)
        }
    }

    @Test("Codable as a plain string, validated when decoded")
    func codable() throws {
        let data = try JSONEncoder().encode([TenantID("acme")])
        #expect(String(decoding: data, as: UTF8.self) == #"["acme"]"#)
        #expect(try JSONDecoder().decode([TenantID].self, from: data) == [TenantID("acme")])
        #expect(throws: DecodingError.self) { try JSONDecoder().decode([UserID].self, from: Data(#"[""]"#.utf8)) }
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([UserID].self, from: Data(#"["a\u0000"]"#.utf8))
        }
    }

    @Test("a literal makes an identifier, and descriptions are the text")
    func literal() {
        let id: UserID = "u1"
        #expect(id.rawValue == "u1")
        #expect("\(id)" == "u1")
    }

    @Test("the byte scan refuses exactly Unicode's control characters (general category Cc)")
    func controlCharactersExactly() {
        // Every scalar of the first planes' busiest part, and a sample of the rest.
        let scalars = Array(0...0x2FFF) + Array(stride(from: 0x3000, through: 0x10_FFFF, by: 0x101))
        for value in scalars {
            guard let scalar = Unicode.Scalar(UInt32(value)) else { continue }
            let isControl = scalar.properties.generalCategory == .control
            let accepted = (try? UserID("a\(Character(scalar))b")) != nil
            #expect(accepted != isControl, "U+\(String(value, radix: 16, uppercase: true))")
        }
    }
}
