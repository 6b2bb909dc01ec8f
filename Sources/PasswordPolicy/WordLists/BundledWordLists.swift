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
        var files: [(FrequencyList, [UInt8])] = []
        for list in FrequencyList.bundled {
            guard
                let url = bundle.url(forResource: list.resourceName, withExtension: "txt", subdirectory: "WordLists")
            else {
                throw PasswordPolicyError(.wordListUnreadable, "bundled word list \(list.resourceName).txt is missing")
            }
            do {
                files.append((list, [UInt8](try Data(contentsOf: url))))
            } catch {
                throw PasswordPolicyError(.wordListUnreadable, "bundled word list \(list.resourceName).txt: \(error)")
            }
        }
        var capacity = 0
        for (_, data) in files {
            capacity += data.withUnsafeBufferPointer { WordListLines.countUpperBound(in: $0) }
        }
        var builder = RankedWordTable.Builder(capacity: capacity, prefixes: true)
        for (list, data) in files {
            try data.withUnsafeBufferPointer { (bytes) throws(PasswordPolicyError) in
                var rank = 0
                try WordListLines.forEach(in: bytes) { line throws(PasswordPolicyError) in
                    rank += 1
                    guard rank <= RankedWordTable.maximumRank else {
                        throw PasswordPolicyError(.wordListMalformed, "\(list.resourceName).txt has too many entries")
                    }
                    builder.insert(line, list: list.rawValue, rank: rank)
                }
            }
        }
        return builder.build()
    }
}
