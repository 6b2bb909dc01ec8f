#if Hummingbird
    import HTTPTypes
    public import Hummingbird
    public import SessionTokens

    /// The cookies CRMAuth's middleware read and write: the session, the remembered device and the
    /// anti-forgery token. Every one is `__Host-` prefixed (so `Secure`, `Path=/`, no `Domain`: no
    /// subdomain can set or read it) and `HttpOnly` (no script can read it).
    public struct CRMAuthCookies: Sendable {
        /// The session cookie (`__Host-session`, `SameSite=Lax`, ending with the browser by default).
        public var session: SessionCookie
        /// The remembered-device cookie's name.
        public var device: String
        /// The anti-forgery cookie's name.
        public var csrf: String

        /// `__Host-session`, `__Host-device`, `__Host-csrf`.
        public static let standard = CRMAuthCookies(
            session: .standard, device: "__Host-device", csrf: "__Host-csrf")

        /// Cookie names of your own.
        /// - Parameters:
        ///   - session: the session cookie's settings.
        ///   - device: the remembered-device cookie's full name (start it with `__Host-`).
        ///   - csrf: the anti-forgery cookie's full name (start it with `__Host-`).
        public init(session: SessionCookie, device: String, csrf: String) {
            self.session = session
            self.device = device
            self.csrf = csrf
        }

        /// The `Set-Cookie` value that signs the browser in with `token`.
        public func signIn(_ token: SessionToken) -> String { session.setCookieValue(for: token) }

        /// The `Set-Cookie` value that removes the session cookie.
        public func signOut() -> String { session.clearingSetCookieValue() }

        /// The `Set-Cookie` value for a remembered device, kept `maxAge` seconds (`SameSite=Lax`).
        public func rememberDevice(_ token: DeviceToken, maxAge: Int) -> String {
            device + "=" + token.revealedText + "; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=\(max(0, maxAge))"
        }

        /// The `Set-Cookie` value that forgets the remembered device.
        public func forgetDevice() -> String { device + "=; Path=/; Secure; HttpOnly; SameSite=Lax; Max-Age=0" }

        /// The `Set-Cookie` value of an anti-forgery token (`SameSite=Strict`, ending with the browser).
        func csrfCookie(_ value: String) -> String {
            csrf + "=" + value + "; Path=/; Secure; HttpOnly; SameSite=Strict"
        }
    }

    extension Response {
        /// Adds a `Set-Cookie` header with `value` (from ``CRMAuthCookies``), keeping the others.
        public mutating func addSetCookie(_ value: String) {
            headers.append(HTTPField(name: .setCookie, value: value))
        }
    }
#endif
