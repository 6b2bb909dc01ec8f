#if Hummingbird
    public import HTTPTypes
    public import Hummingbird

    /// Security headers for pages that handle sign-in: a strict Content Security Policy (with
    /// `frame-ancestors 'none'`, so no other site can frame the login page to trick clicks), no
    /// referrer across origins, no MIME sniffing, and no caching of authenticated pages.
    ///
    /// Headers a handler set itself are kept. The defaults allow scripts, styles, images and forms from
    /// the page's own origin only, plus `data:` images (QR codes).
    public struct SecurityHeadersMiddleware<Context: RequestContext>: RouterMiddleware {
        /// The headers added to every response that does not already have them.
        public let headers: [(HTTPField.Name, String)]

        /// The default Content Security Policy.
        public static var defaultContentSecurityPolicy: String {
            "default-src 'self'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; "
                + "frame-ancestors 'none'"
        }

        /// Security headers with `contentSecurityPolicy` (the default above unless given), and
        /// `Strict-Transport-Security` when `strictTransportSecurity` (for apps served over HTTPS only).
        public init(
            contentSecurityPolicy: String = SecurityHeadersMiddleware.defaultContentSecurityPolicy,
            strictTransportSecurity: Bool = false
        ) {
            var headers: [(HTTPField.Name, String)] = [
                (.contentSecurityPolicy, contentSecurityPolicy),
                (HTTPField.Name("Referrer-Policy")!, "same-origin"),
                (HTTPField.Name("X-Content-Type-Options")!, "nosniff"),
                (HTTPField.Name("X-Frame-Options")!, "DENY"),
                (HTTPField.Name("Cross-Origin-Opener-Policy")!, "same-origin"),
                (HTTPField.Name("Permissions-Policy")!, "camera=(), microphone=(), geolocation=()"),
                (.cacheControl, "no-store"),
            ]
            if strictTransportSecurity {
                headers.append((HTTPField.Name("Strict-Transport-Security")!, "max-age=31536000; includeSubDomains"))
            }
            self.headers = headers
        }

        /// Adds the headers the response lacks.
        public func handle(
            _ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response
        ) async throws -> Response {
            var response: Response
            do {
                response = try await next(request, context)
            } catch let error as any HTTPResponseError {
                response = try error.response(from: request, context: context)
            }
            for (name, value) in headers where response.headers[name] == nil {
                response.headers[name] = value
            }
            return response
        }
    }
#endif
