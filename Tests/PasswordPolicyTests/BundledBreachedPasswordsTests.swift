import Foundation
import PasswordPolicy
import Testing

@Suite("BundledBreachedPasswords")
struct BundledBreachedPasswordsTests {
    let blocklist = BundledBreachedPasswords()

    @Test(
        "well-known entries are found with their rank in the NCSC list",
        arguments: [
            ("123456", 1), ("123456789", 2), ("qwerty", 3), ("password", 4), ("111111", 5),
        ])
    func knownRanks(password: String, rank: Int) async throws {
        let match = try await blocklist.match(password)
        #expect(match == BreachedPasswordMatch(source: "Pwned Passwords top 100k (NCSC)", rank: rank))
    }

    @Test(
        "case and compatibility variants fold to the entry",
        arguments: [
            "PASSWORD", "Password", "ＰＡＳＳＷＯＲＤ", "ｐａｓｓｗｏｒｄ", "PassWord",
        ])
    func foldedVariants(password: String) throws {
        #expect(try blocklist.rank(of: password) == 4)
    }

    @Test(
        "passwords not on the list are not found",
        arguments: [
            "correct horse battery staple", "Tz9!mQ4#vL2@", "", "pässwörd-mit-umlaut", "👨‍👩‍👧‍👦",
            String(repeating: "x", count: 2000),
        ])
    func notFound(password: String) async throws {
        #expect(try await blocklist.match(password) == nil)
    }

    @Test("the last entry is found with the last rank")
    func lastEntry() throws {
        let lines = try Self.bundledLines()
        #expect(lines.count == 97_851)
        #expect(try blocklist.rank(of: lines[lines.count - 1]) == lines.count)
    }

    /// The generator folded entries with Python's NFKC and lowercase; Swift's folding must agree, or a
    /// non-ASCII entry could not be found. Every non-ASCII entry and every 499th ASCII one is checked.
    @Test("every non-ASCII entry is found at its own rank (Swift and the generator fold alike)")
    func foldingAgreesWithGenerator() throws {
        let lines = try Self.bundledLines()
        var checked = 0
        for (index, line) in lines.enumerated() where !line.utf8.allSatisfy({ $0 < 0x80 }) || index % 499 == 0 {
            #expect(try blocklist.rank(of: line) == index + 1, "line \(index + 1)")
            checked += 1
        }
        #expect(checked > 300)
    }

    @Test("the table of all bundled lists takes 2.75 MiB (slots, entry filter, prefix filter)")
    func footprint() throws {
        try BundledBreachedPasswords.preload()
        #expect(try BundledBreachedPasswords.tableByteCount() == (2 << 20) + (256 << 10) + (512 << 10))
    }

    /// The bundled passwords list read from the source tree.
    static func bundledLines() throws -> [String] {
        let url = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "Sources/PasswordPolicy/Resources/WordLists/passwords.txt")
        return try String(contentsOf: url, encoding: .utf8).split(separator: "\n").map(String.init)
    }
}
