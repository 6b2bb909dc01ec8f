import CRMAuthTesting
import LoginFlow
import Testing

@Suite("LoginFlow's in-memory stores pass their conformance suites")
struct StoreConformanceTests {
    @Test("InMemoryUserStore", arguments: UserStoreConformance.Check.allCases)
    func userStore(check: UserStoreConformance.Check) async throws {
        try await UserStoreConformance { _ in InMemoryUserStore() }.run(check)
    }

    @Test("InMemoryRememberedDeviceStore", arguments: RememberedDeviceStoreConformance.Check.allCases)
    func rememberedDeviceStore(check: RememberedDeviceStoreConformance.Check) async throws {
        try await RememberedDeviceStoreConformance { _ in InMemoryRememberedDeviceStore() }.run(check)
    }

    @Test("InMemoryMFAChallengeStore", arguments: MFAChallengeStoreConformance.Check.allCases)
    func mfaChallengeStore(check: MFAChallengeStoreConformance.Check) async throws {
        try await MFAChallengeStoreConformance { _ in InMemoryMFAChallengeStore() }.run(check)
    }

    @Test("run() runs every check in one test")
    func runAll() async {
        await UserStoreConformance { _ in InMemoryUserStore() }.run()
        await RememberedDeviceStoreConformance { _ in InMemoryRememberedDeviceStore() }.run()
        await MFAChallengeStoreConformance { _ in InMemoryMFAChallengeStore() }.run()
    }
}
