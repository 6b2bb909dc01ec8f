/// The three Argon2 variants (RFC 9106 §3.4.1); the raw value is the PHC string identifier.
///
/// Use ``argon2id`` for passwords: RFC 9106 §4 calls it the mandatory variant, resisting both
/// side-channel and GPU attacks. The other two exist to verify hashes made elsewhere.
public enum Argon2Variant: String, Sendable, Hashable, CaseIterable {
    /// Data-dependent memory access: fastest against GPUs, but leaks timing through memory access.
    case argon2d
    /// Data-independent memory access: side-channel resistant, weaker against time-memory trade-offs.
    case argon2i
    /// Data-independent for the first half of the first pass, then data-dependent (RFC 9106 §3.4.1.3).
    case argon2id

    /// The type number y hashed into H0 and the address blocks (RFC 9106 §3.2): 0, 1, 2.
    package var typeNumber: UInt32 {
        switch self {
        case .argon2d: 0
        case .argon2i: 1
        case .argon2id: 2
        }
    }
}
