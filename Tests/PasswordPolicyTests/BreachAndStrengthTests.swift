import PasswordPolicy
import Testing

@Suite("Breached passwords and strength")
struct BreachAndStrengthTests {
    @Test("the source is asked with the NFKC form and its match is reported")
    func breached() async throws {
        let source = WordSetChecker(["passwordpassword", "file"])
        let checker = try makeChecker { $0.breachedPasswords = source }
        let result = try await checker.check("PasswordPassword")
        #expect(result.codes == [.breached])
        #expect(result.breach == BreachedPasswordMatch(source: "test list", rank: 1))
        #expect(result.violations[0].message.contains("data breaches"))
        let ligature = try await checker.check("\u{FB01}le", context: PasswordContext(hasMultiFactor: true))
        #expect(ligature.codes == [.tooShort, .breached])  // ﬁle is "file" after NFKC
        #expect(source.queries == ["PasswordPassword", "file"])
        #expect(try await checker.check("a long unbreached phrase").isAcceptable)
    }

    @Test("a source that cannot answer makes the check fail, never pass")
    func unavailable() async throws {
        let checker = try makeChecker { $0.breachedPasswords = UnavailableChecker() }
        await #expect(throws: PasswordPolicyError.breachCheckUnavailable) {
            try await checker.check("a long unbreached phrase")
        }
        await #expect(throws: PasswordPolicyError.breachCheckUnavailable) {
            try await checker.breachMatch(for: "anything")
        }
    }

    @Test("breachMatch looks a password up on its own, for compromise checks at login")
    func breachMatchAlone() async throws {
        let checker = try makeChecker { $0.breachedPasswords = WordSetChecker(["hunter2"]) }
        #expect(try await checker.breachMatch(for: "HUNTER2")?.source == "test list")
        #expect(try await checker.breachMatch(for: "hunter3") == nil)
        #expect(try await makeChecker().breachMatch(for: "hunter2") == nil)
    }

    @Test("the strength estimate is reported, and a score below the minimum is too_weak")
    func strength() async throws {
        let checker = try makeChecker { $0.strengthEstimator = LengthEstimator() }
        let weak = try await checker.check("eightchr", context: PasswordContext(hasMultiFactor: true))
        #expect(weak.codes == [.tooWeak])  // 8 code points: score 1 < 2
        #expect(weak.strength?.score == 1)
        #expect(weak.strength?.feedback.warning == "Too short.")
        let fine = try await checker.check("fifteen letters")
        #expect(fine.isAcceptable)
        #expect(fine.strength?.score == 3)
        #expect(fine.strength?.guesses == 10_000_000)
    }

    @Test("the minimum score is configurable, and nil only reports")
    func minimumScore() async throws {
        let strict = try makeChecker {
            $0.strengthEstimator = LengthEstimator()
            $0.minimumStrengthScore = 4
        }
        #expect(try await strict.check("fifteen letters").codes == [.tooWeak])
        let reportOnly = try makeChecker {
            $0.strengthEstimator = LengthEstimator()
            $0.minimumStrengthScore = nil
        }
        let result = try await reportOnly.check("abc", context: PasswordContext(hasMultiFactor: true))
        #expect(result.codes == [.tooShort])
        #expect(result.strength?.score == 0)
        #expect(try await makeChecker().check("fifteen letters").strength == nil)
    }

    @Test("context fields and words are handed to the estimator as user inputs")
    func userInputs() async throws {
        let estimator = LengthEstimator()
        let checker = try makeChecker {
            $0.strengthEstimator = estimator
            $0.bannedWords = ["Acme CRM"]
        }
        let context = PasswordContext(email: "ada@acme.example", name: "Ada Lovelace", companyName: "Ａｃｍｅ")
        _ = try await checker.check("a long unrelated phrase", context: context)
        let inputs = try #require(estimator.receivedInputs.first)
        #expect(!inputs.contains("example"))  // the top-level domain
        for expected in ["ada@acme.example", "Ada Lovelace", "Acme", "ada", "acme", "lovelace", "acmecrm"] {
            #expect(inputs.contains(expected), "\(expected)")
        }
    }

    @Test("a too-long password is not estimated or looked up")
    func tooLongSkipsWork() async throws {
        let source = WordSetChecker([])
        let estimator = LengthEstimator()
        let checker = try makeChecker {
            $0.breachedPasswords = source
            $0.strengthEstimator = estimator
        }
        let result = try await checker.check(String(repeating: "x", count: 300))
        #expect(result.codes == [.tooLong])
        #expect(source.queries.isEmpty && estimator.receivedInputs.isEmpty)
    }

    @Test("every violation is listed, in rule order, and no message holds the password")
    func everything() async throws {
        let checker = try makeChecker {
            $0.breachedPasswords = WordSetChecker(["acme\u{0}1"])
            $0.strengthEstimator = LengthEstimator()
            $0.bannedWords = ["acme"]
            $0.compositionRules = [.requireUppercase, .requireSymbol]
        }
        let password = "acme\u{0}1"
        let result = try await checker.check(password, context: PasswordContext(companyName: "Acme"))
        #expect(
            result.codes == [
                .tooShort, .containsControlCharacter, .missingUppercase, .missingSymbol, .containsBannedWord,
                .containsContextWord, .breached, .tooWeak,
            ])
        for violation in result.violations {
            #expect(!violation.message.contains(password) && !violation.message.lowercased().contains("acme"))
            #expect(violation.message.hasSuffix("."))
        }
    }
}
