import PasswordPolicy
import Testing

@Suite("PasswordPolicyError")
struct PasswordPolicyErrorTests {
    @Test("equality compares codes, not reasons")
    func equalityOnCode() {
        #expect(PasswordPolicyError(.passwordTooLong, "5000 bytes") == PasswordPolicyError.passwordTooLong)
        #expect(PasswordPolicyError.passwordTooLong != PasswordPolicyError.wordListMalformed)
        #expect(
            "\(PasswordPolicyError(.wordListUnreadable, "no such file"))"
                == "PasswordPolicyError(word list unreadable): no such file")
    }
}
