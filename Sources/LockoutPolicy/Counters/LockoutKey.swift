/// The key of one counter: a dimension with the account digest and source prefix it applies to.
///
/// ```swift
/// let key = LockoutKey.pair(secret.digest(account: "ada@example.com"), source.prefix)
/// ```
///
/// A SQL store keeps it as three columns, `dimension TEXT`, `account BLOB` (32 bytes, or an empty
/// blob) and `source TEXT` (``SourcePrefix/description``, or empty), with a primary key over all three.
public struct LockoutKey: Sendable, Hashable, Codable, CustomStringConvertible {
    /// What the counter counts.
    public let dimension: LockoutDimension
    /// The account, for ``LockoutDimension/account``, ``LockoutDimension/pair`` and
    /// ``LockoutDimension/trustedPair``.
    public let account: AccountDigest?
    /// The source, for ``LockoutDimension/source`` and ``LockoutDimension/pair``.
    public let source: SourcePrefix?

    private init(_ dimension: LockoutDimension, account: AccountDigest?, source: SourcePrefix?) {
        self.dimension = dimension
        self.account = account
        self.source = source
    }

    /// The counter of an account's failures from untrusted sources.
    ///
    /// - Parameter account: the account's digest.
    public static func account(_ account: AccountDigest) -> LockoutKey {
        LockoutKey(.account, account: account, source: nil)
    }

    /// The counter of a source's failures at every account.
    ///
    /// - Parameter source: the address or /64 network.
    public static func source(_ source: SourcePrefix) -> LockoutKey {
        LockoutKey(.source, account: nil, source: source)
    }

    /// The counter of one account's failures from one untrusted source.
    ///
    /// - Parameters:
    ///   - account: the account's digest.
    ///   - source: the address or /64 network.
    public static func pair(_ account: AccountDigest, _ source: SourcePrefix) -> LockoutKey {
        LockoutKey(.pair, account: account, source: source)
    }

    /// The counter of an account's failures from its trusted sources.
    ///
    /// - Parameter account: the account's digest.
    public static func trustedPair(_ account: AccountDigest) -> LockoutKey {
        LockoutKey(.trustedPair, account: account, source: nil)
    }

    private enum CodingKeys: String, CodingKey { case dimension, account, source }

    /// Decodes a key, refusing one whose fields do not fit its dimension (an account key with a
    /// source, a pair without one).
    ///
    /// - Parameter decoder: the decoder to read `dimension`, `account` and `source` from.
    /// - Throws: a `DecodingError` for a missing, malformed or misplaced field.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let dimension = try container.decode(LockoutDimension.self, forKey: .dimension)
        let account = try container.decodeIfPresent(AccountDigest.self, forKey: .account)
        let source = try container.decodeIfPresent(SourcePrefix.self, forKey: .source)
        switch (dimension, account, source) {
        case (.account, let account?, nil): self = .account(account)
        case (.trustedPair, let account?, nil): self = .trustedPair(account)
        case (.pair, let account?, let source?): self = .pair(account, source)
        case (.source, nil, let source?): self = .source(source)
        default:
            throw DecodingError.dataCorruptedError(
                forKey: .dimension, in: container, debugDescription: "the fields do not fit a \(dimension) key")
        }
    }

    /// Encodes `dimension` and whichever of `account` and `source` the key has.
    ///
    /// - Parameter encoder: the encoder to write the fields to.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(dimension, forKey: .dimension)
        try container.encodeIfPresent(account, forKey: .account)
        try container.encodeIfPresent(source, forKey: .source)
    }

    /// Hashes one word: the digest's first word (uniform, and secret without the ``LockoutSecret``:
    /// an HMAC output) with the dimension, the address family and the prefix folded in. Equal keys
    /// hash alike, and `==` still compares every byte. For one digest and dimension the fold is
    /// injective within an address family (an IPv6 network can share the word with at most one IPv4
    /// address), and nobody without the secret can choose digests whose words coincide, so requests
    /// cannot pile keys onto one hash. (Feeding all 32 digest bytes, the optionals' tags and the
    /// dimension separately cost about three times as much, most of a lookup.)
    ///
    /// - Parameter hasher: the hasher to feed.
    public func hash(into hasher: inout Hasher) {
        hasher.combine(hashWord)
    }

    /// The hash `Dictionary` and `Set` use: `UInt64`'s one-shot form of the SipHash of the word that
    /// ``hash(into:)`` feeds, the same value without the streaming hasher's buffering.
    ///
    /// - Parameter seed: the table's seed.
    public func _rawHashValue(seed: Int) -> Int {
        hashWord._rawHashValue(seed: seed)
    }

    /// The one word ``hash(into:)`` feeds.
    @inline(__always)
    private var hashWord: UInt64 {
        let family: UInt64 = source.map { $0.isIPv6 ? 0x200 : 0x100 } ?? 0
        let value = source?.value ?? 0
        // The prefix rotated by 16 bits, so that its low bits (where IPv4 addresses vary) do not
        // overlap the dimension and family bits.
        return (account?.firstWord ?? 0) ^ UInt64(dimension.index) ^ family ^ (value << 16 | value >> 48)
    }

    /// Whether dimension, account digest and source prefix are all equal.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        lhs.dimension == rhs.dimension && lhs.account == rhs.account && lhs.source == rhs.source
    }

    /// The dimension, a shortened account digest and the source; nothing of what was typed.
    public var description: String {
        var parts = [dimension.rawValue]
        if let account { parts.append(account.redactedDescription) }
        if let source { parts.append(source.description) }
        return "LockoutKey(" + parts.joined(separator: ", ") + ")"
    }
}
