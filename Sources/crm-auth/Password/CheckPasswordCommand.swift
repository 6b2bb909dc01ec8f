import ArgumentParser
import Foundation
import PasswordPolicy

/// `crm-auth password check`
struct CheckPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "check",
        abstract: "Check the password read from standard input against the password policy.",
        discussion: """
            One trailing newline is removed from the input, and the password is normalized (NFKC) as it \
            would be hashed. Prints each violation as "code: message" and \
            the strength estimate when an estimator is configured. Uses the default policy (NIST SP 800-63B \
            rev. 4): at least 15 characters, or 8 with --mfa, and the configuration's default \
            breached-password source and strength estimator when it has them. Exit status: 0 when the password is acceptable, 1 when it has violations, \
            2 when it cannot be checked (longer than 4096 bytes, not UTF-8, invalid options).
            """
    )

    @Flag(help: "The account has a second factor (the minimum length drops from 15 to 8).")
    var mfa = false

    @Option(help: "The person's email address (its parts must not appear in the password).")
    var email: String?

    @Option(help: "The person's name.")
    var name: String?

    @Option(help: "The company's name.")
    var company: String?

    @Option(help: "The product's name.")
    var product: String?

    @Option(help: "The minimum length in code points, replacing the default (15, or 8 with --mfa).")
    var minLength: Int?

    func run() async throws {
        let password = try StandardInput.readPassword()
        var configuration = PasswordPolicyChecker.Configuration()
        if let minLength {
            configuration.minimumLength = minLength
            configuration.minimumLengthWithMultiFactor = minLength
        }
        let context = PasswordContext(
            hasMultiFactor: mfa, email: email, name: name, companyName: company, productName: product)
        let result: PasswordCheckResult
        do {
            result = try await PasswordPolicyChecker(configuration: configuration).check(password, context: context)
        } catch {
            throw StandardInput.fail("cannot check: \(error.reason.isEmpty ? "\(error.code)" : error.reason)")
        }
        for violation in result.violations {
            print("\(violation.code): \(violation.message)")
        }
        if let strength = result.strength {
            print("strength: \(strength.score) of 4 (about \(String(format: "%.1e", strength.guesses)) guesses)")
            if let warning = strength.feedback.warning { print("warning: \(warning)") }
            for suggestion in strength.feedback.suggestions { print("suggestion: \(suggestion)") }
        }
        guard result.isAcceptable else { throw ExitCode(1) }
        print("acceptable")
    }
}
