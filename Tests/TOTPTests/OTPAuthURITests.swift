import AuthCore
import TOTP
import Testing

@Suite("OTPAuthURI")
struct OTPAuthURITests {
    /// "12345678901234567890" in Base32, the RFC 4226 Appendix D secret.
    static let secretBase32 = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ"

    @Test("builds the Key URI format with escaped labels")
    func build() throws {
        let secret = try OTPSecret(base32: Self.secretBase32)
        let uri = try OTPAuthURI(issuer: "Acme CRM", account: "ada lovelace@example.com", secret: secret)
        #expect(
            uri.revealedString
                == "otpauth://totp/Acme%20CRM:ada%20lovelace%40example.com?secret=\(Self.secretBase32)"
                + "&issuer=Acme%20CRM&algorithm=SHA1&digits=6&period=30")
        let hotp = try OTPAuthURI(kind: .hotp(counter: 42), issuer: nil, account: "ada", secret: secret, digits: 8)
        #expect(
            hotp.revealedString == "otpauth://hotp/ada?secret=\(Self.secretBase32)&algorithm=SHA1&digits=8&counter=42")
    }

    @Test("the description never shows the secret")
    func redaction() throws {
        let uri = try OTPAuthURI(issuer: "Acme", account: "ada", secret: OTPSecret(base32: Self.secretBase32))
        #expect(!"\(uri)".contains(Self.secretBase32))
    }

    @Test(
        "round-trips through text",
        arguments: [
            (OTPAuthURI.Kind.totp(period: 30), "Acme CRM", "ada@example.com", HashFunction.sha1, 6),
            (.totp(period: 60), "Ünïcødé & Co/?#", "名前 +plus", .sha256, 8),
            (.totp(period: 86_400), nil, "solo", .sha512, 7),
            (.hotp(counter: 0), "Bank", "ada", .sha1, 6),
            (.hotp(counter: UInt64.max), "100% legit", "a=b&c", .sha512, 8),
        ] as [(OTPAuthURI.Kind, String?, String, HashFunction, Int)]
    )
    func roundTrip(kind: OTPAuthURI.Kind, issuer: String?, account: String, algorithm: HashFunction, digits: Int) throws
    {
        let uri = try OTPAuthURI(
            kind: kind, issuer: issuer, account: account, secret: .generate(), algorithm: algorithm, digits: digits)
        #expect(try OTPAuthURI(parsing: uri.revealedString) == uri)
    }

    @Test("parses what other generators write")
    func parseVariants() throws {
        let plain = try OTPAuthURI(parsing: "otpauth://totp/ada?secret=\(Self.secretBase32)")
        #expect(plain.issuer == nil && plain.account == "ada" && plain.kind == .totp(period: 30))
        #expect(plain.algorithm == .sha1 && plain.digits == 6)
        #expect(plain.configuration == TOTPConfiguration.default)

        let mixed = try OTPAuthURI(
            parsing: "OTPAUTH://TOTP/Example%3A%20alice%40google.com?SECRET=\(Self.secretBase32.lowercased())"
                + "&issuer=Example&algorithm=sha256&image=https%3A%2F%2Fexample.com%2Fa.png")
        #expect(mixed.issuer == "Example" && mixed.account == "alice@google.com" && mixed.algorithm == .sha256)

        let parameterOnly = try OTPAuthURI(parsing: "otpauth://totp/alice?secret=\(Self.secretBase32)&issuer=Big+Co")
        #expect(parameterOnly.issuer == "Big Co")

        let hotp = try OTPAuthURI(parsing: "otpauth://hotp/Bank:ada?secret=\(Self.secretBase32)&counter=7")
        #expect(hotp.kind == .hotp(counter: 7) && hotp.configuration == nil)
    }

    @Test(
        "hostile and malformed input is a typed error",
        arguments: [
            ("https://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", TOTPError.invalidURI),
            ("otpauth://", .invalidURI),
            ("otpauth://totp", .invalidURI),
            ("otpauth://motp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", .invalidURI),
            ("otpauth://totp/?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", .invalidURI),
            ("otpauth://totp/a%ZZ?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", .invalidURI),
            ("otpauth://totp/a%?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", .invalidURI),
            ("otpauth://totp/a%FF?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", .invalidURI),
            ("otpauth://totp/a%00?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", .invalidURI),
            ("otpauth://totp/:a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", .invalidURI),
            ("otpauth://totp/A:b:c?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", .invalidURI),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=X%3AY", .invalidURI),
            (
                "otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
                .invalidURI
            ),
            ("otpauth://totp/a?secret", .invalidURI),
            ("otpauth://totp/a", .missingParameter),
            ("otpauth://totp/a?issuer=Acme", .missingParameter),
            ("otpauth://hotp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ", .missingParameter),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJ1", .invalidSecret),
            ("otpauth://totp/a?secret=", .invalidSecret),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQ", .invalidSecret),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=MD5", .unsupportedAlgorithm),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&algorithm=SHA-256", .unsupportedAlgorithm),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=5", .parameterOutOfRange),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=9", .parameterOutOfRange),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=+6", .parameterOutOfRange),
            (
                "otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&digits=99999999999999999999999",
                .parameterOutOfRange
            ),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&period=0", .parameterOutOfRange),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&period=-30", .parameterOutOfRange),
            ("otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&period=86401", .parameterOutOfRange),
            (
                "otpauth://totp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&period=18446744073709551616",
                .parameterOutOfRange
            ),
            ("otpauth://hotp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=-1", .parameterOutOfRange),
            (
                "otpauth://hotp/a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&counter=18446744073709551616",
                .parameterOutOfRange
            ),
            ("otpauth://totp/Acme:a?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ&issuer=Evil", .issuerMismatch),
            ("otpauth://totp/a?secret=" + String(repeating: "A", count: 3_000), .inputTooLong),
            (
                "otpauth://totp/" + String(repeating: "a", count: 300) + "?secret=GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ",
                .inputTooLong
            ),
        ] as [(String, TOTPError)]
    )
    func hostile(text: String, error: TOTPError) {
        #expect(throws: error) { try OTPAuthURI(parsing: text) }
    }

    @Test("a megabyte of input is refused by its length")
    func huge() {
        let text = "otpauth://totp/a?secret=" + String(repeating: "GEZDGNBV", count: 131_072)
        #expect(throws: TOTPError.inputTooLong) { try OTPAuthURI(parsing: text) }
    }

    @Test("building refuses colons, empty accounts, long names and a T0 the URI cannot carry")
    func buildErrors() throws {
        let secret = OTPSecret.generate()
        #expect(throws: TOTPError.invalidURI) { try OTPAuthURI(issuer: "A:B", account: "ada", secret: secret) }
        #expect(throws: TOTPError.invalidURI) { try OTPAuthURI(issuer: "A", account: "a:b", secret: secret) }
        #expect(throws: TOTPError.invalidURI) { try OTPAuthURI(issuer: "A", account: "", secret: secret) }
        #expect(throws: TOTPError.inputTooLong) {
            try OTPAuthURI(issuer: String(repeating: "x", count: 257), account: "ada", secret: secret)
        }
        #expect(throws: TOTPError.parameterOutOfRange) {
            try OTPAuthURI(kind: .totp(period: 0), issuer: nil, account: "ada", secret: secret)
        }
        #expect(throws: TOTPError.parameterOutOfRange) {
            try OTPAuthURI(issuer: nil, account: "ada", secret: secret, configuration: TOTPConfiguration(epoch: 10))
        }
    }

    @Test("regression: a URI with long percent-encoded names parsed but its written form did not")
    func writtenFormAlwaysParses() throws {
        let accents = String(repeating: "%C3%A9", count: 127)
        let text = "otpauth://totp/\(accents):\(String(repeating: "%C3%A9", count: 100))?secret=\(Self.secretBase32)"
        // 254 bytes of issuer, written twice and percent-encoded, would not fit the parser's limit.
        #expect(throws: TOTPError.inputTooLong) { try OTPAuthURI(parsing: text) }
        let secret = try OTPSecret(base32: Self.secretBase32)
        let longest = String(repeating: "\u{E9}", count: 128)
        #expect(throws: TOTPError.inputTooLong) { try OTPAuthURI(issuer: longest, account: longest, secret: secret) }
        // What can be built can be read back, at the largest sizes that fit.
        let fitting = try OTPAuthURI(issuer: String(repeating: "\u{E9}", count: 80), account: longest, secret: secret)
        #expect(try OTPAuthURI(parsing: fitting.revealedString) == fitting)
    }

    @Test("regression: an account name beginning with a space lost the space on the way back")
    func leadingSpaceRefused() throws {
        let text = "otpauth://totp/%20bob?secret=\(Self.secretBase32)&issuer=X"
        #expect(throws: TOTPError.invalidURI) { try OTPAuthURI(parsing: text) }
        let secret = try OTPSecret(base32: Self.secretBase32)
        #expect(throws: TOTPError.invalidURI) { try OTPAuthURI(issuer: "X", account: " bob", secret: secret) }
        let inner = try OTPAuthURI(issuer: "X", account: "bob smith ", secret: secret)
        #expect(try OTPAuthURI(parsing: inner.revealedString) == inner)
    }
}
