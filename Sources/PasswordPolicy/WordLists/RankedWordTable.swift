/// Ranked word lists held as fingerprints in one open-addressing hash table.
///
/// Each entry is one 64-bit slot: a 40-bit fingerprint of the word's ``WordHash``, the list it belongs
/// to (3 bits) and its 1-based rank in that list (21 bits). The words themselves are not kept. A slot's
/// position comes from the hash's low bits and its fingerprint from the top 40, so a lookup of a word
/// that is not in the table is mistaken for one that is only when 40 independent hash bits collide with
/// one of the few slots its probe visits: about `probes × 2⁻⁴⁰` (≈ 3 × 10⁻¹² at the bundled table's
/// load of 0.62, 161,706 entries in 2¹⁸ slots), and behind the entry filter below fewer still: far
/// below any rate that matters for refusing a password or estimating its strength. Two distinct words
/// whose 58 position-and-fingerprint bits coincide would share a rank; among the bundled entries the
/// chance of any such pair is about n²/2⁵⁹ ≈ 5 × 10⁻⁸.
///
/// The table stays at most 80 % full (linear probing), so a miss visits a handful of adjacent slots,
/// usually within one cache line. A word found in several lists occupies one slot per list; the slots
/// sit on the same probe chain, and one lookup reports them all.
///
/// In front of the table sits a blocked Bloom filter (one 64-bit word per lookup, four bits set per
/// entry, about 13 bits per entry): an eighth of the table's size, so it stays in the L2 cache, and it
/// answers most misses (about 97 % of them) without touching the table. The strength estimator looks
/// up hundreds of substrings per password, nearly all of them misses.
///
/// A table built for the strength estimator also keeps a prefix filter: a second blocked Bloom filter
/// holding every prefix of every entry (336,604 distinct prefixes for the bundled lists, about 12 bits
/// each). When a substring is certainly not a prefix of any entry, no longer substring from the same
/// start can be an entry, so the estimator stops extending it; for most starting positions of a
/// password that happens after two to four characters.
struct RankedWordTable: Sendable {
    /// Ranks are stored in 21 bits.
    static let maximumRank = (1 << 21) - 1
    /// Lists are numbered in 3 bits.
    static let maximumLists = 8

    private let slots: [UInt64]
    private let mask: Int
    private let filter: [UInt64]
    private let filterMask: Int
    private let prefixFilter: [UInt64]
    private let prefixFilterMask: Int
    /// How many (word, list) entries the table holds.
    let entryCount: Int
    /// The longest entry in UTF-8 bytes; longer substrings need not be looked up.
    let longestEntryBytes: Int

    /// The bytes the table occupies (its slot array and filter).
    var byteCount: Int { (slots.count + filter.count + prefixFilter.count) * MemoryLayout<UInt64>.stride }

    fileprivate init(slots: [UInt64], prefixFilter: [UInt64], entryCount: Int, longestEntryBytes: Int) {
        self.slots = slots
        self.mask = slots.count - 1
        self.entryCount = entryCount
        self.longestEntryBytes = longestEntryBytes
        var filter = [UInt64](repeating: 0, count: max(slots.count / 8, 1))
        let filterMask = filter.count - 1
        for slot in slots where slot != 0 {
            // Rebuild the filter bits from the fingerprint: bits 24... of the hash, which is all the
            // filter uses.
            let hash = slot & ~0xFF_FFFF
            filter[Self.filterIndex(hash, filterMask)] |= Self.filterBits(hash)
        }
        self.filter = filter
        self.filterMask = filterMask
        self.prefixFilter = prefixFilter
        self.prefixFilterMask = max(prefixFilter.count - 1, 0)
    }

    /// Whether a word whose hash is `hash` may begin some entry (or be one); always true when the table
    /// has no prefix filter.
    @inline(__always)
    func mayBePrefix(hash: UInt64) -> Bool {
        if prefixFilter.isEmpty { return true }
        let bits = Self.filterBits(hash)
        return prefixFilter.withUnsafeBufferPointer { $0[Self.filterIndex(hash, prefixFilterMask)] & bits == bits }
    }

    @inline(__always)
    private static func filterIndex(_ hash: UInt64, _ mask: Int) -> Int {
        Int(truncatingIfNeeded: hash >> 24) & mask
    }

    @inline(__always)
    private static func filterBits(_ hash: UInt64) -> UInt64 {
        1 << ((hash >> 40) & 63) | 1 << ((hash >> 46) & 63) | 1 << ((hash >> 52) & 63) | 1 << ((hash >> 58) & 63)
    }

    /// Whether the word whose hash is `hash` may be in the table (false: certainly not).
    @inline(__always)
    func mayContain(hash: UInt64) -> Bool {
        let bits = Self.filterBits(hash)
        return filter.withUnsafeBufferPointer { $0[Self.filterIndex(hash, filterMask)] & bits == bits }
    }

    /// Calls `body(list, rank)` for every list that holds the word whose ``WordHash`` is `hash`.
    @inline(__always)
    func forEachRank(ofHash hash: UInt64, _ body: (_ list: Int, _ rank: Int) -> Void) {
        guard mayContain(hash: hash) else { return }
        let fingerprint = hash >> 24
        slots.withUnsafeBufferPointer { slots in
            var index = Int(truncatingIfNeeded: hash) & mask
            while true {
                let slot = slots[index]
                if slot == 0 { return }
                if slot >> 24 == fingerprint {
                    body(Int(truncatingIfNeeded: (slot >> 21) & 7), Int(truncatingIfNeeded: slot & 0x1F_FFFF))
                }
                index = (index + 1) & mask
            }
        }
    }

    /// The rank of the word whose hash is `hash` in `list`, or nil.
    func rank(ofHash hash: UInt64, in list: Int) -> Int? {
        var found: Int?
        forEachRank(ofHash: hash) { entryList, rank in
            if entryList == list, found == nil { found = rank }
        }
        return found
    }

    /// The rank of the UTF-8 `word` (already folded) in `list`, or nil.
    func rank(of word: some Sequence<UInt8>, in list: Int) -> Int? {
        rank(ofHash: WordHash.of(word), in: list)
    }

    /// Collects entries, then freezes them into a table.
    struct Builder {
        private var slots: [UInt64]
        private var mask: Int
        private(set) var entryCount = 0
        private var longestEntryBytes = 0
        private var prefixFilter: [UInt64]

        /// Sizes the table for up to `capacity` entries at a load of at most 80 %; with `prefixes`, also
        /// a prefix filter sized for about 2.2 prefixes per entry at 11 bits each (the bundled lists have 2.2).
        init(capacity: Int, prefixes: Bool = false) {
            var size = 16
            while size * 4 < capacity * 5 { size *= 2 }
            slots = [UInt64](repeating: 0, count: size)
            mask = size - 1
            var words = 0
            if prefixes {
                words = 2
                while words * 64 < capacity * 24 { words *= 2 }
            }
            prefixFilter = [UInt64](repeating: 0, count: words)
        }

        /// Adds `word` (folded UTF-8) to `list` at `rank` unless the list already holds it, in which
        /// case the earlier, better rank stays. Returns whether it was added.
        @discardableResult
        mutating func insert(_ word: some Collection<UInt8>, list: Int, rank: Int) -> Bool {
            precondition(
                list >= 0 && list < RankedWordTable.maximumLists && rank >= 1
                    && rank <= RankedWordTable.maximumRank && (entryCount + 1) * 5 <= slots.count * 4)
            if !prefixFilter.isEmpty {
                var prefix = WordHash()
                let words = prefixFilter.count - 1
                for byte in word {
                    prefix.append(byte)
                    let value = prefix.value
                    prefixFilter[RankedWordTable.filterIndex(value, words)] |= RankedWordTable.filterBits(value)
                }
            }
            let hash = WordHash.of(word)
            let fingerprint = hash >> 24
            let entry = fingerprint << 24 | UInt64(list) << 21 | UInt64(rank)
            var index = Int(truncatingIfNeeded: hash) & mask
            while slots[index] != 0 {
                if slots[index] >> 21 == entry >> 21 { return false }
                index = (index + 1) & mask
            }
            slots[index] = entry
            entryCount += 1
            longestEntryBytes = max(longestEntryBytes, word.count)
            return true
        }

        /// The finished table.
        func build() -> RankedWordTable {
            RankedWordTable(
                slots: slots, prefixFilter: prefixFilter, entryCount: entryCount, longestEntryBytes: longestEntryBytes)
        }
    }
}
