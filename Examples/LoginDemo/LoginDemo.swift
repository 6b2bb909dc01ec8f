import AuthCore
import PasswordHashing

/// A walk through what CRMAuth does today: hash a new password, check logins, upgrade a legacy hash
/// imported from another system the first time its owner signs in, check a new password against the
/// policy, enroll an authenticator app, and run a session.
@main
struct LoginDemo {
    static func main() async throws {
        let hasher = PasswordHasher()  // Argon2id, m=19456 KiB, t=2, p=1 (OWASP)
        print("Registering alice with Argon2id (OWASP parameters)...")
        // A password becomes a NormalizedPassword (NFKC) where it enters, and travels as one.
        let stored = try await hasher.hash(NormalizedPassword("correct horse battery staple"))
        print("  stored: \(stored)")

        for attempt in ["correct horse battery staple", "Correct Horse Battery Staple"] {
            let result = try await hasher.verify(NormalizedPassword(attempt), against: stored)
            print(
                "Login as alice with \(result.matches ? "the right" : "a wrong") password: \(result.matches ? "signed in" : "refused")"
            )
        }

        // Every spelling of a password is the same password: a ligature, full-width letters or a
        // decomposed accent typed on another device normalize to the same NFKC text.
        let dave = try await hasher.hash(NormalizedPassword("\u{FB01}sh and chips forever"))  // "ﬁ" ligature
        let typedElsewhere = try await hasher.verify(NormalizedPassword("fish and chips forever"), against: dave)
        print(
            "Dave registered with a ligature and signs in without it: \(typedElsewhere.matches ? "signed in" : "refused")"
        )

        // A hash imported from a Django CRM (PBKDF2-SHA256, 1000 iterations): it verifies, and the hasher
        // asks for it to be replaced by an Argon2id hash now that the plaintext is in hand.
        let legacyPassword = try NormalizedPassword("tr0ub4dor&3")
        let legacySalt = "seasalt"
        let legacyDigest = try KeyDerivation.pbkdf2(
            password: Array(legacyPassword.revealed.utf8), salt: Array(legacySalt.utf8), iterations: 1000,
            hash: .sha256,
            keyLength: 32)
        let legacy = "pbkdf2_sha256$1000$\(legacySalt)$\(Base64.standard.encode(legacyDigest))"
        print("\nBob's account was imported from Django: \(legacy)")
        let check = try await hasher.verify(legacyPassword, against: legacy)
        print("  bob signs in: \(check.matches ? "signed in" : "refused"); stored as \(check.algorithm)")
        if check.matches, check.needsRehash {
            let upgraded = try await hasher.hash(legacyPassword)
            print("  upgraded on login to: \(upgraded)")
        }

        print("\nA hostile stored hash asking for 4 TiB of memory is refused before any work:")
        do {
            _ = try await hasher.verify(
                NormalizedPassword("x"), against: "$argon2id$v=19$m=4294967295,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo")
        } catch {
            print("  \(error)")
        }

        try await PolicyDemo.run()
        try await TOTPDemo.run()
        try await SessionDemo.run()
    }
}
