import AuditLog
import AuthCore
import CRMAuthTesting
import Testing

@Suite("AuditLog's in-memory store passes its conformance suites")
struct AuditLogConformanceTests {
    @Test("InMemoryAuditStore as an AuditStore", arguments: AuditStoreConformance.Check.allCases)
    func auditStore(check: AuditStoreConformance.Check) async throws {
        try await AuditStoreConformance { _ in InMemoryAuditStore() }.run(check)
    }

    @Test("InMemoryAuditStore as an AuditCheckpointStore", arguments: AuditCheckpointStoreConformance.Check.allCases)
    func checkpointStore(check: AuditCheckpointStoreConformance.Check) async throws {
        try await AuditCheckpointStoreConformance { _ in InMemoryAuditStore() }.run(check)
    }

    @Test("run() runs every check in one test")
    func runAll() async {
        await AuditStoreConformance { _ in InMemoryAuditStore() }.run()
        await AuditCheckpointStoreConformance { _ in InMemoryAuditStore() }.run()
    }
}
