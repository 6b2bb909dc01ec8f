import AuthCore
import CRMAuthTesting
import TOTP
import Testing

@Suite("TOTP's in-memory stores pass their conformance suites")
struct TOTPConformanceTests {
    @Test("InMemoryTOTPStore", arguments: TOTPStoreConformance.Check.allCases)
    func totpStore(check: TOTPStoreConformance.Check) async throws {
        try await TOTPStoreConformance { _ in InMemoryTOTPStore() }.run(check)
    }

    @Test("InMemoryHOTPCounterStore", arguments: HOTPCounterStoreConformance.Check.allCases)
    func hotpCounterStore(check: HOTPCounterStoreConformance.Check) async throws {
        try await HOTPCounterStoreConformance { _ in InMemoryHOTPCounterStore() }.run(check)
    }

    @Test("InMemoryTOTPEnrollmentStore", arguments: TOTPEnrollmentStoreConformance.Check.allCases)
    func enrollmentStore(check: TOTPEnrollmentStoreConformance.Check) async throws {
        try await TOTPEnrollmentStoreConformance { _ in InMemoryTOTPEnrollmentStore() }.run(check)
    }

    @Test("InMemoryRecoveryCodeStore", arguments: RecoveryCodeStoreConformance.Check.allCases)
    func recoveryCodeStore(check: RecoveryCodeStoreConformance.Check) async throws {
        try await RecoveryCodeStoreConformance { _ in InMemoryRecoveryCodeStore() }.run(check)
    }

    @Test("run() runs every check in one test")
    func runAll() async {
        await TOTPStoreConformance { _ in InMemoryTOTPStore() }.run()
        await HOTPCounterStoreConformance { _ in InMemoryHOTPCounterStore() }.run()
        await TOTPEnrollmentStoreConformance { _ in InMemoryTOTPEnrollmentStore() }.run()
        await RecoveryCodeStoreConformance { _ in InMemoryRecoveryCodeStore() }.run()
    }
}
