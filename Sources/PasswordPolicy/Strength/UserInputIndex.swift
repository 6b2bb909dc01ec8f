/// The person's own words (user inputs), indexed by ``WordHash`` like the bundled lists, so that a
/// substring of the password is looked up in constant time however many inputs there are, and
/// extending a substring stops as soon as no input begins with it.
///
/// The old scan compared every input at every position: its cost grew with the number of inputs
/// times the password's length, and an app (or a person, through their name and email) controls
/// the number of inputs. Bounded here: at most ``maximumWords`` words are kept, and only their
/// first ``PasswordStrengthEstimator/maximumAnalyzedLength`` scalars, since nothing longer can
/// occur in an analysed password.
struct UserInputIndex: Sendable {
    /// The most words kept (inputs and the words inside them, in rank order).
    static let maximumWords = 128

    /// The words, in rank order (rank = position + 1), without duplicates.
    private(set) var words: [[Unicode.Scalar]] = []
    /// The rank of the word whose hash is the key.
    private var ranks: [UInt64: Int] = [:]
    /// The hash of every prefix of every word.
    private var prefixes: Set<UInt64> = []

    /// An index of `words` in rank order; empty words and repeats are skipped, and words past
    /// ``maximumWords`` are dropped.
    init(_ words: [[Unicode.Scalar]]) {
        for word in words { add(word) }
    }

    /// An empty index.
    init() {}

    /// Whether there are no words.
    var isEmpty: Bool { words.isEmpty }

    /// Whether the index is full.
    var isFull: Bool { words.count >= Self.maximumWords }

    /// Adds `word` as the next rank, unless it is empty, already present or the index is full.
    mutating func add(_ word: some Collection<Unicode.Scalar>) {
        guard !isFull, !word.isEmpty else { return }
        let word = Array(word.prefix(PasswordStrengthEstimator.maximumAnalyzedLength))
        var hash = WordHash()
        var prefixHashes: [UInt64] = []
        prefixHashes.reserveCapacity(word.count)
        for scalar in word {
            hash.append(scalar)
            prefixHashes.append(hash.value)
        }
        guard ranks[hash.value] == nil else { return }
        words.append(word)
        ranks[hash.value] = words.count
        prefixes.formUnion(prefixHashes)
    }

    /// Whether some word may begin with the text whose hash is `hash`.
    @inline(__always)
    func mayBePrefix(hash: UInt64) -> Bool {
        prefixes.contains(hash)
    }

    /// The rank of `text` (whose hash is `hash`) among the words, or nil.
    @inline(__always)
    func rank(ofHash hash: UInt64, text: ArraySlice<Unicode.Scalar>) -> Int? {
        guard let rank = ranks[hash], words[rank - 1].elementsEqual(text) else { return nil }
        return rank
    }
}
