#if Hummingbird
    import HTTPTypes
    public import Hummingbird
    public import LockoutPolicy
    public import LoginFlow
    public import NIOCore
    import SessionTokens

    /// Where the client's address comes from: the connection, or the `X-Forwarded-For` of proxies the
    /// app trusts.
    ///
    /// Lockout counts failures per source address, so the address must be the client's, and must not
    /// be one the client can choose. `X-Forwarded-For` is believed only when the connection comes from
    /// a trusted proxy, and then read from the right: each trusted proxy appended the address it saw,
    /// so the first address from the right that is not a trusted proxy is the client (what a client
    /// wrote into the header itself stays to the left and is ignored).
    public struct ClientAddressPolicy: Sendable {
        /// The proxies whose `X-Forwarded-For` is believed; empty to use the connection's peer always.
        public var trustedProxies: [AddressRange]
        /// The address used when the peer is unknown (a Unix socket, a test without sockets): every
        /// such request shares its lockout counters. `0.0.0.0` by default.
        public var unknownPeer: SourceAddress

        /// The connection's peer, no proxy trusted.
        public static let directConnections = ClientAddressPolicy(trustedProxies: [])

        /// A policy trusting `trustedProxies`.
        /// - Parameters:
        ///   - trustedProxies: the proxies' addresses or ranges (`10.0.0.0/8`, `::1`).
        ///   - unknownPeer: the address for requests whose peer is unknown.
        public init(trustedProxies: [AddressRange], unknownPeer: SourceAddress = SourceAddress(ipv4: 0)) {
            self.trustedProxies = trustedProxies
            self.unknownPeer = unknownPeer
        }

        /// The client's address for a request from `peer` carrying `forwardedFor` (the values of every
        /// `X-Forwarded-For` header, in order).
        /// - Parameters:
        ///   - peer: the connection's peer, if known.
        ///   - forwardedFor: the `X-Forwarded-For` header values.
        /// - Returns: the peer, unless it is a trusted proxy; then the right-most forwarded address that
        ///   is not one (the left-most forwarded address if every one is trusted). A malformed entry
        ///   where the walk reaches it stops it there: the last trusted proxy's own address answers.
        public func clientAddress(peer: SourceAddress?, forwardedFor: [String]) -> SourceAddress {
            guard let peer else { return unknownPeer }
            guard isTrusted(peer) else { return peer }
            var client = peer
            let hops = forwardedFor.flatMap { $0.split(separator: ",") }
            for hop in hops.reversed().prefix(32) {
                let text = hop.drop { $0 == " " || $0 == "\t" }.reversed().drop { $0 == " " || $0 == "\t" }
                guard let address = try? SourceAddress(parsing: String(text.reversed())) else { return client }
                client = address
                if !isTrusted(address) { return address }
            }
            return client
        }

        private func isTrusted(_ address: SourceAddress) -> Bool {
            trustedProxies.contains { $0.contains(address) }
        }
    }

    /// Fills ``CRMAuthRequestContext/client`` for every request: the client's address
    /// (``ClientAddressPolicy``), its `User-Agent` (at most 512 bytes) and the remembered-device token
    /// from its cookie, if it parses.
    public struct ClientContextMiddleware<Context: CRMAuthRequestContext>: RouterMiddleware {
        /// Where the address comes from.
        public let addresses: ClientAddressPolicy
        /// The names of CRMAuth's cookies.
        public let cookies: CRMAuthCookies

        /// A middleware reading addresses by `addresses`.
        public init(addresses: ClientAddressPolicy = .directConnections, cookies: CRMAuthCookies = .standard) {
            self.addresses = addresses
            self.cookies = cookies
        }

        /// Sets the context's client, then hands on.
        public func handle(
            _ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response
        ) async throws -> Response {
            var context = context
            context.client = client(of: request, peer: context.peerAddress)
            return try await next(request, context)
        }

        /// The client of `request` arriving from `peer`.
        public func client(of request: Request, peer: SocketAddress?) -> ClientContext {
            let peerAddress = peer?.ipAddress.flatMap { try? SourceAddress(parsing: $0) }
            let address = addresses.clientAddress(
                peer: peerAddress, forwardedFor: request.headers[values: .xForwardedFor])
            let agent = request.headers[.userAgent].map { String(decoding: $0.utf8.prefix(512), as: UTF8.self) }
            let device = request.cookies[cookies.device].flatMap { try? DeviceToken(parsing: $0.value) }
            return ClientContext(address: address, userAgent: agent, deviceToken: device)
        }
    }
#endif
