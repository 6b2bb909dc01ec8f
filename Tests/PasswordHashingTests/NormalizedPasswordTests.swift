import AuthCore
import PasswordHashing
import Testing

@Suite("NormalizedPassword")
struct NormalizedPasswordTests {
    @Test(
        "NFKC makes differently typed forms equal",
        arguments: [
            ("e\u{301}", "\u{E9}"),  // e + combining acute = é
            ("\u{FF21}\u{FF22}\u{FF23}", "ABC"),  // full-width forms
            ("\u{FB01}le", "file"),  // ﬁ ligature
            ("\u{2126}", "\u{3A9}"),  // OHM SIGN = GREEK CAPITAL OMEGA
            ("\u{212B}", "\u{C5}"),  // ANGSTROM SIGN = Å
            ("x\u{00B2}", "x2"),  // superscript two
        ]
    )
    func equivalentForms(typed: String, expected: String) throws {
        let normalized = try NormalizedPassword(typed)
        #expect(codePoints(normalized.revealed) == codePoints(expected))
        #expect(normalized.codePointCount == expected.unicodeScalars.count)
    }

    @Test("combining e + U+0301 and precomposed U+00E9 have the same length after NFKC")
    func combiningLength() throws {
        let combining = try NormalizedPassword(String(repeating: "cafe\u{301}", count: 3))
        let precomposed = try NormalizedPassword(String(repeating: "caf\u{E9}", count: 3))
        #expect(combining.codePointCount == 12)
        #expect(combining == precomposed)
    }

    @Test(
        "code points are counted, not grapheme clusters",
        arguments: [
            ("\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", 5, 1),  // family: 3 people + 2 ZWJ
            ("\u{1F1EB}\u{1F1F7}", 2, 1),  // French flag: two regional indicators
            ("\u{1F44D}\u{1F3FD}", 2, 1),  // thumbs up + skin tone modifier
            ("\u{5E9}\u{5DC}\u{5D5}\u{5DD}", 4, 4),  // Hebrew שלום
            ("\u{645}\u{631}\u{62D}\u{628}\u{627}", 5, 5),  // Arabic مرحبا
        ]
    )
    func codePointCount(text: String, codePoints: Int, characters: Int) throws {
        let normalized = try NormalizedPassword(text)
        #expect(normalized.codePointCount == codePoints)
        #expect(normalized.revealed.count == characters)
    }

    @Test("a password of exactly the byte limit passes; one byte more is an error")
    func byteLimit() throws {
        #expect(try NormalizedPassword(String(repeating: "a", count: 4096)).codePointCount == 4096)
        #expect(throws: PasswordHashingError.passwordTooLong) {
            try NormalizedPassword(String(repeating: "a", count: 4097))
        }
        // Multi-byte: 1024 four-byte emoji are exactly 4096 bytes.
        #expect(try NormalizedPassword(String(repeating: "\u{1F600}", count: 1024)).codePointCount == 1024)
        #expect(throws: PasswordHashingError.passwordTooLong) {
            try NormalizedPassword(String(repeating: "\u{1F600}", count: 1024) + "a")
        }
        #expect(throws: PasswordHashingError.passwordTooLong) {
            try NormalizedPassword(String(repeating: "a", count: 1025), maximumBytes: 1024)
        }
    }

    @Test("expansion under NFKC is measured again: small input, too large output")
    func expansion() throws {
        // U+FDFA (3 bytes) becomes 18 code points, 33 bytes.
        let one = try NormalizedPassword("\u{FDFA}")
        #expect(one.codePointCount == 18)
        #expect(one.revealed.utf8.count == 33)
        let input = String(repeating: "\u{FDFA}", count: 200)  // 600 bytes in, 6600 out
        #expect(input.utf8.count == 600)
        #expect(throws: PasswordHashingError.passwordTooLong) { try NormalizedPassword(input) }
    }

    @Test("a megabyte is refused before any normalization")
    func huge() {
        let huge = String(repeating: "\u{FDFA}", count: 1 << 18)
        #expect(throws: PasswordHashingError.passwordTooLong) { try NormalizedPassword(huge) }
    }

    @Test(
        "the typed text is kept only when its bytes differ from the NFKC form",
        arguments: [
            ("correct horse battery staple", false),  // ASCII
            ("caf\u{E9} cr\u{E8}me", false),  // NFC, already NFKC
            ("\u{5BC6}\u{7801}", false),  // CJK, already NFKC
            ("cafe\u{301} cre\u{300}me", true),  // NFD: Swift's == calls it equal to the NFC form
            ("\u{FB01}sh", true),  // ligature
            ("\u{FF21}BC", true),  // full-width
        ]
    )
    func typedForm(typed: String, kept: Bool) throws {
        let password = try NormalizedPassword(typed)
        #expect((password.typedForm != nil) == kept)
        if let form = password.typedForm { #expect(Array(form.utf8) == Array(typed.utf8)) }
        #expect(password.typedByteCount == typed.utf8.count)
    }

    @Test("an empty password is a value; the hasher, not the type, refuses it")
    func empty() throws {
        let empty = try NormalizedPassword("")
        #expect(empty.codePointCount == 0)
        #expect(empty.typedForm == nil)
    }

    @Test("the typed form never appears in descriptions either")
    func typedFormRedacted() throws {
        let password = try NormalizedPassword("\u{FB01}sh and chips forever")
        #expect(password.typedForm != nil)
        let shown = RedactionAudit.renderings(of: password)
        #expect(RedactionAudit.leaks(of: Array("\u{FB01}sh and chips forever".utf8), in: shown, window: 4) == [])
        #expect(!shown.contains("chips"))
    }

    @Test("the password never appears in descriptions")
    func redacted() throws {
        let password = try NormalizedPassword("hunter2hunter2hunter2")
        #expect("\(password)" == "<redacted>")
        #expect(String(reflecting: password) == "NormalizedPassword(<redacted>)")
        var dumped = ""
        dump(password, to: &dumped)
        #expect(!dumped.contains("hunter2"))
    }
}
