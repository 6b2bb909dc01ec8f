public import LockoutPolicy
public import SessionTokens

/// What the app knows about the client making a request: its address (already resolved behind your
/// trusted proxies), its user agent and its remembered-device token, if it sent one.
public struct ClientContext: Sendable, Hashable {
    /// The client's address.
    public var address: SourceAddress
    /// The `User-Agent` header, if any (truncated to 512 bytes where it is recorded).
    public var userAgent: String?
    /// The remembered-device token from the client's cookie, if any.
    public var deviceToken: DeviceToken?

    /// Describes a client.
    /// - Parameters:
    ///   - address: the client's address.
    ///   - userAgent: the `User-Agent` header.
    ///   - deviceToken: the remembered-device token the client sent.
    public init(address: SourceAddress, userAgent: String? = nil, deviceToken: DeviceToken? = nil) {
        self.address = address
        self.userAgent = userAgent
        self.deviceToken = deviceToken
    }
}
