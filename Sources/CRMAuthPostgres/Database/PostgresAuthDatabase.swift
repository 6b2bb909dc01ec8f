public import CRMAuth
public import Logging
import NIOSSL
import PostgresNIO

/// One PostgreSQL database shared by every CRMAuth store, and by every app server that opens it: a
/// pool of connections (PostgresNIO's `PostgresClient`), its schema brought up to date on open.
///
/// ```swift
/// let database = try await PostgresAuthDatabase(
///     configuration: try PostgresConfiguration(url: "postgres://crm:secret@db.internal/crm?sslmode=verify-full"))
/// let users = PostgresUserStore(database: database)
/// // ...
/// await database.close()
/// ```
///
/// - The pool runs in a task the database owns, started here and ended by ``close()``: call it when
///   the app stops. A connection the server drops is replaced on the next call; a call that fails
///   because the server is down throws ``PostgresStoreError/unavailable`` and commits nothing.
/// - Migrations are versioned and applied on open in one transaction that first takes a transaction-level
///   advisory lock on the schema: servers starting together migrate once, the others wait and find
///   the work done. A schema newer than this code knows throws ``PostgresStoreError/schemaTooNew`` and
///   is left untouched.
/// - Every store requirement the contracts call atomic is one statement (`INSERT ... ON CONFLICT`,
///   `UPDATE ... RETURNING`, `DELETE ... RETURNING`) or one transaction holding the row or advisory
///   lock it needs, under `READ COMMITTED`; never a read followed by a separate write.
public final class PostgresAuthDatabase: Sendable {
    /// The schema version this code writes and reads.
    public static let schemaVersion = PostgresSchema.version

    /// Where the database is (printed without the password).
    public let configuration: PostgresConfiguration
    let client: PostgresClient
    let logger: Logger
    /// The pool's event loops, which also keep each call's deadline.
    private let eventLoops: any EventLoopGroup
    private let runner: Task<Void, Never>

    /// Connects (lazily: the pool opens connections as calls need them) and applies pending migrations.
    /// - Parameters:
    ///   - configuration: the server, login, TLS, schema and pool size.
    ///   - logger: where PostgresNIO logs; a no-op logger by default.
    /// - Throws: ``PostgresStoreError/invalidConfiguration`` for an unusable TLS setup or schema name,
    ///   ``PostgresStoreError/unavailable`` if the server cannot be reached or refuses the login,
    ///   ``PostgresStoreError/schemaTooNew`` if a newer release wrote the schema. The pool is closed
    ///   again when this throws.
    public convenience init(
        configuration: PostgresConfiguration,
        logger: Logger = Logger(label: "crmauth.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws {
        try await self.init(configuration: configuration, logger: logger, migrating: true)
    }

    /// Reads the schema version of the database without creating, migrating or writing anything.
    /// - Parameters:
    ///   - configuration: the server, login, TLS and schema.
    ///   - logger: where PostgresNIO logs; a no-op logger by default.
    /// - Returns: the stored and known schema versions (stored 0 where CRMAuth has written nothing).
    /// - Throws: ``PostgresStoreError/unavailable`` when the server cannot be reached or refuses the
    ///   login, ``PostgresStoreError/invalidConfiguration`` for an unusable TLS setup or schema name.
    public static func inspect(
        configuration: PostgresConfiguration,
        logger: Logger = Logger(label: "crmauth.postgres", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> SchemaInspection {
        let database = try await PostgresAuthDatabase(configuration: configuration, logger: logger, migrating: false)
        do {
            let stored = try await database.run("read the schema version") { [database] in
                let rows = try await database.client.query(
                    "SELECT to_regclass('crmauth_schema') IS NOT NULL", logger: database.logger)
                for try await exists in rows.decode(Bool.self) where !exists { return 0 }
                return try await database.storedSchemaVersion()
            }
            await database.close()
            return SchemaInspection(storedVersion: stored, knownVersion: schemaVersion)
        } catch {
            await database.close()
            throw error
        }
    }

    private init(configuration: PostgresConfiguration, logger: Logger, migrating: Bool) async throws {
        self.configuration = configuration
        self.logger = logger
        let eventLoops = PostgresClient.defaultEventLoopGroup
        let client = PostgresClient(
            configuration: try Self.clientConfiguration(configuration), eventLoopGroup: eventLoops,
            backgroundLogger: logger)
        self.eventLoops = eventLoops
        self.client = client
        runner = Task { await client.run() }
        do {
            // Reach the server within the request timeout first; only the migration itself may then
            // wait longer (for another server's migration, which holds the advisory lock).
            try await run("connect") { [client, logger] in
                try await client.query("SELECT 1", logger: logger)
            }
            if migrating { try await PostgresSchema.migrate(self) }
        } catch {
            runner.cancel()
            await runner.value
            throw error
        }
    }

    /// Closes every connection and stops the pool; stores over this database fail afterwards.
    public func close() async {
        runner.cancel()
        await runner.value
    }

    /// The schema version stored in the database.
    /// - Throws: ``PostgresStoreError/unavailable`` when the server cannot answer.
    public func storedSchemaVersion() async throws -> Int {
        try await run("read the schema version") { [client, logger] in
            let rows = try await client.query("SELECT version FROM crmauth_schema", logger: logger)
            for try await version in rows.decode(Int.self) { return version }
            return 0
        }
    }

    /// The PostgresNIO configuration for `configuration`.
    private static func clientConfiguration(
        _ configuration: PostgresConfiguration
    ) throws(PostgresStoreError) -> PostgresClient.Configuration {
        let tls: PostgresClient.Configuration.TLS
        do {
            switch configuration.tls {
            case .disable: tls = .disable
            case .prefer:
                var context = TLSConfiguration.makeClientConfiguration()
                context.certificateVerification = .none
                tls = .prefer(context)
            case .require:
                var context = TLSConfiguration.makeClientConfiguration()
                context.certificateVerification = .none
                tls = .require(context)
            case .verifyCA, .verifyFull:
                var context = TLSConfiguration.makeClientConfiguration()
                context.certificateVerification =
                    configuration.tls == .verifyFull ? .fullVerification : .noHostnameVerification
                if let file = configuration.trustedRootsFile {
                    context.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(file))
                }
                tls = .require(context)
            }
        } catch {
            throw PostgresStoreError(
                .invalidConfiguration, "cannot read the trusted roots file \(configuration.trustedRootsFile ?? "")",
                underlying: error)
        }
        var client = PostgresClient.Configuration(
            host: configuration.host, port: configuration.port, username: configuration.username,
            password: configuration.password, database: configuration.database, tls: tls)
        client.options.maximumConnections = max(1, configuration.maximumConnections)
        client.options.connectTimeout = .milliseconds(Int64(max(0.1, configuration.connectTimeout) * 1000))
        if let schema = configuration.schema {
            guard Self.isPlainIdentifier(schema) else {
                throw PostgresStoreError(
                    .invalidConfiguration, "a schema name is 1 to 63 of a-z, 0-9 and _, starting with a letter")
            }
            client.options.additionalStartupParameters = [("search_path", schema)]
        }
        return client
    }

    /// Lowercase ASCII letters, digits and `_`, starting with a letter, at most 63 bytes: a name that
    /// needs no quoting anywhere.
    static func isPlainIdentifier(_ name: String) -> Bool {
        guard let first = name.utf8.first, (UInt8(ascii: "a")...UInt8(ascii: "z")).contains(first),
            name.utf8.count <= 63
        else { return false }
        return name.utf8.allSatisfy {
            (UInt8(ascii: "a")...UInt8(ascii: "z")).contains($0) || (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0)
                || $0 == UInt8(ascii: "_")
        }
    }

    /// Runs `body` within ``PostgresConfiguration/requestTimeout``, turning every failure of the server
    /// or the pool into ``PostgresStoreError/unavailable`` (a `PostgresStoreError` from reading a row
    /// passes unchanged; one thrown inside a transaction is taken out of PostgresNIO's wrapper).
    ///
    /// The timeout bounds the whole call, waiting for a connection included, and the caller is
    /// answered when it passes even if the call cannot be interrupted (``BoundedCall``): a server that
    /// is down or has stopped answering, or a pool whose every connection is busy, answers within it
    /// instead of queueing for the pool's own minute-long retry. A call cut short is cancelled; a
    /// transaction it held is rolled back by the server when the connection closes.
    @discardableResult
    func run<T: Sendable>(
        _ what: String, timeout: Double? = nil, _ body: @escaping @Sendable () async throws -> T
    ) async throws -> T {
        let timeout = timeout ?? configuration.requestTimeout
        do {
            return try await BoundedCall.run(
                timeout: timeout, on: eventLoops.any(),
                expired: { PostgresStoreError(.unavailable, "\(what): no answer within \(timeout) s") }, body)
        } catch {
            throw Self.storeError(error, what)
        }
    }

    /// The ``PostgresStoreError`` for a failure of `what`.
    static func storeError(_ error: any Error, _ what: String) -> PostgresStoreError {
        switch error {
        case let error as PostgresStoreError: return error
        case let error as PostgresTransactionError:
            if let inner = error.closureError { return storeError(inner, what) }
            return PostgresStoreError(
                .unavailable, "\(what): the transaction could not begin or commit", underlying: error)
        case let error as PSQLError:
            return PostgresStoreError(.unavailable, "\(what): \(summary(of: error))", underlying: error)
        case let error as PostgresDecodingError:
            return PostgresStoreError(.corruptedRecord, "\(what): a column cannot be decoded", underlying: error)
        default:
            return PostgresStoreError(.unavailable, "\(what): \(type(of: error))", underlying: error)
        }
    }

    /// A short description of a PostgresNIO error: its code and, from the server, the SQLSTATE and
    /// message (which name tables and constraints, never bound values).
    static func summary(of error: PSQLError) -> String {
        guard let info = error.serverInfo else { return "\(error.code)" }
        return "\(info[.sqlState] ?? "?") \(info[.message] ?? "")"
    }
}

extension PSQLError {
    /// The statement was refused by a unique or primary-key constraint (SQLSTATE 23505).
    var isUniqueViolation: Bool { serverInfo?[.sqlState] == "23505" }

    /// The constraint that refused the statement, as the server names it.
    var constraintName: String? { serverInfo?[.constraintName] }
}
