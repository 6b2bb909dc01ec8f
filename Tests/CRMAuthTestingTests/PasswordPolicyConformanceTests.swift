import AuthCore
import CRMAuthTesting
import PasswordPolicy
import Testing

@Suite("PasswordPolicy's in-memory store passes its conformance suite")
struct PasswordPolicyConformanceTests {
    @Test("InMemoryPasswordHistoryStore", arguments: PasswordHistoryStoreConformance.Check.allCases)
    func historyStore(check: PasswordHistoryStoreConformance.Check) async throws {
        try await PasswordHistoryStoreConformance { _ in InMemoryPasswordHistoryStore() }.run(check)
    }

    @Test("run() runs every check in one test")
    func runAll() async {
        await PasswordHistoryStoreConformance { _ in InMemoryPasswordHistoryStore() }.run()
    }
}
