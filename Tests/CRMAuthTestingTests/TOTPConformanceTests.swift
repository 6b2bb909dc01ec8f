import CRMAuthTesting
import TOTP
import Testing

@Suite("TOTP stores pass their conformance suites")
struct TOTPConformanceTests {
    @Test("InMemoryTOTPStore", arguments: TOTPStoreConformance.Check.allCases)
    func totpStore(check: TOTPStoreConformance.Check) async throws {
        try await TOTPStoreConformance { _ in InMemoryTOTPStore() }.run(check)
    }
}
