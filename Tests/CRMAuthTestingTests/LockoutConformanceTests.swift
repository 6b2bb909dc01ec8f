import AuthCore
import CRMAuthTesting
import LockoutPolicy
import Testing

@Suite("LockoutPolicy's in-memory store passes its conformance suite")
struct LockoutConformanceTests {
    @Test("InMemoryLockoutStore", arguments: LockoutStoreConformance.Check.allCases)
    func lockoutStore(check: LockoutStoreConformance.Check) async throws {
        try await LockoutStoreConformance { _ in InMemoryLockoutStore(capacity: 10_000) }.run(check)
    }

    @Test("run() runs every check in one test")
    func runAll() async {
        await LockoutStoreConformance { _ in InMemoryLockoutStore() }.run()
    }
}
