import PasswordHashing
import PasswordPolicy

/// Registration: the password policy refuses breached passwords and the company's own name, and
/// accepts a passphrase, telling the person why in plain words.
enum PolicyDemo {
    static func run() async throws {
        print("\nRegistering carol at Acme: the password policy (NIST SP 800-63B rev. 4 defaults)")
        let checker = try PasswordPolicyChecker()
        let context = PasswordContext(
            hasMultiFactor: true, email: "carol@acme.example", name: "Carol Danvers", companyName: "Acme")
        for candidate in ["password", "Acme2026!", "1qaz2wsx3edc4rfv", "plum ferry orbits quietly 42"] {
            let result = try await checker.check(NormalizedPassword(candidate), context: context)
            let score = result.strength.map { " (strength \($0.score) of 4)" } ?? ""
            print("  \(candidate.count)-character candidate: \(result.isAcceptable ? "accepted" : "refused")\(score)")
            for violation in result.violations {
                print("    \(violation.code): \(violation.message)")
            }
        }
    }
}
