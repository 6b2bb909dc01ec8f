import CRMAuthTesting
import RBAC
import Testing

@Suite("RBAC's in-memory store passes its conformance suite")
struct RBACConformanceTests {
    @Test("InMemoryRoleStore", arguments: RoleStoreConformance.Check.allCases)
    func roleStore(check: RoleStoreConformance.Check) async throws {
        try await RoleStoreConformance { _ in try InMemoryRoleStore() }.run(check)
    }

    @Test("run() runs every check in one test")
    func runAll() async {
        await RoleStoreConformance { _ in try InMemoryRoleStore() }.run()
    }
}
