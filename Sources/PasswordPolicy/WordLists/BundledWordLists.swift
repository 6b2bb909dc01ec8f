import Foundation

/// The bundled frequency lists (`Resources/WordLists`), loaded into one ``RankedWordTable`` the first
/// time anything asks, once per process.
///
/// `static let` initialization runs exactly once and is thread-safe (Swift's lazy globals use
/// `swift_once`), so concurrent first callers wait for one load and then share the immutable table.
/// A failed load is remembered as its error: the resource will not appear later in the same process.
enum BundledWordLists {
    /// The table, or why it could not be loaded.
    static let shared: Result<RankedWordTable, PasswordPolicyError> = Result { () throws(PasswordPolicyError) in
        try load(from: Bundle.module)
    }

    /// The loaded table.
    static func table() throws(PasswordPolicyError) -> RankedWordTable {
        try shared.get()
    }

    /// Reads every bundled list from `bundle`. The files hold entries already folded by the generator
    /// script, one per line, most common first.
    static func load(from bundle: Bundle) throws(PasswordPolicyError) -> RankedWordTable {
        var files: [(FrequencyList, Data)] = []
        for list in FrequencyList.bundled {
            guard
                let url = bundle.url(forResource: list.resourceName, withExtension: "txt", subdirectory: "WordLists")
            else {
                throw PasswordPolicyError(.wordListUnreadable, "bundled word list \(list.resourceName).txt is missing")
            }
            do {
                files.append((list, try Data(contentsOf: url)))
            } catch {
                throw PasswordPolicyError(.wordListUnreadable, "bundled word list \(list.resourceName).txt: \(error)")
            }
        }
        var capacity = 0
        for (_, data) in files {
            capacity += data.withUnsafeBytes { WordListLines.countUpperBound(in: $0.bindMemory(to: UInt8.self)) }
        }
        guard capacity <= RankedWordTable.maximumRank else {
            throw PasswordPolicyError(.wordListMalformed, "the bundled word lists have too many entries")
        }
        var builder = RankedWordTable.Builder(capacity: capacity, prefixes: true)
        for (list, data) in files {
            data.withUnsafeBytes { raw in
                var rank = 0
                WordListLines.forEach(in: raw.bindMemory(to: UInt8.self)) { line in
                    rank += 1
                    builder.insert(line, list: list.rawValue, rank: rank)
                }
            }
        }
        return builder.build()
    }
}
