public import AuthCore
public import CRMAuth
public import Logging
public import LoginFlow
public import PasswordHashing

extension AuthSystem.Backend {
    /// One PostgreSQL database, possibly shared by several app servers
    /// (`AuthSystem.postgres(configuration:flow:clock:secrets:hashingPool:logger:)`).
    public static let postgres = AuthSystem.Backend(name: "postgres")
}

extension AuthSystem {
    /// A system whose every store lives in one PostgreSQL database, connected and migrated here (under
    /// an advisory lock, so servers starting together migrate once); `shutdown()` writes the buffered
    /// audit events, then closes the connection pool.
    ///
    /// ```swift
    /// let system = try await AuthSystem.postgres(
    ///     url: "postgres://crm@db.internal:5432/crm?sslmode=verify-full",
    ///     flow: AuthFlowConfiguration(issuer: "Acme CRM"), secrets: deploymentSecrets)
    /// ```
    ///
    /// Every server sharing the database must be given the same deployment keys (see
    /// `AuthFlowSecrets`), or sealed TOTP secrets and lockout keys written by one cannot be used by
    /// another.
    /// - Parameters:
    ///   - configuration: where the server is and how to reach it.
    ///   - flow: how the flow behaves.
    ///   - clock: the time source (a `ManualClock` in tests).
    ///   - secrets: the deployment's keys.
    ///   - hashingPool: where password hashes run; the shared bounded pool by default.
    ///   - logger: where the flow and the connection pool log; a no-op logger by default.
    /// - Throws: what ``PostgresAuthDatabase/init(configuration:logger:)`` throws
    ///   (``PostgresStoreError/unavailable``, ``PostgresStoreError/schemaTooNew``, ...), or what
    ///   `AuthSystem`'s initializer throws; the pool is closed again then.
    public static func postgres(
        configuration: PostgresConfiguration, flow: AuthFlowConfiguration, clock: any WallClock = SystemClock(),
        secrets: AuthFlowSecrets, hashingPool: HashingPool = .shared,
        logger: Logger = Logger(label: "crmauth.system", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> AuthSystem {
        let database = try await PostgresAuthDatabase(configuration: configuration, logger: logger)
        do {
            return try await AuthSystem(
                backend: .postgres, stores: AuthFlowStores.postgres(database: database), configuration: flow,
                secrets: secrets, clock: clock, hashingPool: hashingPool, logger: logger,
                release: { await database.close() })
        } catch {
            await database.close()
            throw error
        }
    }

    /// As ``postgres(configuration:flow:clock:secrets:hashingPool:logger:)`` from a `postgres://` URL
    /// (see ``PostgresConfiguration/init(url:)`` for its parameters: `sslmode`, `sslrootcert`,
    /// `schema`, `pool_max`, `request_timeout`).
    /// - Throws: ``PostgresStoreError/invalidConfiguration`` for a URL that cannot be used, then as above.
    public static func postgres(
        url: String, flow: AuthFlowConfiguration, clock: any WallClock = SystemClock(),
        secrets: AuthFlowSecrets, hashingPool: HashingPool = .shared,
        logger: Logger = Logger(label: "crmauth.system", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> AuthSystem {
        try await postgres(
            configuration: try PostgresConfiguration(url: url), flow: flow, clock: clock, secrets: secrets,
            hashingPool: hashingPool, logger: logger)
    }
}
