// Setup shared by the PostgreSQL benchmarks: the server's URL, a schema of its own per benchmark (opened
// as stores or as a whole `AuthSystem`, dropped afterwards), and the inputs several files use.

import AuthCore
import CRMAuth
import CRMAuthPostgres
import Foundation
import LoginFlow
import PasswordHashing
import PostgresNIO
import Synchronization

/// The server the benchmarks run against.
enum PostgresServer {
    /// `CRMAUTH_POSTGRES_URL`, or `nil` when it is absent or empty.
    static let url: String? = {
        guard let url = ProcessInfo.processInfo.environment["CRMAUTH_POSTGRES_URL"], !url.isEmpty else { return nil }
        return url
    }()
}

/// One benchmark's schema (`bench_` and 16 random hex digits) on the server: the first open creates and
/// migrates it; ``remove()``, called from the benchmark's teardown, closes every pool opened on it and
/// drops it with everything in it.
final class ScratchSchema: Sendable {
    /// The schema's name, a plain identifier (no quoting needed).
    let name = "bench_" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))
    private let closers = Mutex<[@Sendable () async -> Void]>([])

    /// The server's configuration from the URL, pointed at this schema.
    var configuration: PostgresConfiguration {
        get throws {
            guard let url = PostgresServer.url else {
                throw PostgresStoreError(.invalidConfiguration, "CRMAUTH_POSTGRES_URL is not set")
            }
            var configuration = try PostgresConfiguration(url: url)
            configuration.schema = name
            return configuration
        }
    }

    /// A new pool on this schema (migrated on open), closed by ``remove()``.
    func open() async throws -> PostgresAuthDatabase {
        let database = try await PostgresAuthDatabase(configuration: try configuration)
        closers.withLock { $0.append { await database.close() } }
        return database
    }

    /// A whole system on this schema (`AuthSystem.postgres`), default flow configuration, shut down by
    /// ``remove()``.
    func system(hashingPool: HashingPool) async throws -> AuthSystem {
        let system = try await AuthSystem.postgres(
            configuration: try configuration, flow: AuthFlowConfiguration(issuer: "Bench CRM"), secrets: try .random(),
            hashingPool: hashingPool)
        closers.withLock { $0.append { try? await system.shutdown() } }
        return system
    }

    /// A bare PostgresNIO pool on the server (see ``plainClient(_:)``), running until ``remove()``.
    func plain() throws -> PostgresClient {
        let client = plainClient(try configuration)
        let runner = Task { await client.run() }
        closers.withLock {
            $0.append {
                runner.cancel()
                await runner.value
            }
        }
        return client
    }

    /// Closes what was opened here, then drops the schema on a connection of its own. A failure is
    /// printed (with the schema's name, to drop by hand), not thrown: a benchmark's figures stand.
    func remove() async {
        let pending = closers.withLock { closers in
            defer { closers = [] }
            return closers
        }
        for close in pending { await close() }
        do {
            let client = plainClient(try configuration)
            let runner = Task { await client.run() }
            defer { runner.cancel() }
            try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(name) CASCADE"))
        } catch {
            print("PostgresBenchmarks: could not drop schema \(name) (drop it by hand): \(String(reflecting: error))")
        }
    }
}

/// A PostgresNIO pool of its own on the configuration's server (not its schema), without CRMAuth's
/// wrapper: for dropping a schema, and for the bare round trip the session benchmarks compare with. Not
/// verifying a certificate is acceptable for a benchmark's loopback server only. Run it with `run()`.
func plainClient(_ configuration: PostgresConfiguration) -> PostgresClient {
    let tls: PostgresClient.Configuration.TLS
    if configuration.tls == .disable {
        tls = .disable
    } else {
        var context = TLSConfiguration.makeClientConfiguration()
        context.certificateVerification = .none
        tls = .prefer(context)
    }
    return PostgresClient(
        configuration: PostgresClient.Configuration(
            host: configuration.host, port: configuration.port, username: configuration.username,
            password: configuration.password, database: configuration.database, tls: tls))
}

/// One hashing worker for every login benchmark, as the SQLite login benchmarks use.
let benchmarkHashingPool = HashingPool(workerCount: 1, queueLimit: 4)
