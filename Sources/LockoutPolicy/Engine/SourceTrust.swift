/// Whether the caller recognises the source of an attempt as one the account's owner uses.
///
/// The caller decides, before asking the throttle: typically ``knownDevice`` when the request carries
/// a device token (a long-lived random cookie) that was issued to a browser after a successful login
/// to this same account, and is still valid. Recognising a source by its address alone is weaker: see
/// the guide's "Limits".
public enum SourceTrust: String, Sendable, Hashable, Codable {
    /// An unrecognised source: counted per account, per source and per pair.
    case stranger
    /// A source that recently logged this account in: counted apart, in the account's trusted pair
    /// counter only, and not refused by locks that strangers caused.
    case knownDevice
}
