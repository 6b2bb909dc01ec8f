import AuthCore
import Foundation
import SessionTokens
import Testing

@Suite("SessionID")
struct SessionIDTests {
    @Test("generated ids are 22 Base64URL characters, distinct, and read back equal")
    func generated() {
        let ids = (0..<1_000).map { _ in SessionID.generate() }
        #expect(Set(ids).count == 1_000)
        for id in ids {
            #expect(id.rawValue.utf8.count == 22)
            #expect(id.rawValue.allSatisfy { $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" })
            let read = SessionID(rawValue: id.rawValue)
            #expect(read == id)
            #expect(read.hashValue == id.hashValue)
            #expect(read.rawValue == id.rawValue)
        }
    }

    // RFC 4648 §5 alphabet; the bytes 0x00...0x0F and 0xFF x 16 spelled by hand from it.
    @Test(
        "the 16-byte form spells its bytes in Base64URL",
        arguments: [
            "AAECAwQFBgcICQoLDA0ODw",
            "_____________________w",
            "AAAAAAAAAAAAAAAAAAAAAA",
            "-_-_-_-_-_-_-_-_-_-_-w",
        ])
    func canonical(text: String) throws {
        let id = SessionID(rawValue: text)
        #expect(id.rawValue == text)
        #expect(id.description == text)
        #expect(try Base64URL.decode(text).count == 16)
        #expect(Base64URL.encode(try Base64URL.decode(text)) == text)
    }

    @Test(
        "every other text is kept byte for byte",
        arguments: [
            "", "a", "session-1", "AAECAwQFBgcICQoLDA0OD",  // 21 symbols
            "AAECAwQFBgcICQoLDA0ODwA",  // 23 symbols
            "AAECAwQFBgcICQoLDA0ODx",  // non-zero unused bits: decodes, but is not the canonical text
            "AAECAwQFBgcICQoLDA0OD=", "AAECAwQFBgcICQoLDA0OD+", "AAECAwQFBgcICQoLDA0OD/",
            "AAECAwQFBgcICQoLDA0O\u{E9}", "session-caf\u{E9}", "session-cafe\u{301}",
        ])
    func otherText(text: String) {
        let id = SessionID(rawValue: text)
        #expect(Array(id.rawValue.utf8) == Array(text.utf8))
    }

    @Test("ids compare by exact bytes: a near-canonical text never equals the canonical one")
    func equality() {
        let canonical = SessionID(rawValue: "AAECAwQFBgcICQoLDA0ODw")
        #expect(canonical != SessionID(rawValue: "AAECAwQFBgcICQoLDA0ODx"))
        #expect(canonical != SessionID(rawValue: "AAECAwQFBgcICQoLDA0ODw=="))
        #expect(canonical == SessionID(rawValue: String("AAECAwQFBgcICQoLDA0ODw")))
        #expect(SessionID(rawValue: "caf\u{E9}") != SessionID(rawValue: "cafe\u{301}"))
        #expect(Set([SessionID(rawValue: "caf\u{E9}"), SessionID(rawValue: "cafe\u{301}")]).count == 2)
    }

    @Test("JSON is a plain string for both kinds of id, as for every other identifier")
    func codable() throws {
        for id in [SessionID.generate(), SessionID(rawValue: "family-caf\u{E9}")] {
            let data = try JSONEncoder().encode([id])
            let object = try #require(JSONSerialization.jsonObject(with: data) as? [String])
            #expect(object == [id.rawValue])
            #expect(try JSONDecoder().decode([SessionID].self, from: data) == [id])
            let single = try JSONEncoder().encode(id)
            #expect(try JSONDecoder().decode(SessionID.self, from: single) == id)
        }
    }
}

@Suite("RefreshFamilyID")
struct RefreshFamilyIDTests {
    @Test("generated ids have SessionID's format, are distinct, and read back equal")
    func generated() {
        let ids = (0..<1_000).map { _ in RefreshFamilyID.generate() }
        #expect(Set(ids).count == 1_000)
        for id in ids {
            #expect(id.rawValue.utf8.count == 22)
            #expect(SessionID(rawValue: id.rawValue).rawValue == id.rawValue, "the same text format as a session id")
            let read = RefreshFamilyID(rawValue: id.rawValue)
            #expect(read == id)
            #expect(read.hashValue == id.hashValue)
        }
    }

    @Test("ids compare byte for byte and encode as a plain string")
    func exactAndCodable() throws {
        let (composed, decomposed) = (RefreshFamilyID(rawValue: "caf\u{E9}"), RefreshFamilyID(rawValue: "cafe\u{301}"))
        #expect(composed != decomposed)
        let id = RefreshFamilyID.generate()
        let json = try JSONEncoder().encode(id)
        #expect(String(decoding: json, as: UTF8.self) == "\"\(id.rawValue)\"")
        #expect(try JSONDecoder().decode(RefreshFamilyID.self, from: json) == id)
    }
}
