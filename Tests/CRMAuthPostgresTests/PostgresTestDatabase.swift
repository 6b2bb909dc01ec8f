import CRMAuthPostgres
import CRMAuthTesting
import Foundation
import Logging
import PostgresNIO
import Testing

/// Where the PostgreSQL suites run: the server in `CRMAUTH_POSTGRES_URL`
/// (`postgres://crmauth:crmauth@127.0.0.1:5432/crmauth?sslmode=disable` under `.ci/run`). Without it the
/// suites are skipped with a notice, except under CI (`CI` set), where that is a failure.
enum PostgresTestEnvironment {
    static let url: String? = {
        guard let url = ProcessInfo.processInfo.environment["CRMAUTH_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }()

    static let isCI = ProcessInfo.processInfo.environment["CI"].map { !$0.isEmpty && $0 != "0" } ?? false

    static var available: Bool { url != nil }

    static let skipNotice: Comment = "PostgreSQL suites skipped: set CRMAUTH_POSTGRES_URL to a server's URL to run them"
}

/// Every suite that needs the server, nested here: they run one test at a time (each test opens one or
/// two pools of up to 20 connections, and a server's default `max_connections` is 100), and they are
/// skipped, with a notice, when no server is configured.
@Suite("PostgreSQL", .serialized, .enabled(if: PostgresTestEnvironment.available, PostgresTestEnvironment.skipNotice))
struct PostgreSQLTests {}

/// A schema of its own in the test server for one test, dropped at the end of ``with(_:)``.
struct TemporarySchema {
    let name: String
    let configuration: PostgresConfiguration

    init() throws {
        var configuration = try PostgresConfiguration(url: try #require(PostgresTestEnvironment.url))
        name = "t_" + UUID().uuidString.lowercased().replacingOccurrences(of: "-", with: "")
        configuration.schema = name
        self.configuration = configuration
    }

    /// Opens a database in a new schema, runs `body`, then closes it and drops the schema.
    static func with<T>(_ body: (TemporarySchema, PostgresAuthDatabase) async throws -> T) async throws -> T {
        let schema = try TemporarySchema()
        let database = try await PostgresAuthDatabase(configuration: schema.configuration)
        do {
            let result = try await body(schema, database)
            await database.close()
            try await schema.drop()
            return result
        } catch {
            await database.close()
            try? await schema.drop()
            throw error
        }
    }

    /// Another database value on the same schema: what a second app server opens.
    func open() async throws -> PostgresAuthDatabase {
        try await PostgresAuthDatabase(configuration: configuration)
    }

    /// Runs raw SQL in the schema through a connection of its own, as an operator's `psql` would.
    func editByHand(_ sql: String) async throws {
        try await withConnection { connection in
            try await connection.query(PostgresQuery(unsafeSQL: "SET search_path TO \(name)"), logger: Self.logger)
            try await connection.query(PostgresQuery(unsafeSQL: sql), logger: Self.logger)
        }
    }

    func drop() async throws {
        try await withConnection { connection in
            try await connection.query(
                PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(name) CASCADE"), logger: Self.logger)
        }
    }

    private static let logger = Logger(label: "crmauth.tests.postgres", factory: { _ in SwiftLogNoOpLogHandler() })

    private func withConnection(_ body: (PostgresConnection) async throws -> Void) async throws {
        let client = PostgresClient(
            configuration: PostgresClient.Configuration(
                host: configuration.host, port: configuration.port, username: configuration.username,
                password: configuration.password, database: configuration.database, tls: .disable))
        let runner = Task { await client.run() }
        defer { runner.cancel() }
        try await client.withConnection { connection in try await body(connection) }
    }
}

/// Two `PostgresAuthDatabase` values on one schema, as two app servers: each has its own pool, so
/// concurrent calls contend in the server, not in one process. Calls alternate between the two
/// (CRMAuthTesting's `AlternatingStores`, which forwards every store protocol).
typealias TwoServers = AlternatingStores
