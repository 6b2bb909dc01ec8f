import ArgumentParser
import PasswordHashing

/// `crm-auth password verify`
struct VerifyPasswordCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify",
        abstract: "Check the password read from standard input against a stored hash.",
        discussion: """
            One trailing newline is removed from the input. The password is verified in its normalized \
            (NFKC) form, and as typed if that differs and the hash was made without normalization (then \
            the hash needs a rehash). Exit status: 0 when the password matches, 1 when it does not, 2 when the hash is malformed, \
            unsupported or beyond the safety limits. Accepts Argon2, bcrypt, scrypt, PBKDF2 (PHC/passlib), \
            passlib bcrypt-sha256, Django and ASP.NET Identity hashes.
            """
    )

    @Option(help: "The stored hash string.")
    var hash: String

    @Flag(help: "Print whether the hash should be upgraded to the default policy.")
    var showUpgrade = false

    func run() async throws {
        let password = try StandardInput.readPassword()
        let hasher = PasswordHasher(pool: HashingPool(workerCount: 1, queueLimit: 0))
        let result: PasswordVerification
        do {
            result = try await hasher.verify(password, against: hash)
        } catch {
            throw StandardInput.fail("cannot verify: \(error.reason.isEmpty ? "\(error.code)" : error.reason)")
        }
        if showUpgrade {
            print("algorithm: \(result.algorithm)")
            print("needs rehash: \(result.needsRehash ? "yes" : "no")")
        }
        if !result.matches {
            StandardInput.printError("the password does not match")
            throw ExitCode(1)
        }
        print("match")
    }
}
