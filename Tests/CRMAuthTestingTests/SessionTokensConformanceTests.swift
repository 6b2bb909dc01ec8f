import AuthCore
import CRMAuthTesting
import SessionTokens
import Testing

@Suite("SessionTokens' in-memory stores pass their conformance suites")
struct SessionTokensConformanceTests {
    @Test("InMemorySessionStore", arguments: SessionStoreConformance.Check.allCases)
    func sessionStore(check: SessionStoreConformance.Check) async throws {
        try await SessionStoreConformance { _ in InMemorySessionStore() }.run(check)
    }

    @Test("CachingSessionStore over InMemorySessionStore", arguments: SessionStoreConformance.Check.allCases)
    func cachingSessionStore(check: SessionStoreConformance.Check) async throws {
        try await SessionStoreConformance { _ in
            CachingSessionStore(base: InMemorySessionStore(), maximumAge: 60)
        }.run(check)
    }

    @Test("InMemoryRefreshTokenStore", arguments: RefreshTokenStoreConformance.Check.allCases)
    func refreshTokenStore(check: RefreshTokenStoreConformance.Check) async throws {
        try await RefreshTokenStoreConformance { _ in InMemoryRefreshTokenStore() }.run(check)
    }

    @Test("InMemoryOneTimeTokenStore", arguments: OneTimeTokenStoreConformance.Check.allCases)
    func oneTimeTokenStore(check: OneTimeTokenStoreConformance.Check) async throws {
        try await OneTimeTokenStoreConformance { _ in InMemoryOneTimeTokenStore() }.run(check)
    }

    @Test("run() runs every check in one test")
    func runAll() async {
        await SessionStoreConformance { _ in InMemorySessionStore() }.run()
        await RefreshTokenStoreConformance { _ in InMemoryRefreshTokenStore() }.run()
        await OneTimeTokenStoreConformance { _ in InMemoryOneTimeTokenStore() }.run()
    }
}
