public import Foundation
public import PasswordHashing

/// A blocklist read from a file: one password per line, UTF-8, most common first.
///
/// Each line is folded like a password (NFKC, then lowercased); a line's rank is its 1-based position
/// among the non-empty lines, and a password that folds like an earlier line keeps the earlier rank.
/// Line breaks may be `\n` or `\r\n`; empty lines are skipped. The file is read once, when the value is
/// created, into the same compact fingerprint table as the bundled list (8 to 16 bytes per entry);
/// the file's text is not kept.
///
/// Reading is bounded: at most ``maximumFileBytes`` bytes, ``maximumEntryBytes`` per line and
/// ``maximumEntries`` entries, so a wrong path or a corrupt file cannot exhaust memory.
///
/// ```swift
/// let banned = try BreachedPasswordFile(contentsOf: URL(filePath: "/etc/crm/banned.txt"))
/// let match = try await banned.match(candidate)
/// ```
public struct BreachedPasswordFile: BreachedPasswordChecker, NormalizedBreachLookup {
    /// The largest file read: 64 MiB.
    public static let maximumFileBytes = 64 << 20
    /// The longest line accepted, in UTF-8 bytes.
    public static let maximumEntryBytes = 1024
    /// The most entries accepted (ranks are stored in 21 bits).
    public static let maximumEntries = RankedWordTable.maximumRank

    /// The ``BreachedPasswordMatch/source`` of every match.
    public let source: String
    /// The number of distinct folded entries.
    public var entryCount: Int { table.entryCount }
    /// The bytes the in-memory table occupies.
    public var tableByteCount: Int { table.byteCount }

    private let table: RankedWordTable

    /// Reads the list at `url`.
    ///
    /// - Parameters:
    ///   - url: the file: one password per line, UTF-8, most common first.
    ///   - source: the name matches report; the file's name when nil.
    /// - Throws: ``PasswordPolicyError/wordListUnreadable`` when the file cannot be opened or read;
    ///   ``PasswordPolicyError/wordListMalformed`` when it is larger than ``maximumFileBytes``, is not
    ///   UTF-8, has a line longer than ``maximumEntryBytes`` or more than ``maximumEntries`` lines, or
    ///   holds no entry at all.
    public init(contentsOf url: URL, source: String? = nil) throws(PasswordPolicyError) {
        let bytes: Data
        do {
            let handle = try FileHandle(forReadingFrom: url)
            defer { try? handle.close() }
            bytes = try handle.read(upToCount: Self.maximumFileBytes + 1) ?? Data()
        } catch {
            throw PasswordPolicyError(.wordListUnreadable, "\(url.lastPathComponent): \(error.localizedDescription)")
        }
        try self.init(bytes: bytes, source: source ?? url.lastPathComponent)
    }

    /// Reads a list from `bytes` (the contents of such a file).
    ///
    /// - Throws: ``PasswordPolicyError/wordListMalformed`` as for ``init(contentsOf:source:)``.
    public init(bytes: some Collection<UInt8>, source: String) throws(PasswordPolicyError) {
        guard bytes.count <= Self.maximumFileBytes else {
            throw PasswordPolicyError(.wordListMalformed, "\(source) is larger than \(Self.maximumFileBytes) bytes")
        }
        self.source = source
        // Data and arrays are contiguous already: parse them in place rather than copy the file.
        let build = { (buffer: UnsafeBufferPointer<UInt8>) in
            Result { () throws(PasswordPolicyError) in try Self.buildTable(from: buffer, source: source) }
        }
        let built = bytes.withContiguousStorageIfAvailable(build) ?? Array(bytes).withUnsafeBufferPointer(build)
        self.table = try built.get()
    }

    private static func buildTable(
        from bytes: UnsafeBufferPointer<UInt8>, source: String
    ) throws(PasswordPolicyError) -> RankedWordTable {
        guard String(validating: bytes, as: UTF8.self) != nil else {
            throw PasswordPolicyError(.wordListMalformed, "\(source) is not valid UTF-8")
        }
        var builder = RankedWordTable.Builder(
            capacity: min(WordListLines.countUpperBound(in: bytes), maximumEntries))
        var rank = 0
        var line = 0
        try WordListLines.forEach(in: bytes) { entry throws(PasswordPolicyError) in
            line += 1
            guard entry.count <= maximumEntryBytes else {
                throw PasswordPolicyError(
                    .wordListMalformed, "\(source): an entry is longer than \(maximumEntryBytes) bytes")
            }
            rank += 1
            guard rank <= maximumEntries else {
                throw PasswordPolicyError(.wordListMalformed, "\(source) has more than \(maximumEntries) entries")
            }
            if entry.allSatisfy({ $0 < 0x80 }) {
                builder.insert(entry.lazy.map { $0 &- 0x41 < 26 ? $0 | 0x20 : $0 }, list: 0, rank: rank)
            } else {
                let folded = WordListLowercasing.lowercase(String(decoding: entry, as: UTF8.self))
                builder.insert(folded.utf8, list: 0, rank: rank)
            }
        }
        guard builder.entryCount > 0 else {
            throw PasswordPolicyError(.wordListMalformed, "\(source) holds no entries")
        }
        return builder.build()
    }

    /// Looks `password` up after lowercasing it; the match carries its rank in the file.
    public func match(_ password: NormalizedPassword) async throws -> BreachedPasswordMatch? {
        match(normalized: password)
    }

    /// The 1-based rank of `password`'s lowercased form in the file, or nil; synchronous.
    public func rank(of password: NormalizedPassword) -> Int? {
        table.rank(of: WordListLowercasing.lowercaseNormalized(password.revealed).utf8, in: 0)
    }

    /// ``match(_:)`` without the suspension point, for the checker.
    func match(normalized password: NormalizedPassword) -> BreachedPasswordMatch? {
        rank(of: password).map { BreachedPasswordMatch(source: source, rank: $0) }
    }
}
