import PasswordPolicy
import Testing

@Suite("Banned words")
struct BannedWordTests {
    @Test("an app's banned words are refused with the same matching as context words")
    func banned() async throws {
        let checker = try makeChecker { $0.bannedWords = ["Acme CRM", "Salesforce", "crm2024"] }
        let mfa = PasswordContext(hasMultiFactor: true)
        for password in [
            "acmecrm-rules!", "ACME CRM IS GREAT", "s4l3sf0rc3 forever", "my crm-2024 login", "CRM2024CRM2024",
        ] {
            #expect(try await checker.check(password, context: mfa).codes == [.containsBannedWord], "\(password)")
        }
        for password in ["acme rocket skates", "sale of the force", "crm 2025 edition"] {
            #expect(try await checker.check(password, context: mfa).isAcceptable, "\(password)")
        }
    }

    @Test("a 3-character banned word matches only as a whole word")
    func shortWord() async throws {
        let checker = try makeChecker { $0.bannedWords = ["CRM"] }
        #expect(try await checker.check("best crm ever made").codes == [.containsBannedWord])
        #expect(try await checker.check("crm2026crm2026crm").codes == [.containsBannedWord])
        #expect(try await checker.check("scrmbled eggs today").isAcceptable)
    }

    @Test("banned and context words are reported separately")
    func both() async throws {
        let checker = try makeChecker { $0.bannedWords = ["widgetry"] }
        let context = PasswordContext(hasMultiFactor: true, companyName: "Acme")
        #expect(
            try await checker.check("acme widgetry", context: context).codes == [
                .containsBannedWord, .containsContextWord,
            ])
    }
}
