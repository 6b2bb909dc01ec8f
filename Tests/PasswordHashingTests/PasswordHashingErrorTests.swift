import PasswordHashing
import Testing

@Suite("PasswordHashingError")
struct PasswordHashingErrorTests {
    @Test("equality compares codes, not reasons")
    func equality() {
        #expect(PasswordHashingError(.busy, "queue full") == PasswordHashingError.busy)
        #expect(PasswordHashingError.busy != PasswordHashingError.malformedHash)
    }
}
