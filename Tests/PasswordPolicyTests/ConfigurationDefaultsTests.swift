import PasswordPolicy
import Testing

@Suite("Configuration defaults and codes")
struct ConfigurationDefaultsTests {
    @Test("the defaults follow NIST SP 800-63B rev. 4 §3.1.1.2")
    func defaults() throws {
        let standard = PasswordPolicyChecker.Configuration.standard
        #expect(standard.minimumLength == 15)
        #expect(standard.minimumLengthWithMultiFactor == 8)
        #expect(standard.maximumLength == 256)
        #expect(standard.maximumBytes == 4096)
        #expect(standard.compositionRules.isEmpty)
        #expect(standard.bannedWords.isEmpty)
        #expect(standard.minimumStrengthScore == 2)
        #expect(standard.history == nil)
        #expect(standard.maximumAge == nil)
        #expect(
            (standard.breachedPasswords == nil) == (PasswordPolicyChecker.Configuration.defaultBreachedPasswords == nil)
        )
        #expect(
            (standard.strengthEstimator == nil) == (PasswordPolicyChecker.Configuration.defaultStrengthEstimator == nil)
        )
        _ = try PasswordPolicyChecker()
    }

    @Test("violation codes keep their raw values")
    func stableCodes() {
        let codes: [PasswordViolation.Code] = [
            .tooShort, .tooLong, .containsControlCharacter, .containsUnassignedCharacter, .breached,
            .containsBannedWord, .containsContextWord, .tooWeak, .reused, .missingLowercase, .missingUppercase,
            .missingDigit, .missingSymbol, .tooManyRepeatedCharacters,
        ]
        #expect(
            codes.map(\.rawValue) == [
                "too_short", "too_long", "contains_control_character", "contains_unassigned_character", "breached",
                "contains_banned_word", "contains_context_word", "too_weak", "reused", "missing_lowercase",
                "missing_uppercase", "missing_digit", "missing_symbol", "too_many_repeated_characters",
            ])
        #expect("\(PasswordViolation(.tooShort, message: "Use more."))" == "too_short: Use more.")
    }

    @Test("new error codes describe themselves")
    func errorCodes() {
        #expect(
            "\(PasswordPolicyError(.historyUnavailable, "store down"))"
                == "PasswordPolicyError(history unavailable): store down")
        #expect("\(PasswordPolicyError.invalidStoredHash)" == "PasswordPolicyError(invalid stored hash)")
        #expect(PasswordPolicyError.historyUnavailable != PasswordPolicyError.breachCheckUnavailable)
    }
}
