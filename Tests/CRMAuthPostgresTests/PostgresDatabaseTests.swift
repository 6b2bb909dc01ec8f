import CRMAuthPostgres
import Foundation
import Testing

@Suite("PostgresConfiguration")
struct PostgresConfigurationTests {
    @Test("A URL gives host, port, login, database, TLS mode, schema and pool size; it prints without the password")
    func parsesURL() throws {
        let configuration = try PostgresConfiguration(
            url:
                "postgres://crm%40acme:s%3Acret@db.internal:6432/crm?sslmode=verify-full&schema=auth&pool_max=40&session_cache=1.5"
        )
        #expect(configuration.host == "db.internal")
        #expect(configuration.port == 6432)
        #expect(configuration.username == "crm@acme")
        #expect(configuration.password == "s:cret")
        #expect(configuration.database == "crm")
        #expect(configuration.tls == .verifyFull)
        #expect(configuration.schema == "auth")
        #expect(configuration.maximumConnections == 40)
        #expect(configuration.sessionCacheMaximumAge == 1.5)
        #expect(!"\(configuration)".contains("s:cret"))
        #expect(!"\(configuration)".contains("cret"))
        let plain = try PostgresConfiguration(url: "postgresql://crm@[::1]/crm")
        #expect(plain.host == "::1")
        #expect(plain.port == 5432)
        #expect(plain.password == nil)
        #expect(plain.tls == .prefer, "libpq's default")
    }

    @Test(
        "A URL that cannot be used is a typed error naming the problem, never the password",
        arguments: [
            "mysql://crm:pw@db/crm", "postgres://db/crm", "postgres://crm:pw@/crm", "postgres://crm:pw@db",
            "postgres://crm:pw@db/crm/extra", "postgres://crm:pw@db:70000/crm",
            "postgres://crm:pw@db/crm?sslmode=maybe",
            "postgres://crm:pw@db/crm?pool_max=0", "postgres://crm:pw@db/crm?color=blue", "not a url at all %%%",
            "postgres://crm:pw@db/crm?schema=", "postgres://crm:pw@db/crm?session_cache=61",
            "postgres://crm:pw@db/crm?session_cache=-1", "postgres://crm:pw@db/crm?session_cache=nan",
        ])
    func refusesBadURL(_ url: String) {
        #expect(throws: PostgresStoreError.invalidConfiguration) { try PostgresConfiguration(url: url) }
        do {
            _ = try PostgresConfiguration(url: url)
        } catch {
            #expect(!"\(error)".contains(":pw@"))
        }
    }

    @Test("A very long URL is refused before parsing")
    func refusesLongURL() {
        let url = "postgres://crm:pw@db/crm?schema=" + String(repeating: "a", count: 10_000)
        #expect(throws: PostgresStoreError.invalidConfiguration) { try PostgresConfiguration(url: url) }
    }
}

extension PostgreSQLTests {
    @Suite("PostgresAuthDatabase")
    struct PostgresDatabaseTests {
        @Test("Opening migrates to the current version; opening again changes nothing")
        func migrates() async throws {
            try await TemporarySchema.with { schema, database in
                #expect(try await database.storedSchemaVersion() == PostgresAuthDatabase.schemaVersion)
                let again = try await schema.open()
                #expect(try await again.storedSchemaVersion() == PostgresAuthDatabase.schemaVersion)
                await again.close()
            }
        }

        @Test("Eight servers opening a new schema at once migrate it once")
        func concurrentMigration() async throws {
            let schema = try TemporarySchema()
            let versions = try await withThrowingTaskGroup(of: Int.self) { group in
                for _ in 0..<8 {
                    group.addTask {
                        let database = try await schema.open()
                        let version = try await database.storedSchemaVersion()
                        await database.close()
                        return version
                    }
                }
                return try await group.reduce(into: []) { $0.append($1) }
            }
            try await schema.drop()
            #expect(versions == Array(repeating: PostgresAuthDatabase.schemaVersion, count: 8))
        }

        @Test("A schema written by a newer release is refused and left as it is")
        func schemaTooNew() async throws {
            try await TemporarySchema.with { schema, _ in
                try await schema.editByHand("UPDATE crmauth_schema SET version = 99")
                await #expect(throws: PostgresStoreError.schemaTooNew) { try await schema.open() }
                try await schema.editByHand("SELECT 1 FROM crmauth_schema WHERE version = 99")
            }
        }

        @Test("A server that is not there is a typed unavailable error within the request timeout")
        func unreachable() async throws {
            var configuration = try PostgresConfiguration(url: "postgres://nobody:pw@127.0.0.1:1/none?sslmode=disable")
            configuration.connectTimeout = 1
            configuration.requestTimeout = 2
            await #expect(throws: PostgresStoreError.unavailable) {
                try await PostgresAuthDatabase(configuration: configuration)
            }
        }

        @Test("A schema name that would need quoting is refused")
        func badSchemaName() async throws {
            var configuration = try PostgresConfiguration(url: try #require(PostgresTestEnvironment.url))
            configuration.schema = "Robert'); DROP TABLE users;--"
            await #expect(throws: PostgresStoreError.invalidConfiguration) {
                try await PostgresAuthDatabase(configuration: configuration)
            }
        }
    }
}

/// Under CI the PostgreSQL suites must run: a missing server URL is a failure there, not a skip.
@Suite("PostgreSQL test environment")
struct PostgresEnvironmentTests {
    @Test("Under CI, CRMAUTH_POSTGRES_URL is set, so the PostgreSQL suites run")
    func runsUnderCI() {
        if PostgresTestEnvironment.isCI {
            #expect(PostgresTestEnvironment.available, "CI must start PostgreSQL and set CRMAUTH_POSTGRES_URL")
        }
    }
}
