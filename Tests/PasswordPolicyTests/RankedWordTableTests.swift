import Foundation
import Testing

@testable import PasswordPolicy

@Suite("RankedWordTable")
struct RankedWordTableTests {
    @Test("a word keeps its first rank per list and is reported in every list that holds it")
    func builder() {
        var builder = RankedWordTable.Builder(capacity: 4)
        let first = builder.insert(Array("dragon".utf8), list: 0, rank: 7)
        let again = builder.insert(Array("dragon".utf8), list: 0, rank: 9)
        let otherList = builder.insert(Array("dragon".utf8), list: 3, rank: 2)
        #expect(first && !again && otherList)
        let table = builder.build()
        #expect(table.entryCount == 2)
        var found: [Int: Int] = [:]
        table.forEachRank(ofHash: WordHash.of("dragon".utf8)) { found[$0] = $1 }
        #expect(found == [0: 7, 3: 2])
        #expect(table.rank(of: "dragons".utf8, in: 0) == nil)
    }

    /// The Bloom filters may only err towards "maybe": a bundled entry must always be found, and every
    /// prefix of it must pass the prefix filter, or the estimator would stop extending too early.
    @Test("every sampled bundled entry is found at its rank, and all its prefixes pass the prefix filter")
    func bundledEntries() throws {
        let table = try BundledWordLists.table()
        let folder = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appending(path: "Sources/PasswordPolicy/Resources/WordLists")
        var checked = 0
        for list in FrequencyList.bundled {
            let text = try String(contentsOf: folder.appending(path: list.resourceName + ".txt"), encoding: .utf8)
            for (index, word) in text.split(separator: "\n").enumerated() where index % 37 == 0 {
                let bytes = Array(word.utf8)
                #expect(table.rank(of: bytes, in: list.rawValue) == index + 1, "\(list.resourceName) line \(index + 1)")
                var hash = WordHash()
                for byte in bytes {
                    hash.append(byte)
                    #expect(table.mayBePrefix(hash: hash.value))
                }
                checked += 1
            }
        }
        #expect(checked > 4_000)
    }

    @Test("random strings are not mistaken for entries (fingerprints are 40 bits)")
    func noFalsePositives() throws {
        let table = try BundledWordLists.table()
        var generator = SystemRandomNumberGenerator()
        var found = 0
        for _ in 0..<20_000 {
            let word = (0..<16).map { _ in UInt8.random(in: 0x21...0x7E, using: &generator) }
            for list in 0..<FrequencyList.bundled.count where table.rank(of: word, in: list) != nil { found += 1 }
        }
        #expect(found == 0)
    }
}
