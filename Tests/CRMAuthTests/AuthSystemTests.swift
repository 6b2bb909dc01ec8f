import CRMAuth
import Foundation
import Synchronization
import Testing

/// Argon2id at m=1024 KiB, t=1: real hashes, cheap enough for tests.
func cheapConfiguration() -> AuthFlowConfiguration {
    var configuration = AuthFlowConfiguration(issuer: "Acme CRM")
    configuration.hashing = PasswordHasher.Configuration(
        algorithm: .argon2(Argon2Parameters(variant: .argon2id, memoryKiB: 1024, iterations: 1, parallelism: 1)))
    return configuration
}

@Suite("AuthSystem builds a wired system from one backend")
struct AuthSystemTests {
    @Test("In memory: a user stored through the flow's stores is read back, and its session validates")
    func inMemoryWired() async throws {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
        let system = try await AuthSystem.inMemory(
            configuration: cheapConfiguration(), clock: clock, secrets: .random())
        #expect(system.backend == .inMemory)
        #expect(system.backend.description == "in-memory")

        let user = User(
            id: "ada", email: try LoginIdentifier(email: "Ada@Example.com"), displayName: "Ada Lovelace",
            status: .active, createdAt: clock.now())
        let stored = try await system.flow.stores.users.insert(user)
        #expect(stored.version == 1)
        let found = try await system.stores.users.user(identifier: try LoginIdentifier(parsing: "ada@example.com"))
        #expect(found?.id == "ada", "the system's stores are the flow's")

        let issued = try await system.flow.sessions.issue(userID: stored.id, securityStamp: stored.securityStamp)
        clock.advance(by: 60)
        let session = try await system.flow.sessions.validate(issued.token.revealedText)
        #expect(session.userID == "ada", "a fresh session validates through the flow's session manager")
        #expect(try await system.stores.sessions.sessions(userID: "ada").count == 1, "stored in the system's store")

        // The session manager reads stamps from the same user store: disabling the user ends the session.
        var disabled = stored
        disabled.status = .disabled
        #expect(try await system.stores.users.update(disabled, expectedVersion: 1) != nil)
        await #expect(throws: SessionTokenError.self) {
            try await system.flow.sessions.validate(issued.token.revealedText)
        }
        try await system.shutdown()
    }

    @Test("Two systems share nothing")
    func systemsIndependent() async throws {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
        let first = try await AuthSystem.inMemory(configuration: cheapConfiguration(), clock: clock, secrets: .random())
        let second = try await AuthSystem.inMemory(
            configuration: cheapConfiguration(), clock: clock, secrets: .random())
        _ = try await first.stores.users.insert(
            User(
                id: "ada", email: try LoginIdentifier(email: "ada@example.com"), displayName: "Ada", status: .active,
                createdAt: clock.now()))
        #expect(try await second.stores.users.user(id: "ada") == nil)
    }

    @Test("Every backend ends in one initializer: a system over given stores uses them, and shutdown releases")
    func givenStores() async throws {
        let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
        let stores = try AuthFlowStores.inMemory()
        let released = Released()
        let system = try await AuthSystem(
            backend: AuthSystem.Backend(name: "test"), stores: stores, configuration: cheapConfiguration(),
            secrets: .random(), clock: clock, release: { released.mark() })
        _ = try await stores.users.insert(
            User(
                id: "bob", email: try LoginIdentifier(email: "bob@example.com"), displayName: "Bob", status: .active,
                createdAt: clock.now()))
        #expect(try await system.flow.stores.users.user(id: "bob") != nil)
        #expect(system.backend.name == "test")
        #expect(!released.value)
        try await system.shutdown()
        #expect(released.value, "shutdown releases the backend")
    }
}

/// Whether a release closure ran.
final class Released: Sendable {
    private let flag = Mutex(false)
    var value: Bool { flag.withLock { $0 } }
    func mark() { flag.withLock { $0 = true } }
}
