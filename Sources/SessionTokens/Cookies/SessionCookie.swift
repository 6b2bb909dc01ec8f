/// The `Set-Cookie` attributes a session token should travel in, without a web framework.
///
/// Defaults are the safe ones: the `__Host-` name prefix (the browser then insists on `Secure`,
/// `Path=/` and no `Domain`, so a subdomain cannot plant or read it; RFC 6265bis §4.1.3.2), `Secure`,
/// `HttpOnly` (no script access) and `SameSite=Lax` (not sent on cross-site subrequests).
///
/// ```swift
/// let cookie = SessionCookie.standard
/// response.headers["Set-Cookie"] = cookie.setCookieValue(for: issued.token)
/// // on sign-out:
/// response.headers["Set-Cookie"] = cookie.clearingSetCookieValue()
/// ```
public struct SessionCookie: Sendable, Hashable {
    /// The `SameSite` attribute.
    public enum SameSite: String, Sendable, Hashable {
        /// Sent only on same-site requests, not even on top-level links from other sites.
        case strict = "Strict"
        /// Sent on same-site requests and top-level navigations (the default).
        case lax = "Lax"
        /// Sent on every cross-site request: exposes the session to CSRF; only for embedded apps.
        case insecureNone = "None"
    }

    /// The cookie name without the `__Host-` prefix.
    public let baseName: String
    /// The `SameSite` attribute.
    public var sameSite: SameSite
    /// `Max-Age` in whole seconds, or `nil` for a cookie that ends with the browser session.
    ///
    /// Always within 0...``maximumMaxAge``, whether passed to ``init(baseName:sameSite:maxAge:)``
    /// or set later: a negative value becomes 0 (the cookie is deleted), a larger one the cap.
    public var maxAge: Int? {
        get { storedMaxAge }
        set { storedMaxAge = newValue.map(Self.clampedMaxAge) }
    }

    /// The longest `Max-Age`: 400 days, the cap RFC 6265bis (its Max-Age attribute) has browsers
    /// apply anyway.
    public static let maximumMaxAge = 400 * 24 * 3600

    private var storedMaxAge: Int?

    /// `__Host-session`, `SameSite=Lax`, no `Max-Age`.
    public static let standard = SessionCookie(validatedName: "session", sameSite: .lax, maxAge: nil)

    /// Creates cookie settings, or `nil` if `baseName` is empty or has characters outside `A-Z a-z 0-9 - _`.
    public init?(baseName: String, sameSite: SameSite = .lax, maxAge: Int? = nil) {
        guard !baseName.isEmpty,
            baseName.utf8.allSatisfy({ $0.isASCIIAlphanumeric || $0 == UInt8(ascii: "-") || $0 == UInt8(ascii: "_") })
        else { return nil }
        self.init(validatedName: baseName, sameSite: sameSite, maxAge: maxAge)
    }

    private init(validatedName: String, sameSite: SameSite, maxAge: Int?) {
        baseName = validatedName
        self.sameSite = sameSite
        storedMaxAge = maxAge.map(Self.clampedMaxAge)
    }

    private static func clampedMaxAge(_ seconds: Int) -> Int { min(max(0, seconds), maximumMaxAge) }

    /// The full cookie name, `__Host-` + ``baseName``; read the request cookie under this name.
    public var name: String { "__Host-" + baseName }

    /// The `Set-Cookie` header value carrying `token`.
    public func setCookieValue(for token: SessionToken) -> String {
        name + "=" + token.revealedText + attributes(maxAge: maxAge)
    }

    /// A `Set-Cookie` header value that makes the browser delete the cookie (sign-out).
    public func clearingSetCookieValue() -> String {
        name + "=" + attributes(maxAge: 0)
    }

    private func attributes(maxAge: Int?) -> String {
        "; Path=/; Secure; HttpOnly; SameSite=" + sameSite.rawValue + (maxAge.map { "; Max-Age=\($0)" } ?? "")
    }
}

extension UInt8 {
    fileprivate var isASCIIAlphanumeric: Bool {
        (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(self) || (UInt8(ascii: "A")...UInt8(ascii: "Z")).contains(self)
            || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(self)
    }
}
