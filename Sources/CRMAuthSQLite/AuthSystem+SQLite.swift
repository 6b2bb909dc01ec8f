public import AuthCore
public import CRMAuth
public import Logging
public import LoginFlow
public import PasswordHashing

extension AuthSystem.Backend {
    /// One SQLite database file (`AuthSystem.sqlite(path:configuration:clock:secrets:hashingPool:logger:busyTimeout:synchronous:)`).
    public static let sqlite = AuthSystem.Backend(name: "sqlite")
}

extension AuthSystem {
    /// A system whose every store lives in one SQLite database file, opened (created mode 0600 if
    /// absent) and migrated here; `shutdown()` writes the buffered audit events, then closes it.
    ///
    /// ```swift
    /// let system = try await AuthSystem.sqlite(
    ///     path: "/var/lib/crm/auth.sqlite", configuration: AuthFlowConfiguration(issuer: "Acme CRM"),
    ///     secrets: deploymentSecrets)
    /// defer { Task { try await system.shutdown() } }
    /// ```
    ///
    /// The secrets are not kept in the database: pass the deployment's keys (see `AuthFlowSecrets`),
    /// the same on every open of the same file, or sealed TOTP secrets and lockout counters written
    /// under other keys cannot be used.
    /// - Parameters:
    ///   - path: the database file; its folder must exist.
    ///   - configuration: how the flow behaves.
    ///   - clock: the time source (a `ManualClock` in tests).
    ///   - secrets: the deployment's keys.
    ///   - hashingPool: where password hashes run; the shared bounded pool by default.
    ///   - logger: where the flow logs; a no-op logger by default.
    ///   - busyTimeout: how long a statement waits for another process's lock, in seconds.
    ///   - synchronous: how committed writes reach the disk (`FULL` by default: each commit survives a
    ///     power failure).
    /// - Throws: what ``SQLiteDatabase/init(path:busyTimeout:synchronous:)`` throws (``SQLiteStoreError/cannotOpen``,
    ///   ``SQLiteStoreError/schemaTooNew``), or what `AuthSystem`'s initializer throws; the database is
    ///   closed again then.
    public static func sqlite(
        path: String, configuration: AuthFlowConfiguration, clock: any WallClock = SystemClock(),
        secrets: AuthFlowSecrets, hashingPool: HashingPool = .shared,
        logger: Logger = Logger(label: "crmauth.system", factory: { _ in SwiftLogNoOpLogHandler() }),
        busyTimeout: Double = 5, synchronous: SQLiteDatabase.Synchronous = .full
    ) async throws -> AuthSystem {
        let database = try SQLiteDatabase(path: path, busyTimeout: busyTimeout, synchronous: synchronous)
        do {
            return try await AuthSystem(
                backend: .sqlite, stores: AuthFlowStores.sqlite(database: database), configuration: configuration,
                secrets: secrets, clock: clock, hashingPool: hashingPool, logger: logger,
                release: { try database.close() })
        } catch {
            try? database.close()
            throw error
        }
    }
}
