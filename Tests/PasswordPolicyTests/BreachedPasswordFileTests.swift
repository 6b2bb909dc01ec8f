import Foundation
import PasswordPolicy
import Testing

@Suite("BreachedPasswordFile")
struct BreachedPasswordFileTests {
    @Test("entries are ranked by line, folded, and the first of equal entries keeps its rank")
    func ranksAndFolding() async throws {
        let list = try BreachedPasswordFile(
            bytes: Array("Hunter2\r\n\nacme2026\r\nHUNTER2\nＳｅｃｒｅｔ\n\u{00C5}ngstr\u{00F6}m".utf8), source: "app list")
        #expect(list.entryCount == 4)
        #expect(try await list.match("hunter2") == BreachedPasswordMatch(source: "app list", rank: 1))
        #expect(list.rank(of: "ACME2026") == 2)
        #expect(list.rank(of: "secret") == 4)
        // "Å" as A + combining ring (NFD) folds like the precomposed entry.
        #expect(list.rank(of: "A\u{030A}NGSTRÖM") == 5)
        #expect(list.rank(of: "hunter3") == nil)
    }

    @Test("a file on disk is read, and named after its file by default")
    func readsFile() async throws {
        let url = FileManager.default.temporaryDirectory.appending(path: "crmauth-banned-\(UUID().uuidString).txt")
        try Data("acme\nwidgets\n".utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let list = try BreachedPasswordFile(contentsOf: url)
        #expect(try await list.match("Widgets") == BreachedPasswordMatch(source: url.lastPathComponent, rank: 2))
        #expect(list.tableByteCount == (16 + 2) * 8)  // 16 slots, a 2-word filter
    }

    @Test("a missing file or a folder is unreadable")
    func unreadable() {
        let missing = FileManager.default.temporaryDirectory.appending(path: "crmauth-no-such-\(UUID().uuidString).txt")
        #expect(throws: PasswordPolicyError.wordListUnreadable) { try BreachedPasswordFile(contentsOf: missing) }
        #expect(throws: PasswordPolicyError.wordListUnreadable) {
            try BreachedPasswordFile(contentsOf: FileManager.default.temporaryDirectory)
        }
    }

    @Test(
        "malformed contents are refused",
        arguments: [
            ("invalid UTF-8", [0x61, 0x62, 0x0A, 0xFF, 0xFE, 0x0A]),
            ("truncated UTF-8", Array("abc\n".utf8) + [0xC3]),
            ("a line over 1024 bytes", Array("ok\n".utf8) + [UInt8](repeating: 0x61, count: 1025)),
            ("an empty file", []),
            ("blank lines only", Array("\n\r\n\n".utf8)),
        ] as [(String, [UInt8])])
    func malformed(name: String, bytes: [UInt8]) {
        #expect(throws: PasswordPolicyError.wordListMalformed) { try BreachedPasswordFile(bytes: bytes, source: name) }
    }

    @Test("a line of exactly 1024 bytes is accepted")
    func longestLine() throws {
        let line = [UInt8](repeating: 0x62, count: BreachedPasswordFile.maximumEntryBytes)
        let list = try BreachedPasswordFile(bytes: line, source: "long")
        #expect(list.rank(of: String(repeating: "B", count: 1024)) == 1)
    }

    @Test("a file larger than the bound is refused before it is parsed")
    func tooLarge() {
        let bytes = [UInt8](repeating: 0x0A, count: BreachedPasswordFile.maximumFileBytes + 1)
        #expect(throws: PasswordPolicyError.wordListMalformed) {
            try BreachedPasswordFile(bytes: bytes, source: "huge")
        }
    }
}
