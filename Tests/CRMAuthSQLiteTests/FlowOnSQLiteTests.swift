import AuthCore
import CRMAuthSQLite
import Foundation
import LockoutPolicy
import LoginFlow
import PasswordHashing
import SessionTokens
import Testing

/// The login flow over SQLite's user, session and one-time token stores: the paths `AuthFlow` takes for
/// a user store that is not the in-memory one (the security stamp read through `UserStore.user(id:)`).
@Suite("AuthFlow over SQLite users and sessions")
struct FlowOnSQLiteTests {
    static let password = "violet tundra marmalade 1987"
    static let client = ClientContext(address: try! SourceAddress(parsing: "203.0.113.7"), userAgent: "Tests/1.0")

    /// A flow whose users, sessions and links live in `database`, the rest in memory.
    static func flow(_ database: SQLiteDatabase, clock: ManualClock) async throws -> AuthFlow {
        var configuration = AuthFlowConfiguration(issuer: "Acme CRM")
        configuration.hashing = PasswordHasher.Configuration(
            algorithm: .argon2(Argon2Parameters(variant: .argon2id, memoryKiB: 256, iterations: 1, parallelism: 1)))
        var stores = try AuthFlowStores.inMemory()
        stores.users = SQLiteUserStore(database: database)
        stores.sessions = SQLiteSessionStore(database: database)
        stores.oneTimeTokens = SQLiteOneTimeTokenStore(database: database)
        return try await AuthFlow(configuration: configuration, stores: stores, secrets: .random(), clock: clock)
    }

    static func signIn(_ flow: AuthFlow, clock: ManualClock) async throws -> String {
        let hash = try await flow.hasher.hash(NormalizedPassword(password))
        _ = try await flow.stores.users.insert(
            User(
                id: "u-ana", email: LoginIdentifier(email: "ana@example.com"), displayName: "Ana Lima",
                status: .active, homeTenant: "acme", passwordHash: hash, passwordChangedAt: clock.now(),
                createdAt: clock.now()))
        let outcome = try await flow.login(identifier: "Ana@Example.com", password: password, client: client)
        return try signedIn(outcome).token.revealedText
    }

    /// The session of an authenticated outcome.
    static func signedIn(_ outcome: LoginOutcome) throws -> IssuedSession {
        guard case .authenticated(let login) = outcome else {
            throw LoginFlowError(.invalidState, "expected a session, got \(outcome.name)")
        }
        return login.session
    }

    @Test("A session validates while its user is active with the same stamp; disabling or a new stamp ends it")
    func stampThroughTheUserStore() async throws {
        let temporary = try TemporaryDatabase()
        let clock = ManualClock()
        let flow = try await Self.flow(temporary.database, clock: clock)
        let token = try await Self.signIn(flow, clock: clock)
        let principal = try await flow.validate(sessionToken: token, client: Self.client)
        #expect(principal.userID == "u-ana")
        #expect(principal.tenantID == "acme")

        // Logging out everywhere writes a new stamp: the session is refused on the next request.
        let second = try Self.signedIn(
            try await flow.login(identifier: "ana@example.com", password: Self.password, client: Self.client))
        #expect(try await flow.logoutEverywhere(principal: principal) >= 1)
        await #expect(throws: LoginFlowError.invalidToken) {
            try await flow.validate(sessionToken: second.token.revealedText, client: Self.client)
        }
        await #expect(throws: LoginFlowError.invalidToken) {
            try await flow.validate(sessionToken: token, client: Self.client)
        }

        // A disabled account's fresh session dies at once, through the status the store returns.
        let third = try Self.signedIn(
            try await flow.login(identifier: "ana@example.com", password: Self.password, client: Self.client))
        _ = try await flow.validate(sessionToken: third.token.revealedText, client: Self.client)
        var user = try #require(try await flow.stores.users.user(id: "u-ana"))
        user.status = .disabled
        _ = try #require(try await flow.stores.users.update(user, expectedVersion: user.version))
        await #expect(throws: LoginFlowError.invalidToken) {
            try await flow.validate(sessionToken: third.token.revealedText, client: Self.client)
        }
    }

    @Test("Two servers on one file: a logout everywhere on one ends the session on the other")
    func twoServers() async throws {
        let temporary = try TemporaryDatabase()
        let clock = ManualClock()
        let first = try await Self.flow(temporary.database, clock: clock)
        let otherDatabase = try SQLiteDatabase(path: temporary.path)
        defer { try? otherDatabase.close() }
        let second = try await Self.flow(otherDatabase, clock: clock)
        let token = try await Self.signIn(first, clock: clock)
        let principal = try await second.validate(sessionToken: token, client: Self.client)
        #expect(principal.userID == "u-ana")
        #expect(try await first.logoutEverywhere(principal: principal) == 1)
        await #expect(throws: LoginFlowError.invalidToken) {
            try await second.validate(sessionToken: token, client: Self.client)
        }
    }
}
