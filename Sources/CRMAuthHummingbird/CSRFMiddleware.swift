#if Hummingbird
    import AuthCore
    import HTTPTypes
    public import Hummingbird
    import Foundation

    /// Protection against cross-site request forgery for cookie-authenticated form posts.
    ///
    /// Two checks, either of which stops a forged request:
    /// - **A token** (double submit): every browser gets a random 256-bit token in an `HttpOnly`,
    ///   `SameSite=Strict`, `__Host-` cookie, and the page puts the same token in its forms
    ///   (``CRMAuthRequestContext/csrfToken``, as `<input type="hidden" name="csrf_token">`) or sends it
    ///   as an `X-CSRF-Token` header. A `POST`, `PUT`, `PATCH` or `DELETE` that carries any cookie must
    ///   carry the cookie's token too, compared in constant time; another site can make the browser send
    ///   the cookie but cannot read it to put it in the form.
    /// - **The origin**: such a request whose `Origin` header names another origin than
    ///   ``allowedOrigins`` (or whose `Sec-Fetch-Site` is `cross-site`) is refused whatever its token.
    ///
    /// A refused request is `403 Forbidden` with a plain message ("This form has expired..."). Requests
    /// without cookies (an API client with a bearer token) are not checked: they carry no ambient
    /// credential to forge. The body is read (up to ``maximumFormSize`` bytes) only for a form post
    /// without the header.
    public struct CSRFMiddleware<Context: CRMAuthRequestContext>: RouterMiddleware {
        /// The origins this app's pages are served from (`https://crm.example.com`); empty to accept
        /// any `Origin` that matches the request's own `Host`.
        public let allowedOrigins: Set<String>
        /// The cookies' names.
        public let cookies: CRMAuthCookies
        /// The largest form body read to find the token.
        public let maximumFormSize: Int

        /// The form field holding the token.
        public static var formField: String { "csrf_token" }

        /// A middleware accepting `allowedOrigins`.
        public init(
            allowedOrigins: Set<String> = [], cookies: CRMAuthCookies = .standard, maximumFormSize: Int = 64 * 1024
        ) {
            self.allowedOrigins = allowedOrigins
            self.cookies = cookies
            self.maximumFormSize = maximumFormSize
        }

        /// Checks unsafe requests, makes the token available to the page, and sets its cookie when the
        /// browser has none.
        public func handle(
            _ request: Request, context: Context, next: @concurrent (Request, Context) async throws -> Response
        ) async throws -> Response {
            var request = request
            var context = context
            let stored = request.cookies[cookies.csrf].map(\.value).flatMap { Self.isWellFormed($0) ? $0 : nil }
            let unsafe = [.post, .put, .patch, .delete].contains(request.method)
            if unsafe, request.headers[.cookie] != nil {
                try checkOrigin(request)
                guard let stored, let submitted = try await submittedToken(&request),
                    ConstantTime.equals(Array(stored.utf8), Array(submitted.utf8))
                else {
                    throw HTTPError(
                        .forbidden, message: "This form has expired. Please go back, reload the page and try again.")
                }
            }
            let token = stored ?? Base64URL.encode(SecureRandom.bytes(count: 32))
            context.csrfToken = token
            var response = try await next(request, context)
            if stored == nil { response.addSetCookie(cookies.csrfCookie(token)) }
            return response
        }

        /// A token as this middleware makes them: 43 base64url characters.
        static func isWellFormed(_ text: String) -> Bool {
            text.utf8.count == 43
                && text.utf8.allSatisfy {
                    ($0 >= 0x41 && $0 <= 0x5A) || ($0 >= 0x61 && $0 <= 0x7A) || ($0 >= 0x30 && $0 <= 0x39)
                        || $0 == 0x2D || $0 == 0x5F
                }
        }

        private func checkOrigin(_ request: Request) throws {
            if request.headers[.secFetchSite] == "cross-site" {
                throw HTTPError(.forbidden, message: "This request came from another site and was refused.")
            }
            guard let origin = request.headers[.origin], origin != "null" else { return }
            let allowed: Bool
            if allowedOrigins.isEmpty {
                let host = request.head.authority ?? ""
                allowed = origin == "https://" + host || origin == "http://" + host
            } else {
                allowed = allowedOrigins.contains(origin)
            }
            guard allowed else {
                throw HTTPError(.forbidden, message: "This request came from another site and was refused.")
            }
        }

        /// The token the request submits: the `X-CSRF-Token` header, else the form field of an
        /// `application/x-www-form-urlencoded` body (which is read, and stays readable to the handler).
        private func submittedToken(_ request: inout Request) async throws -> String? {
            if let header = request.headers[.xCSRFToken] { return header }
            guard let type = request.headers[.contentType],
                type.lowercased().hasPrefix("application/x-www-form-urlencoded")
            else { return nil }
            let body = try await request.collectBody(upTo: maximumFormSize)
            let form = String(decoding: body.readableBytesView, as: UTF8.self)
            for pair in form.split(separator: "&") {
                let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
                guard parts.count == 2, parts[0] == Self.formField else { continue }
                return String(parts[1]).replacingOccurrences(of: "+", with: " ").removingPercentEncoding
            }
            return nil
        }
    }
#endif
