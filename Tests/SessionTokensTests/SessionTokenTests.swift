import AuthCore
import SessionTokens
import Testing

@Suite("SessionToken")
struct SessionTokenTests {
    /// A well-formed token text built from `body` with a correct checksum, as a forger would.
    static func forged(body: String) -> String {
        SessionToken.prefix + body
            + Base64URL.encode(HashFunction.sha256.digest(SessionToken.prefix + body).prefix(4))
    }

    @Test("a generated token has the prefix, 55 characters and parses back")
    func roundTrip() throws {
        let token = SessionToken.generate()
        #expect(token.revealedText.hasPrefix("crm_s_"))
        #expect(token.revealedText.count == SessionToken.length)
        #expect(SessionToken.length == 55)
        let parsed = try SessionToken(parsing: token.revealedText)
        #expect(parsed == token)
        #expect(parsed.digest == token.digest)
    }

    @Test("tokens are distinct and so are their digests")
    func distinct() {
        let tokens = (0..<200).map { _ in SessionToken.generate() }
        #expect(Set(tokens.map(\.revealedText)).count == 200)
        #expect(Set(tokens.map(\.digest)).count == 200)
    }

    @Test("the digest is SHA-256 of the full token text")
    func digestIsSHA256() {
        let token = SessionToken.generate()
        #expect(token.digest.bytes == HashFunction.sha256.digest(token.revealedText))
    }

    @Test("description, debugDescription and reflection never show the token")
    func redacted() {
        let token = SessionToken.generate()
        let body = String(token.revealedText.dropFirst(SessionToken.prefix.count))
        for text in ["\(token)", String(reflecting: token), String(describing: Mirror(reflecting: token).children.map(\.value))] {
            #expect(!text.contains(body))
        }
        #expect(!"\(token.digest)".contains(body))
    }

    static let validBody = String(SessionToken.generate().revealedText.dropFirst(6).prefix(43))

    @Test(
        "malformed texts are rejected before any lookup",
        arguments: [
            "",
            "crm_s_",
            "crm_s",
            "Bearer ",
            String(repeating: "A", count: 55),
            "crm_x_" + String(repeating: "A", count: 49),
            "CRM_S_" + String(repeating: "A", count: 49),
            "crm_s_" + String(repeating: "A", count: 48),
            "crm_s_" + String(repeating: "A", count: 50),
            "crm_s_" + String(repeating: "A", count: 49),
            "crm_s_" + String(repeating: "+", count: 49),
            "crm_s_" + String(repeating: "/", count: 49),
            "crm_s_" + String(repeating: "=", count: 49),
            "crm_s_" + String(repeating: " ", count: 49),
            "crm_s_" + String(repeating: "é", count: 49),
            "crm_s_" + String(repeating: "\u{0}", count: 49),
            " " + forged(body: validBody).dropLast(),
            forged(body: validBody) + "\n",
            forged(body: validBody) + "=",
            String(forged(body: validBody).dropFirst()),
            String(forged(body: validBody).dropLast()),
        ]
    )
    func malformed(text: String) {
        #expect(throws: SessionTokenError.malformed) { try SessionToken(parsing: text) }
    }

    @Test("every single-character change to a valid token is rejected", arguments: [0, 6, 20, 48, 49, 54])
    func singleCharacterChange(position: Int) throws {
        let text = Array(SessionToken.generate().revealedText)
        for replacement in "Aa0-_Zz9" where replacement != text[position] {
            var changed = text
            changed[position] = replacement
            #expect(throws: SessionTokenError.malformed) { try SessionToken(parsing: String(changed)) }
        }
    }

    @Test("a forged token with a correct checksum parses (the checksum is not a MAC)")
    func forgedChecksumParses() throws {
        let text = Self.forged(body: String(repeating: "A", count: 43))
        #expect(try SessionToken(parsing: text).revealedText == text)
    }

    @Test("a non-canonical body (low bits set in the last character) is rejected")
    func nonCanonical() {
        let body = String(repeating: "A", count: 42) + "B"
        #expect(throws: SessionTokenError.malformed) { try SessionToken(parsing: Self.forged(body: body)) }
    }

    @Test("digests must be 32 bytes", arguments: [0, 31, 33, 64])
    func digestLength(count: Int) {
        #expect(throws: SessionTokenError.malformed) {
            try SessionTokenDigest(bytes: [UInt8](repeating: 0, count: count))
        }
    }

    @Test("errors compare by code and print the reason, not the token")
    func errors() {
        #expect(SessionTokenError(.malformed, "x") == .malformed)
        #expect(SessionTokenError.expired != .idleExpired)
        #expect("\(SessionTokenError(.notFound, "gone"))" == "SessionTokenError(not found): gone")
    }
}
