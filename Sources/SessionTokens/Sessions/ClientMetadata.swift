/// What the app knows about the client a session was issued to, for "where you're signed in" lists.
///
/// Informational only: every field is supplied by the client or its network path and must never be
/// used for an authorization decision.
public struct ClientMetadata: Sendable, Hashable, Codable {
    /// The `User-Agent` header, if any.
    public var userAgent: String?
    /// The client's network address as the app sees it (after trusted proxies).
    public var address: String?
    /// A label the user or app gave the device ("Alice's laptop").
    public var deviceLabel: String?

    /// Creates metadata; every field is optional.
    public init(userAgent: String? = nil, address: String? = nil, deviceLabel: String? = nil) {
        self.userAgent = userAgent
        self.address = address
        self.deviceLabel = deviceLabel
    }
}
