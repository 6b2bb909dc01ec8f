import PasswordPolicy
import Testing

@Suite("Composition rules (opt-in)")
struct CompositionRuleTests {
    @Test("none apply by default")
    func noneByDefault() async throws {
        #expect(try await makeChecker().check("all lowercase words here").isAcceptable)
        #expect(try await makeChecker().check("aaaaaaaaaaaaaaaaaaaa").isAcceptable)
    }

    @Test("each named rule reports its own code, all together")
    func eachRule() async throws {
        let checker = try makeChecker {
            $0.compositionRules = [.requireLowercase, .requireUppercase, .requireDigit, .requireSymbol]
        }
        let none = try await checker.check(String(repeating: "\u{5D0}", count: 15))  // Hebrew has no case
        #expect(none.codes == [.missingLowercase, .missingUppercase, .missingDigit, .missingSymbol])
        #expect(try await checker.check("Correct horse battery 9").isAcceptable)
        #expect(try await checker.check("correct horse battery 9").codes == [.missingUppercase])
        #expect(try await checker.check("CORRECT HORSE BATTERY 9").codes == [.missingLowercase])
        #expect(try await checker.check("Correct horse battery x").codes == [.missingDigit])
        #expect(try await checker.check("CorrectHorseBattery9").codes == [.missingSymbol])
    }

    @Test(
        "letters, digits and symbols beyond ASCII count",
        arguments: [
            ("\u{C9}\u{E9}\u{663}\u{1F600}" + String(repeating: "x", count: 11), true),  // É é ٣ 😀
            ("\u{FF21}\u{FF41}\u{FF11}\u{FF01}" + String(repeating: "x", count: 11), true),  // full-width, after NFKC
            ("Straße\u{A0}\u{1D7D9}" + String(repeating: "x", count: 8), true),  // NBSP is a space; 𝟙 becomes 1
        ]
    )
    func unicodeClasses(password: String, acceptable: Bool) async throws {
        let checker = try makeChecker {
            $0.compositionRules = [.requireLowercase, .requireUppercase, .requireDigit, .requireSymbol]
        }
        #expect(try await checker.check(password).isAcceptable == acceptable, "\(codePoints(password))")
    }

    @Test("maximum repeated characters counts code points in a row")
    func repeats() async throws {
        let checker = try makeChecker { $0.compositionRules = [.maximumRepeatedCharacters(3)] }
        #expect(try await checker.check("aaabbbcccdddeeefff").isAcceptable)
        let result = try await checker.check("aaaabbbcccdddeeefff")
        #expect(result.codes == [.tooManyRepeatedCharacters])
        #expect(result.violations[0].message == "Don't repeat the same character more than 3 times in a row.")
        // e + U+0301 four times is four é in a row after NFKC.
        #expect(
            try await checker.check("e\u{301}e\u{301}e\u{301}e\u{301}" + "bcdefghijklmn").codes == [
                .tooManyRepeatedCharacters
            ])
        #expect(
            try await makeChecker { $0.compositionRules = [.maximumRepeatedCharacters(1)] }
                .check("abcabcabcabcabcabc").isAcceptable)
    }
}
