/// What a counter counts: failures at an account, from a source, or of one account from one source.
///
/// The raw values are stable names an audit log or a database column can keep.
public enum LockoutDimension: String, Sendable, Hashable, Codable, CaseIterable, CustomStringConvertible {
    /// Failures at one account from every untrusted source: guessing one password from many addresses.
    case account
    /// Failures from one address (IPv6: one /64) at every account: credential stuffing.
    case source
    /// Failures at one account from one untrusted source: the narrowest counter, the first to act.
    case pair
    /// Failures at one account from its trusted sources (known devices), counted apart from strangers.
    case trustedPair

    /// The raw value.
    public var description: String { rawValue }

    /// A small number per case, for hashing.
    var index: UInt8 {
        switch self {
        case .account: 0
        case .source: 1
        case .pair: 2
        case .trustedPair: 3
        }
    }
}
