/// The person's own words (user inputs), indexed by ``WordHash`` like the bundled lists, so that a
/// substring of the password is looked up in constant time however many inputs there are, and
/// extending a substring stops as soon as no input begins with it.
///
/// The old scan compared every input at every position: its cost grew with the number of inputs
/// times the password's length, and an app (or a person, through their name and email) controls
/// the number of inputs. Bounded here: at most ``maximumWords`` words are kept, and only their
/// first ``PasswordStrengthEstimator/maximumAnalyzedLength`` scalars, since nothing longer can
/// occur in an analysed password.
///
/// The index is built on every estimate, usually for a handful of short inputs, so it is built
/// flat: the words' scalars in one array, and one open-addressed table keyed by the hash of every
/// prefix of every word, holding the rank of the word that prefix spells (0 when it is only a
/// prefix). `WordHash` values are already mixed, so the table indexes by their low bits instead of
/// hashing them again. A `Dictionary` of ranks and a `Set` of prefixes cost about 40 allocations and
/// a SipHash per lookup, and made an ordinary estimate more than half as slow again
/// (Documentation/Performance.md).
struct UserInputIndex: Sendable {
    /// The most words kept (inputs and the words inside them, in rank order).
    static let maximumWords = 128

    /// One slot of the table: the hash of a prefix (0 when the slot is empty) and the rank of the
    /// word that is exactly that prefix, or 0.
    private struct Slot {
        var hash: UInt64
        var rank: Int32
    }

    /// Every word's scalars, one after the other, in rank order.
    private var scalars: [Unicode.Scalar] = []
    /// Where each word ends in ``scalars``; word `k` (rank `k + 1`) starts where word `k - 1` ends.
    private var ends: [Int] = []
    /// The prefix table, a power of two in size, at most half full.
    private var slots: [Slot] = []
    /// How many slots are in use.
    private var used = 0

    /// An index of `words` in rank order; empty words and repeats are skipped, and words past
    /// ``maximumWords`` are dropped.
    init(_ words: [[Unicode.Scalar]]) {
        for word in words { add(word) }
    }

    /// An empty index.
    init() {}

    /// The words, in rank order (rank = position + 1), without duplicates.
    var words: [[Unicode.Scalar]] { ends.indices.map { Array(word(at: $0)) } }

    /// Whether there are no words.
    var isEmpty: Bool { ends.isEmpty }

    /// Whether the index is full.
    var isFull: Bool { ends.count >= Self.maximumWords }

    /// The word of rank `index + 1`.
    private func word(at index: Int) -> ArraySlice<Unicode.Scalar> {
        scalars[(index == 0 ? 0 : ends[index - 1])..<ends[index]]
    }

    /// Adds `word` as the next rank, unless it is empty, already present or the index is full.
    mutating func add(_ word: some Collection<Unicode.Scalar>) {
        guard !isFull, !word.isEmpty else { return }
        let word = word.prefix(PasswordStrengthEstimator.maximumAnalyzedLength)
        if (used + word.count) * 2 > slots.count { grow(toHold: used + word.count) }
        var last = 0
        var added = 0
        slots.withUnsafeMutableBufferPointer { slots in
            var hash = WordHash()
            for scalar in word {
                hash.append(scalar)
                last = Self.insert(Self.key(hash.value), into: slots, added: &added)
            }
        }
        used += added
        // Every prefix of a repeat was there already. A word whose hash is already a word's is a
        // repeat (or, at 2^-64, a collision: dropped too); only a new word gets the next rank.
        guard slots[last].rank == 0 else { return }
        if ends.isEmpty {
            scalars.reserveCapacity(64)
            ends.reserveCapacity(16)
        }
        scalars.append(contentsOf: word)
        ends.append(scalars.count)
        slots[last].rank = Int32(ends.count)
    }

    /// Whether some word may begin with the text whose hash is `hash`.
    @inline(__always)
    func mayBePrefix(hash: UInt64) -> Bool {
        !slots.isEmpty && find(Self.key(hash)) != nil
    }

    /// The rank of `text` (whose hash is `hash`) among the words, or nil.
    @inline(__always)
    func rank(ofHash hash: UInt64, text: ArraySlice<Unicode.Scalar>) -> Int? {
        guard !slots.isEmpty, let slot = find(Self.key(hash)) else { return nil }
        let rank = Int(slots[slot].rank)
        guard rank != 0, word(at: rank - 1).elementsEqual(text) else { return nil }
        return rank
    }

    /// `hash`, never 0 (0 marks an empty slot).
    @inline(__always)
    private static func key(_ hash: UInt64) -> UInt64 {
        hash == 0 ? 1 : hash
    }

    /// The slot holding `key`, or nil.
    @inline(__always)
    private func find(_ key: UInt64) -> Int? {
        slots.withUnsafeBufferPointer { slots in
            guard !slots.isEmpty else { return nil }
            let mask = slots.count - 1
            var index = Int(truncatingIfNeeded: key) & mask
            while true {
                let slot = slots[index]
                if slot.hash == key { return index }
                if slot.hash == 0 { return nil }
                index = (index + 1) & mask
            }
        }
    }

    /// Inserts `key` into `slots` (which has room) unless it is there, and returns its slot.
    @inline(__always)
    private static func insert(_ key: UInt64, into slots: UnsafeMutableBufferPointer<Slot>, added: inout Int) -> Int {
        let mask = slots.count - 1
        var index = Int(truncatingIfNeeded: key) & mask
        while slots[index].hash != 0 && slots[index].hash != key { index = (index + 1) & mask }
        if slots[index].hash == 0 {
            slots[index].hash = key
            added += 1
        }
        return index
    }

    /// Rebuilds the table with room for `count` entries at most half full.
    private mutating func grow(toHold count: Int) {
        var size = max(slots.count, 128)
        while size < count * 2 { size *= 2 }
        let old = slots
        slots = [Slot](repeating: Slot(hash: 0, rank: 0), count: size)
        var added = 0
        slots.withUnsafeMutableBufferPointer { slots in
            for slot in old where slot.hash != 0 {
                slots[Self.insert(slot.hash, into: slots, added: &added)].rank = slot.rank
            }
        }
        used = added
    }
}
