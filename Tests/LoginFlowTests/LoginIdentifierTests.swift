import Foundation
import Testing

@testable import LoginFlow

/// The scalars of `text` as `U+XXXX`, so a failure names the exact input.
func scalars(_ text: String) -> String {
    text.unicodeScalars.map { "U+" + String($0.value, radix: 16, uppercase: true) }.joined(separator: " ")
}

@Suite("LoginIdentifier")
struct LoginIdentifierTests {
    @Test("Case, width and surrounding whitespace fold to one key; the text is kept as given")
    func foldsToOneKey() throws {
        let typed = try LoginIdentifier(email: "  Ana.Lima@Example.COM ")
        let wide = try LoginIdentifier(email: "\u{FF41}na.lima@example.com")
        #expect(typed.key == "ana.lima@example.com")
        #expect(typed.text == "Ana.Lima@Example.COM")
        #expect(typed == wide)
        #expect(Set([typed, wide]).count == 1, "hashing agrees with equality")
        #expect(typed.description == "email: Ana.Lima@Example.COM")
    }

    @Test("Keys lowercase and fold the final sigma, nothing else of case folding: ß stays apart from ss")
    func lowercaseNotCaseFold() throws {
        // Typed in capitals, and in lower case with the final ς a Greek keyboard gives: one key.
        let upper = try LoginIdentifier(username: "\u{39F}\u{394}\u{39F}\u{3A3}")
        let lower = try LoginIdentifier(username: "\u{3BF}\u{3B4}\u{3BF}\u{3C2}")
        #expect(upper == lower, "\(scalars(upper.key)) != \(scalars(lower.key))")
        #expect(Array(lower.key.unicodeScalars) == ["\u{3BF}", "\u{3B4}", "\u{3BF}", "\u{3C3}"])
        #expect(try LoginIdentifier(username: "\u{3BF}\u{3B4}\u{3BF}\u{3C3}") == lower)
        #expect(try LoginIdentifier(email: "\u{3BF}\u{3B4}\u{3BF}\u{3C2}@example.com").key.contains("\u{3C3}@"))
        // Full case folding would turn ß into ss and lowercase Cherokee into capitals; lowercasing does not.
        #expect(try LoginIdentifier(email: "stra\u{DF}e@example.com") != LoginIdentifier(email: "strasse@example.com"))
        #expect(
            try LoginIdentifier(email: "STRA\u{DF}E@example.com") == LoginIdentifier(email: "stra\u{DF}e@example.com"))
        #expect(try LoginIdentifier(username: "\u{13A0}\u{13A1}").key == "\u{AB70}\u{AB71}")
    }

    @Test(
        "Malformed email addresses are typed errors",
        arguments: [
            "", "  ", "\t\n", "a@b@c", "@x.com", "ana@", "a b@x.com", "ana@x..com", "ana@.x.com", "ana@x.com.",
            "ana@-x.com", "ana@x-.com", "ana@x.-y.com", "ana", "ana@x\u{0}.com", "ana\u{7}@x.com", "ana\u{7F}@x.com",
            "ana\u{A0}lima@x.com", "ana\u{3000}lima@x.com", "ana\u{2028}@x.com", "ana\u{200B}@x.com",
            "ana\u{202E}moc.x@x.com", "ana\u{378}@x.com", "ana\u{FFFF}@x.com",
            // No whitespace once normalized: U+00A8 DIAERESIS is a space and U+0308; U+FDFA is four words.
            "ana\u{A8}@x.com", "ana\u{FDFA}@x.com", "ana\u{2017}@x.com",
        ])
    func malformedEmail(_ text: String) {
        #expect(throws: LoginFlowError.invalidIdentifier, "\(scalars(text))") { try LoginIdentifier(email: text) }
    }

    @Test(
        "Malformed usernames are typed errors",
        arguments: [
            "", " ", "-ana", "_ana", ".ana", "ana!", "ana+1", "ana$", "ana lima", "ana/lima", "ana\\lima", "ana:1",
            "ana@", "\u{1F600}", "ana\u{1F600}", "\u{301}ana", "ana\u{200D}", "ana\u{202E}", "ana\u{0}", "a\u{2044}b",
        ])
    func malformedUsername(_ text: String) {
        #expect(throws: LoginFlowError.invalidIdentifier, "\(scalars(text))") { try LoginIdentifier(username: text) }
    }

    @Test(
        "Usernames hold letters, digits, marks and . _ - and start with a letter or digit",
        arguments: [
            "Ana_Lima-2", "ana.lima", "2ana", "a", "\u{417}\u{43E}\u{44F}", "\u{4E2D}\u{6587}", "jose\u{301}",
            "\u{939}\u{93F}\u{928}\u{94D}\u{926}\u{940}", "\u{FF21}\u{FF4E}\u{FF41}", "\u{661}\u{662}", "a--b__c..d",
        ])
    func usernames(_ text: String) throws {
        let identifier = try LoginIdentifier(parsing: text)
        #expect(identifier.kind == .username)
    }

    @Test("The login field's one text is an email address exactly when its normalized form holds an @")
    func emailUsernameSplit() throws {
        #expect(try LoginIdentifier(parsing: "ana@example.com").kind == .email)
        #expect(try LoginIdentifier(parsing: "ana.lima").kind == .username)
        // A full-width or small commercial at from a phone's IME is an @ once normalized.
        let wide = try LoginIdentifier(parsing: "ana\u{FF20}example.com")
        #expect(wide.kind == .email)
        #expect(wide == (try LoginIdentifier(email: "ana@example.com")))
        #expect(try LoginIdentifier(parsing: "ana\u{FE6B}example.com").kind == .email)
        #expect(throws: LoginFlowError.invalidIdentifier) { try LoginIdentifier(parsing: "ana@") }
        #expect(throws: LoginFlowError.invalidIdentifier, "an @ makes it an email, never a username") {
            try LoginIdentifier(parsing: "@ana")
        }
        #expect(throws: LoginFlowError.invalidIdentifier) { try LoginIdentifier(username: "ana@example.com") }
        #expect(throws: LoginFlowError.invalidIdentifier) { try LoginIdentifier(email: "ana.lima") }
        let email = try LoginIdentifier(email: "ana@example.com")
        let username = try LoginIdentifier(username: "ana")
        #expect(email != username, "kinds never compare equal")
    }

    @Test("Input is refused past 1024 bytes before any normalization, even if trimming would shorten it")
    func inputBound() throws {
        let padded = String(repeating: " ", count: LoginIdentifier.maximumInputBytes - 3) + "ana"
        #expect(padded.utf8.count == LoginIdentifier.maximumInputBytes)
        #expect(try LoginIdentifier(parsing: padded).key == "ana", "exactly 1024 bytes is read")
        #expect(throws: LoginFlowError.invalidIdentifier) { try LoginIdentifier(parsing: " " + padded) }
        #expect(throws: LoginFlowError.invalidIdentifier) {
            try LoginIdentifier(parsing: String(repeating: "a", count: 1 << 20))
        }
    }

    @Test("An email address is at most 254 bytes, its local part 64, a domain label 63, counted on the key")
    func emailBounds() throws {
        let local64 = String(repeating: "a", count: 64)
        let label63 = String(repeating: "b", count: 63)
        #expect(try LoginIdentifier(email: "\(local64)@x.com").key.utf8.count == 70)
        #expect(throws: LoginFlowError.invalidIdentifier) { try LoginIdentifier(email: "a\(local64)@x.com") }
        #expect(try LoginIdentifier(email: "ana@\(label63).com").kind == .email)
        #expect(throws: LoginFlowError.invalidIdentifier) { try LoginIdentifier(email: "ana@b\(label63).com") }
        // 64 + 1 + 63 + 1 + 63 + 1 + 61 = 254 bytes.
        let longest = "\(local64)@\(label63).\(label63).\(String(repeating: "c", count: 61))"
        #expect(longest.utf8.count == LoginIdentifier.maximumEmailBytes)
        #expect(try LoginIdentifier(email: longest).key == longest)
        #expect(throws: LoginFlowError.invalidIdentifier) { try LoginIdentifier(email: longest + "c") }
        // Bytes, not characters: 32 two-byte letters fill the local part; 33 overflow it.
        #expect(try LoginIdentifier(email: String(repeating: "\u{E9}", count: 32) + "@x.com").kind == .email)
        #expect(throws: LoginFlowError.invalidIdentifier) {
            try LoginIdentifier(email: String(repeating: "\u{E9}", count: 33) + "@x.com")
        }
        // Counted on the key: 64 full-width letters are 192 bytes typed and 64 once folded.
        let wide = String(repeating: "\u{FF41}", count: 64) + "@x.com"
        #expect(try LoginIdentifier(email: wide).key == "\(local64)@x.com")
    }

    @Test("A username is at most 64 bytes of its key, which compatibility mapping may lengthen")
    func usernameBounds() throws {
        #expect(try LoginIdentifier(username: String(repeating: "a", count: 64)).kind == .username)
        #expect(throws: LoginFlowError.invalidIdentifier) {
            try LoginIdentifier(username: String(repeating: "a", count: 65))
        }
        // U+337F SQUARE CORPORATION (3 bytes) is 株式会社 (12 bytes) once NFKC-mapped: 6 are 72 bytes.
        let squares = String(repeating: "\u{337F}", count: 6)
        #expect(squares.utf8.count == 18)
        #expect(throws: LoginFlowError.invalidIdentifier) { try LoginIdentifier(username: squares) }
        #expect(try LoginIdentifier(username: String(repeating: "\u{337F}", count: 5)).key.utf8.count == 60)
    }

    @Test("Canonically equivalent spellings have one key; the text keeps the spelling given")
    func canonicalEquivalence() throws {
        let composed = try LoginIdentifier(email: "Jos\u{E9}@example.com")
        let decomposed = try LoginIdentifier(email: "Jose\u{301}@example.com")
        #expect(Array(composed.key.utf8) == Array(decomposed.key.utf8))
        #expect(composed.key == "jos\u{E9}@example.com" && composed.key.unicodeScalars.count == 16, "composed")
        #expect(Array(decomposed.text.utf8) == Array("Jose\u{301}@example.com".utf8), "the text is never normalized")
        #expect(composed == decomposed)
        // Hangul jamo compose to the syllable.
        #expect(try LoginIdentifier(username: "\u{1112}\u{1161}\u{11AB}").key == "\u{D55C}")
    }

    @Test(
        "Compatibility forms fold to their plain letters",
        arguments: [
            ("\u{FF21}\u{FF2E}\u{FF21}", "ana"), ("\u{FB01}nance", "finance"), ("\u{212A}elvin", "kelvin"),
            ("\u{2126}mega", "\u{3C9}mega"), ("\u{212B}sa", "\u{E5}sa"), ("\u{216B}th", "xiith"),
            ("\u{24B6}\u{24B7}", "ab"), ("\u{1D400}\u{1D401}", "ab"), ("x\u{B2}", "x2"),
            ("\u{FF76}\u{FF9E}", "\u{30AC}"),
            ("\u{FF11}\u{FF12}a", "12a"), ("\u{1E9B}\u{323}", "\u{1E69}"),
        ] as [(String, String)])
    func compatibilityFolding(_ typed: String, _ key: String) throws {
        #expect(Array(try LoginIdentifier(username: typed).key.utf8) == Array(key.utf8), "\(scalars(typed))")
    }

    @Test("Turkish dotted and dotless i: lowercasing is Unicode's, never a locale's")
    func turkish() throws {
        // U+0130 lowercases to i + U+0307 COMBINING DOT ABOVE (SpecialCasing), which has no precomposed form.
        let dotted = try LoginIdentifier(username: "\u{130}stanbul")
        #expect(Array(dotted.key.utf8) == Array("i\u{307}stanbul".utf8))
        #expect(dotted == (try LoginIdentifier(username: "i\u{307}stanbul")), "typed either way, one key")
        #expect(dotted != (try LoginIdentifier(username: "istanbul")), "not the dotless-capital spelling")
        #expect(try LoginIdentifier(username: "ISTANBUL").key == "istanbul", "I lowercases to i, not to \u{131}")
        #expect(try LoginIdentifier(username: "\u{131}rmak").key == "\u{131}rmak", "dotless \u{131} stays")
        #expect(try LoginIdentifier(username: "\u{131}rmak") != (try LoginIdentifier(username: "irmak")))
    }

    @Test("German sharp s: lowercase keeps \u{DF}; the capital \u{1E9E} lowercases to it; SS stays ss")
    func germanSharpS() throws {
        #expect(try LoginIdentifier(username: "Stra\u{DF}e").key == "stra\u{DF}e")
        #expect(try LoginIdentifier(username: "GRO\u{1E9E}") == (try LoginIdentifier(username: "gro\u{DF}")))
        // Lowercasing is not case folding: STRASSE and Straße are two keys (case folding would merge them).
        #expect(try LoginIdentifier(username: "STRASSE") != (try LoginIdentifier(username: "Stra\u{DF}e")))
    }

    @Test("The key is stable: parsing a key again gives the same key, for every scalar of the BMP")
    func keyIdempotentOverTheBMP() throws {
        var accepted = 0
        var unstable: [String] = []
        for value in UInt32(0x20)...0xFFFF {
            guard let scalar = Unicode.Scalar(value) else { continue }
            for typed in ["a\(scalar)", "a\(scalar)@x.com"] {
                guard let identifier = try? LoginIdentifier(parsing: typed) else { continue }
                accepted += 1
                let again = try? LoginIdentifier(parsing: identifier.key)
                if again.map({ Array($0.key.utf8) == Array(identifier.key.utf8) && $0.kind == identifier.kind }) != true
                {
                    unstable.append(scalars(typed))
                }
                if identifier.key.unicodeScalars.contains(where: {
                    CharacterSet.whitespacesAndNewlines.contains($0) || CharacterSet.controlCharacters.contains($0)
                }) {
                    unstable.append("whitespace or control in the key of " + scalars(typed))
                }
            }
        }
        #expect(accepted > 50_000, "most scalars are accepted in an email's local part or after a letter")
        #expect(unstable.isEmpty, "\(unstable.count) inputs: \(unstable.prefix(20))")
    }

    @Test("the ASCII fast path answers exactly what the Unicode normalization answers, errors included")
    func asciiFastPathMatchesUnicode() throws {
        func outcome(_ body: () throws(LoginFlowError) -> (text: String, key: String)?) -> String {
            do {
                guard let value = try body() else { return "nil" }
                return "ok " + Array(value.text.utf8).description + " " + Array(value.key.utf8).description
            } catch {
                return "error \(error.code) \(error.reason)"
            }
        }
        let ascii = (0..<128).map { String(Unicode.Scalar(UInt8($0))) }
        var inputs = ascii
        for first in ascii { for second in ascii { inputs.append(first + second) } }
        for middle in ascii {
            inputs += [
                "Ana\(middle)Sales@Example.COM", " \(middle)bo@x.io\t", "\n\(middle)Zed-01\r", "\(middle) ",
                " \(middle)",
            ]
        }
        var differences: [String] = []
        for input in inputs {
            let fast = outcome { () throws(LoginFlowError) in try LoginIdentifier.normalizeASCII(input) }
            let full = outcome { () throws(LoginFlowError) in try LoginIdentifier.normalizeUnicode(input) }
            if fast != full { differences.append("\(Array(input.utf8)): \(fast) vs \(full)") }
        }
        #expect(inputs.count == 128 + 128 * 128 + 5 * 128)
        #expect(differences.isEmpty, "\(differences.count) inputs: \(differences.prefix(10))")
        #expect(outcome { () throws(LoginFlowError) in try LoginIdentifier.normalizeASCII("ana@exämple.com") } == "nil")
    }
}
