import AuthCore
import SessionTokens
import Testing

@Suite("SessionCookie")
struct SessionCookieTests {
    @Test("the standard cookie carries __Host-, Path=/, Secure, HttpOnly, SameSite=Lax and no Domain")
    func standard() throws {
        let token = SessionToken.generate()
        let value = SessionCookie.standard.setCookieValue(for: token)
        #expect(value == "__Host-session=\(token.revealedText); Path=/; Secure; HttpOnly; SameSite=Lax")
        #expect(!value.contains("Domain"))
        #expect(
            try SessionToken(parsing: String(value.split(separator: ";")[0].dropFirst("__Host-session=".count)))
                == token)
    }

    @Test("clearing sets an empty value with Max-Age=0")
    func clearing() throws {
        let cookie = try #require(SessionCookie(baseName: "crm", sameSite: .strict, maxAge: 3600))
        #expect(cookie.clearingSetCookieValue() == "__Host-crm=; Path=/; Secure; HttpOnly; SameSite=Strict; Max-Age=0")
        #expect(cookie.setCookieValue(for: .generate()).hasSuffix("; SameSite=Strict; Max-Age=3600"))
    }

    @Test("names that would break the header are refused", arguments: ["", "a b", "a;b", "a=b", "é", "a,b", "a\"b"])
    func badNames(name: String) {
        #expect(SessionCookie(baseName: name) == nil)
    }
}
