import PasswordHashing
import Testing

/// Outdated layouts are upgraded on login even when their algorithm and cost equal the policy's.
@Suite("Rehash of outdated layouts")
struct RehashTests {
    /// (stored hash, its password, its cost) from Fixtures/interop.json.
    static let outdated: [(String, String, Int)] = [
        ("$bcrypt-sha256$2b,4$LUErnei2Sqw9M52MJXlLv.$meOuJ9dLB4gdk7hM6TuNA/qZM5YUtzy", "pässwörd ✓", 4),  // passlib v1
        ("bcrypt_sha256$$2b$04$6dUDGTsjCQpp2FvmcaJh6e2uhjxjqoQxUnb9AIqwAvmlb6TMUCAI.", "pässwörd ✓", 4),  // Django
    ]

    @Test(
        "regression: passlib bcrypt_sha256 v1 and Django bcrypt_sha256 hashes ask to be rehashed to v2",
        arguments: outdated)
    func outdatedLayouts(stored: String, password: String, cost: Int) async throws {
        let hasher = PasswordHasher(
            configuration: .init(algorithm: .bcrypt(cost: cost, mode: .preHashSHA256)), pool: testPool)
        let result = try await hasher.verify(password, against: stored)
        #expect(result.matches)
        #expect(result.needsRehash)
        #expect(try await !hasher.verify("wrong password", against: stored).needsRehash)
        // The replacement is passlib v2, which is current.
        let replacement = try await hasher.hash(password)
        #expect(replacement.hasPrefix("$bcrypt-sha256$v=2,"))
        #expect(try await !hasher.verify(password, against: replacement).needsRehash)
    }

    @Test("passlib bcrypt_sha256 v2 at the policy's cost does not ask to be rehashed")
    func currentLayout() async throws {
        let hasher = PasswordHasher(
            configuration: .init(algorithm: .bcrypt(cost: 4, mode: .preHashSHA256)), pool: testPool)
        let stored = "$bcrypt-sha256$v=2,t=2b,r=4$Q1nUEuguodPInE3qsCQAGu$/W5LNZa8JHV.c6Qygm0xrrNqrgVPL4S"
        let result = try await hasher.verify("pässwörd ✓", against: stored)
        #expect(result.matches && !result.needsRehash)
    }
}
