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

    @Test("the digest is SHA-256 of prefix and body, and the checksum is its first 4 bytes")
    func digestIsSHA256() throws {
        let token = SessionToken.generate()
        let prefixAndBody = String(token.revealedText.dropLast(6))
        let expected = HashFunction.sha256.digest(prefixAndBody)
        #expect(token.digest.bytes == expected)
        #expect(token.revealedText == prefixAndBody + Base64URL.encode(expected.prefix(4)))
        #expect(try SessionToken(parsing: token.revealedText).digest.bytes == expected)
        #expect(try SessionToken(parsing: Substring(token.revealedText)).digest.bytes == expected)
        let refresh = RefreshToken.generate()
        #expect(refresh.digest.bytes == HashFunction.sha256.digest(String(refresh.revealedText.dropLast(6))))
        #expect(try RefreshToken(parsing: refresh.revealedText).digest == refresh.digest)
        let oneTime = OneTimeToken.generate()
        #expect(oneTime.digest.bytes == HashFunction.sha256.digest(String(oneTime.revealedText.dropLast(6))))
        #expect(try OneTimeToken(parsing: oneTime.revealedText).digest == oneTime.digest)
    }

    @Test("description, debugDescription and reflection never show the token")
    func redacted() {
        let token = SessionToken.generate()
        let body = String(token.revealedText.dropFirst(SessionToken.prefix.count))
        for text in [
            "\(token)", String(reflecting: token), String(describing: Mirror(reflecting: token).children.map(\.value)),
        ] {
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
            try TokenDigest(bytes: [UInt8](repeating: 0, count: count))
        }
    }

    @Test("errors compare by code and print the reason, not the token")
    func errors() {
        #expect(SessionTokenError(.malformed, "x") == .malformed)
        #expect(SessionTokenError.expired != .idleExpired)
        #expect("\(SessionTokenError(.notFound, "gone"))" == "SessionTokenError(not found): gone")
    }

    @Test("an error keeps its underlying error, outside equality")
    func underlyingError() {
        struct ConnectionLost: Error {}
        let error = SessionTokenError(.notFound, "the store failed", underlying: ConnectionLost())
        #expect(error == .notFound, "equality stays on the code")
        #expect(error.underlying is ConnectionLost, "the error itself is kept")
        #expect(SessionTokenError.notFound.underlying == nil)
    }

    @Test("every ASCII character is judged by the Base64URL alphabet (RFC 4648 §5), with a valid checksum")
    func alphabetMembership() throws {
        let alphabet = Set("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_".unicodeScalars)
        for value in UInt8(0)...127 {
            let scalar = Unicode.Scalar(value)
            let body = String(repeating: "A", count: 10) + String(scalar) + String(repeating: "A", count: 32)
            let text = Self.forged(body: body)
            if alphabet.contains(scalar) {
                #expect(try SessionToken(parsing: text).revealedText == text)
            } else {
                #expect(throws: SessionTokenError.malformed) { try SessionToken(parsing: text) }
            }
        }
    }

    @Test("a character outside the alphabet is refused at every position of body and checksum")
    func alphabetEveryPosition() throws {
        let token = SessionToken.generate().revealedText
        let start = SessionToken.prefix.utf8.count
        for position in start..<token.utf8.count {
            for intruder in ["!", "=", "+", "/", " ", "\u{0}", "\u{7F}"] {
                var bytes = Array(token.utf8)
                bytes[position] = intruder.utf8.first!
                let text = String(decoding: bytes, as: UTF8.self)
                #expect(throws: SessionTokenError.malformed) { try SessionToken(parsing: text) }
                // With the checksum recomputed, only the alphabet check can refuse a body position.
                if position < start + 43 {
                    let body = String(decoding: bytes[start..<(start + 43)], as: UTF8.self)
                    #expect(throws: SessionTokenError.malformed) { try SessionToken(parsing: Self.forged(body: body)) }
                }
            }
            // Two bytes of one non-ASCII character keep the length but not the alphabet.
            if position + 1 < token.utf8.count {
                var bytes = Array(token.utf8)
                bytes.replaceSubrange(position...(position + 1), with: Array("\u{E9}".utf8))
                #expect(throws: SessionTokenError.malformed) {
                    try SessionToken(parsing: String(decoding: bytes, as: UTF8.self))
                }
            }
        }
    }

    @Test("the last body character is accepted only when its two unused bits are zero")
    func canonicalLastCharacter() throws {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_")
        for (value, character) in alphabet.enumerated() {
            let text = Self.forged(body: String(repeating: "A", count: 42) + String(character))
            if value & 0b11 == 0 {
                #expect(try SessionToken(parsing: text).revealedText == text)
            } else {
                #expect(throws: SessionTokenError.malformed) { try SessionToken(parsing: text) }
            }
        }
    }

    @Test("a token inside a larger string (a Substring) parses to the same token")
    func parsesSubstring() throws {
        let token = SessionToken.generate()
        let header = "Bearer " + token.revealedText + " trailing"
        let slice = header.dropFirst(7).prefix(SessionToken.length)
        #expect(try SessionToken(parsing: slice) == token)
    }

    @Test("a digest read back from its bytes equals, hashes and finds like the token's own")
    func digestRoundTrip() throws {
        let token = SessionToken.generate()
        let restored = try TokenDigest(bytes: token.digest.bytes)
        #expect(restored == token.digest)
        #expect(restored.bytes == HashFunction.sha256.digest(String(token.revealedText.dropLast(6))))
        #expect([token.digest: 1][restored] == 1)
        #expect(restored != SessionToken.generate().digest)
    }
}
