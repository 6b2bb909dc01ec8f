#if Hummingbird
    import CRMAuth
    import CRMAuthHummingbird
    import Foundation
    import HTTPTypes
    import Hummingbird
    import HummingbirdAuth
    import HummingbirdTesting
    import NIOCore
    import Testing

    /// A test context: CRMRequestContext's fields, and a peer address the test names (router tests run
    /// without sockets, so the channel has none).
    struct TestContext: CRMAuthRequestContext {
        var coreContext: CoreRequestContextStorage
        var identity: Principal?
        var client: ClientContext?
        var sessionToken: SessionTokenText?
        var csrfToken: String?
        var peerAddress: SocketAddress? { try? SocketAddress(ipAddress: "198.51.100.20", port: 50_000) }

        init(source: ApplicationRequestContextSource) {
            coreContext = CoreRequestContextStorage(source: source)
        }
    }

    /// A system in memory with Ana (a sales rep in tenant acme, who may read leads) and Bo (no role).
    struct WebFixture {
        static let password = "violet tundra marmalade 1987"
        let system: AuthSystem
        let ana: User
        let bo: User

        init() async throws {
            var configuration = AuthFlowConfiguration(issuer: "Acme CRM")
            configuration.hashing = PasswordHasher.Configuration(
                algorithm: .argon2(Argon2Parameters(variant: .argon2id, memoryKiB: 256, iterations: 1, parallelism: 1)))
            let roles = RolePolicy(
                roles: ["sales"],
                rules: [PolicyRule(role: "sales", effect: .allow, permissions: try PermissionPattern("leads:read"))])
            system = try await AuthSystem.inMemory(configuration: configuration, secrets: .random(), roles: roles)
            let console = try ConsoleOperator(name: "web-test")
            ana = try await system.flow.createUser(
                email: "ana@example.com", displayName: "Ana", password: Self.password, tenant: "acme", by: console)
            bo = try await system.flow.createUser(
                email: "bo@example.com", displayName: "Bo", password: Self.password, tenant: "acme", by: console)
            try await system.flow.grantRole("sales", to: ana.id, in: "acme", by: console)
        }

        /// A session token for `email`, signed in through the flow.
        func signIn(_ email: String) async throws -> String {
            let outcome = try await system.flow.login(
                identifier: email, password: Self.password,
                client: ClientContext(address: try SourceAddress(parsing: "198.51.100.20")))
            guard case .authenticated(let login) = outcome else {
                Issue.record("not signed in: \(outcome.name)")
                throw CancellationError()
            }
            return login.session.token.revealedText
        }

        /// The cookie header carrying `token` as the session.
        static func sessionCookie(_ token: String) -> HTTPFields {
            [.cookie: "\(CRMAuthCookies.standard.session.name)=\(token)"]
        }
    }

    extension TestResponse {
        /// The `Set-Cookie` values of the response.
        var setCookies: [String] { headers[values: .setCookie] }
    }
#endif
