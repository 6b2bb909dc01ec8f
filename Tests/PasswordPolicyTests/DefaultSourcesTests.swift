import PasswordPolicy
import Testing

/// The default configuration uses the bundled blocklist and the built-in estimator: the policy an app
/// gets without configuring anything is the one issue 3 describes.
@Suite("Default sources")
struct DefaultSourcesTests {
    @Test("the defaults are the bundled blocklist and the built-in estimator")
    func defaultsAreBundled() {
        #expect(PasswordPolicyChecker.Configuration.defaultBreachedPasswords is BundledBreachedPasswords)
        #expect(PasswordPolicyChecker.Configuration.defaultStrengthEstimator is PasswordStrengthEstimator)
    }

    @Test("a long breached password is refused by default, with its rank and a strength estimate")
    func breachedRefusedByDefault() async throws {
        let checker = try PasswordPolicyChecker()
        // 16 characters, so length passes; on the NCSC top-100k list.
        let result = try await checker.check("1qaz2wsx3edc4rfv")
        #expect(result.codes.contains(.breached))
        #expect(result.breach?.source == BundledBreachedPasswords.source)
        #expect((result.breach?.rank ?? 0) > 0)
        let strength = try #require(result.strength)
        #expect(strength.score <= 1)
    }

    @Test("a company name with a year is refused at that company, and accepted elsewhere")
    func contextWordRefusedByDefault() async throws {
        let checker = try PasswordPolicyChecker()
        let atAcme = PasswordContext(hasMultiFactor: true, companyName: "Acme")
        let elsewhere = PasswordContext(hasMultiFactor: true, companyName: "Globex")
        #expect(try await checker.check("Acme2026!", context: atAcme).codes.contains(.containsContextWord))
        #expect(!(try await checker.check("Acme2026!", context: elsewhere).codes.contains(.containsContextWord)))
    }

    @Test("an uncommon passphrase passes the default policy and scores well")
    func passphraseAccepted() async throws {
        let checker = try PasswordPolicyChecker()
        let result = try await checker.check(
            "plum ferry orbits quietly 42", context: PasswordContext(email: "ada@example.com"))
        #expect(result.isAcceptable)
        #expect((result.strength?.score ?? 0) >= 3)
    }
}
