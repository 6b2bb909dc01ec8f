#if Hummingbird
    public import Hummingbird
    public import HummingbirdAuth
    public import LoginFlow
    import SessionTokens

    /// hummingbird-auth's authenticator for CRMAuth sessions: reads the session cookie, or an
    /// `Authorization: Bearer` token, validates it with `AuthFlow.validate(sessionToken:client:)`
    /// and sets the `Principal` as the context's identity.
    ///
    /// An absent, malformed, expired or revoked token leaves the identity `nil` and the request goes
    /// on (guard routes with hummingbird-auth's `IsAuthenticatedMiddleware`, ``RequirePermission`` or
    /// `AuthorizationPolicyMiddleware`); a cookie that did not validate is removed from the browser
    /// with the response. A store that cannot answer is `503 Service Unavailable`, never "signed out".
    /// A cookie wins over a bearer token when a request carries both.
    public struct SessionAuthenticator<Context: CRMAuthRequestContext>: AuthenticatorMiddleware {
        public typealias Identity = Principal

        /// The flow that validates sessions.
        public let flow: AuthFlow
        /// The cookies' names.
        public let cookies: CRMAuthCookies

        /// An authenticator over `flow`.
        public init(flow: AuthFlow, cookies: CRMAuthCookies = .standard) {
            self.flow = flow
            self.cookies = cookies
        }

        /// The principal of the request's session, or `nil` when it presents none that validates.
        public func authenticate(request: Request, context: Context) async throws -> Principal? {
            guard let token = presentedToken(request) else { return nil }
            do {
                return try await flow.validate(sessionToken: token.text, client: context.client)
            } catch let error as LoginFlowError where error.code == .invalidToken {
                return nil
            } catch {
                throw HTTPError(
                    .serviceUnavailable, message: "Signing in is unavailable for a moment. Please try again.")
            }
        }

        /// Authenticates, records the token on the context, and removes a session cookie that did not
        /// validate.
        public func handle(
            _ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response
        ) async throws -> Response {
            guard let token = presentedToken(request) else { return try await next(request, context) }
            var context = context
            if let principal = try await authenticate(request: request, context: context) {
                context.identity = principal
                context.sessionToken = SessionTokenText(token.text)
                return try await next(request, context)
            }
            var response = try await next(request, context)
            if token.fromCookie,
                !response.headers[values: .setCookie].contains(where: { $0.hasPrefix(cookies.session.name + "=") })
            {
                response.addSetCookie(cookies.signOut())
            }
            return response
        }

        /// The token the request presents: the session cookie, else a bearer token.
        private func presentedToken(_ request: Request) -> (text: String, fromCookie: Bool)? {
            if let cookie = request.cookies[cookies.session.name], !cookie.value.isEmpty {
                return (cookie.value, true)
            }
            guard let authorization = request.headers[.authorization] else { return nil }
            let prefix = "Bearer "
            guard authorization.count > prefix.count,
                authorization.prefix(prefix.count).lowercased() == prefix.lowercased()
            else { return nil }
            return (String(authorization.dropFirst(prefix.count)), false)
        }
    }
#endif
