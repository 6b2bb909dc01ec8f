#if Hummingbird
    public import Hummingbird
    public import HummingbirdAuth
    public import LoginFlow
    public import NIOCore

    /// What CRMAuth's middleware need from a Hummingbird request context, and what they leave in it.
    ///
    /// The identity (hummingbird-auth's `AuthRequestContext`) is the signed-in `Principal`,
    /// set by ``SessionAuthenticator``; ``client`` is set by ``ClientContextMiddleware`` and
    /// ``csrfToken`` by ``CSRFMiddleware``. Use ``CRMRequestContext``, or conform your own context
    /// (with your own fields beside these) to use the middleware with it.
    public protocol CRMAuthRequestContext: AuthRequestContext where Identity == Principal {
        /// The client as the login flow sees it (address behind trusted proxies, user agent, device
        /// token), or `nil` before ``ClientContextMiddleware`` has run.
        var client: ClientContext? { get set }
        /// The session token this request presented and that validated: its text, for a handler that
        /// signs out or rotates it. Never logged.
        var sessionToken: SessionTokenText? { get set }
        /// The anti-forgery token to put in this page's forms (`<input type=hidden name=csrf_token>`),
        /// set by ``CSRFMiddleware``.
        var csrfToken: String? { get set }
        /// The peer of the TCP connection, `nil` when unknown (a Unix socket, a test without sockets).
        var peerAddress: SocketAddress? { get }
    }

    /// A session token's text, redacted when printed.
    public struct SessionTokenText: Sendable, Hashable, CustomStringConvertible {
        /// The token as the client sent it.
        public let revealedText: String

        /// Wraps `revealedText`.
        public init(_ revealedText: String) { self.revealedText = revealedText }

        /// `<redacted>`: a token never reaches a log through its description.
        public var description: String { "<redacted>" }
    }

    /// The request context for apps that need nothing more: Hummingbird's core storage, the
    /// ``CRMAuthRequestContext`` fields, and the connection's peer from the channel.
    public struct CRMRequestContext: CRMAuthRequestContext, RemoteAddressRequestContext {
        /// Hummingbird's own storage (logger, parameters, endpoint path).
        public var coreContext: CoreRequestContextStorage
        /// The signed-in principal, set by ``SessionAuthenticator``.
        public var identity: Principal?
        /// See ``CRMAuthRequestContext/client``.
        public var client: ClientContext?
        /// See ``CRMAuthRequestContext/sessionToken``.
        public var sessionToken: SessionTokenText?
        /// See ``CRMAuthRequestContext/csrfToken``.
        public var csrfToken: String?
        /// The connection's peer, as the channel reports it.
        public let remoteAddress: SocketAddress?

        /// A context for a request arriving on `source`'s channel.
        public init(source: ApplicationRequestContextSource) {
            coreContext = CoreRequestContextStorage(source: source)
            remoteAddress = source.channel.remoteAddress
        }

        /// See ``CRMAuthRequestContext/peerAddress``.
        public var peerAddress: SocketAddress? { remoteAddress }
    }
#endif
