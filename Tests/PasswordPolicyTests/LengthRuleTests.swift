import PasswordPolicy
import Testing

@Suite("Length rules")
struct LengthRuleTests {
    @Test("15 code points alone, 8 with a second factor")
    func defaults() async throws {
        let checker = try makeChecker()
        #expect(try await checker.check(String(repeating: "q", count: 14)).codes == [.tooShort])
        #expect(try await checker.check(String(repeating: "q", count: 15)).isAcceptable)
        let mfa = PasswordContext(hasMultiFactor: true)
        #expect(try await checker.check("qwertzu", context: mfa).codes == [.tooShort])
        #expect(try await checker.check("qwertzui", context: mfa).isAcceptable)
    }

    @Test("the message says what to do and never holds the password")
    func message() async throws {
        let result = try await makeChecker().check("tiny secret")
        let violation = try #require(result.violations.first)
        #expect(violation.code.rawValue == "too_short")
        #expect(violation.message == "Use at least 15 characters. Longer phrases are easier to remember.")
        #expect(!violation.message.contains("tiny") && !"\(result)".contains("tiny secret"))
    }

    @Test(
        "length counts NFKC code points",
        arguments: [
            (String(repeating: "e\u{301}", count: 15), true),  // 30 typed, 15 after NFKC
            (String(repeating: "e\u{301}", count: 14), false),
            (String(repeating: "\u{FF41}", count: 15), true),  // full-width a
            (String(repeating: "\u{FB01}", count: 8), true),  // 8 ligatures = 16 after NFKC
            (String(repeating: "\u{FB01}", count: 7), false),  // 14
            (String(repeating: "\u{1F1EB}\u{1F1F7}", count: 8), true),  // 8 flags = 16 code points
            (String(repeating: "\u{1F1EB}\u{1F1F7}", count: 7), false),  // 14
            (String(repeating: "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}", count: 3), true),  // 15
            (String(repeating: "\u{5E9}\u{5DC}\u{5D5}\u{5DD} ", count: 3), true),  // Hebrew, 15
            (String(repeating: "\u{5E9}\u{5DC}\u{5D5}\u{5DD}", count: 3), false),  // 12
        ]
    )
    func unicodeLengths(password: String, acceptable: Bool) async throws {
        let result = try await makeChecker().check(password)
        #expect(result.isAcceptable == acceptable, "\(codePoints(password))")
    }

    @Test("64 code points are always allowed; over the maximum is too_long and nothing else")
    func maximum() async throws {
        let checker = try makeChecker {
            $0.maximumLength = 64
            $0.bannedWords = ["aaaa"]
        }
        #expect(try await checker.check(String(repeating: "b", count: 64)).isAcceptable)
        let over = try await checker.check(String(repeating: "a", count: 65))
        #expect(over.codes == [.tooLong])
        #expect(over.violations[0].message == "Use at most 64 characters.")
        // The default maximum is 256.
        #expect(try await makeChecker().check(String(repeating: "b", count: 257)).codes == [.tooLong])
    }

    @Test("over the byte bound is an error, not a violation, and not truncated")
    func bytes() async throws {
        let checker = try makeChecker {
            $0.maximumBytes = 1024
            $0.maximumLength = 2048
        }
        #expect(try await checker.check(String(repeating: "b", count: 1024)).isAcceptable)
        await #expect(throws: PasswordPolicyError.passwordTooLong) {
            try await checker.check(String(repeating: "b", count: 1025))
        }
        await #expect(throws: PasswordPolicyError.passwordTooLong) {
            try await checker.check(String(repeating: "\u{FDFA}", count: 100))  // 300 bytes in, 3300 out
        }
    }

    @Test("configurable minimums")
    func configured() async throws {
        let checker = try makeChecker {
            $0.minimumLength = 20
            $0.minimumLengthWithMultiFactor = 12
        }
        #expect(try await checker.check(String(repeating: "q", count: 19)).codes == [.tooShort])
        #expect(
            try await checker.check(String(repeating: "q", count: 12), context: .init(hasMultiFactor: true))
                .isAcceptable)
        #expect(
            try await checker.check("q", context: .init(hasMultiFactor: true)).violations[0].message
                == "Use at least 12 characters. Longer phrases are easier to remember.")
    }

    @Test(
        "settings out of range are refused",
        arguments: [
            { (c: inout PasswordPolicyChecker.Configuration) in c.maximumLength = 63 },
            { c in c.maximumLength = 4097 },
            { c in c.maximumBytes = 1023 },
            { c in c.maximumBytes = 4097 },
            { c in c.minimumLength = 0 },
            { c in c.minimumLength = 300 },
            { c in c.minimumLengthWithMultiFactor = 0 },
            { c in c.minimumStrengthScore = 5 },
            { c in c.minimumStrengthScore = -1 },
            { c in c.compositionRules = [.maximumRepeatedCharacters(0)] },
            { c in c.maximumAge = 0 },
            { c in c.maximumAge = -.infinity },
            { c in c.bannedWords = ["ab"] },
            { c in c.bannedWords = ["a-b!"] },
        ] as [@Sendable (inout PasswordPolicyChecker.Configuration) -> Void]
    )
    func invalid(configure: @Sendable (inout PasswordPolicyChecker.Configuration) -> Void) {
        #expect(throws: PasswordPolicyError.invalidConfiguration) { try makeChecker(configure) }
    }
}
