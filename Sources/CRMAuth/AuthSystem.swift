public import AuthCore
public import Logging
public import LoginFlow
public import PasswordHashing
public import RBAC

/// A whole authentication system built from one backend: every store from the same place, and the
/// `AuthFlow` over them.
///
/// ```swift
/// import CRMAuth
///
/// let system = try await AuthSystem.inMemory(
///     configuration: AuthFlowConfiguration(issuer: "Acme CRM"), secrets: try .random())
/// let flow = system.flow  // register, log in, validate sessions, ...
/// ```
///
/// Every backend is a static factory returning an `AuthSystem`, and every factory ends in the one
/// initializer ``init(backend:stores:configuration:secrets:clock:hashingPool:logger:release:)``, so the flow is
/// wired the same way whatever holds the data. The SQLite and PostgreSQL backends to come fit as:
///
/// - `AuthSystem.sqlite(path:configuration:clock:secrets:)`: opens (and migrates) the database file,
///   builds an `AuthFlowStores` whose every store shares that database, and names the backend
///   `sqlite`;
/// - `AuthSystem.postgres(...)`: the same over a connection pool, named `postgres`.
///
/// Such a backend holds a resource (a file, a pool) to release: it registers it with the system, and
/// ``shutdown()`` releases it after the buffered audit events are written. That is why the factories
/// are `async throws` even in memory, and why an app calls ``shutdown()`` whatever the backend.
public final class AuthSystem: Sendable {
    /// Which kind of backend holds the data, for logs and health checks.
    public struct Backend: Sendable, Hashable, CustomStringConvertible {
        /// The backend's name: `in-memory` (and `sqlite`, `postgres` to come).
        public let name: String

        /// Names a backend.
        /// - Parameter name: a short lowercase name.
        public init(name: String) { self.name = name }

        /// Process memory: nothing survives the process. For tests, the demo and single-process tools.
        public static let inMemory = Backend(name: "in-memory")

        /// The name.
        public var description: String { name }
    }

    /// The backend the stores live in.
    public let backend: Backend
    /// The login flow over the stores: registration, login, sessions, permissions, administration.
    public let flow: AuthFlow
    private let release: @Sendable () async throws -> Void

    /// Every store of the system (the same values as `flow.stores`).
    public var stores: AuthFlowStores { flow.stores }

    /// Builds the flow over `stores`. Every backend factory ends here.
    /// - Parameters:
    ///   - backend: which backend the stores come from.
    ///   - stores: every store, all from that backend.
    ///   - configuration: how the flow behaves.
    ///   - secrets: the deployment's keys.
    ///   - clock: the time source (a `ManualClock` in tests).
    ///   - hashingPool: where password hashes run; the shared bounded pool by default.
    ///   - logger: where the flow logs; a no-op logger by default.
    ///   - release: what ``shutdown()`` does after writing buffered audit events (closing a database);
    ///     nothing by default.
    /// - Throws: what `AuthFlow`'s initializer throws (a component's configuration error, the role
    ///   store's error while compiling the first policy snapshot).
    public init(
        backend: Backend, stores: AuthFlowStores, configuration: AuthFlowConfiguration, secrets: AuthFlowSecrets,
        clock: any WallClock = SystemClock(), hashingPool: HashingPool = .shared,
        logger: Logger = Logger(label: "crmauth.system", factory: { _ in SwiftLogNoOpLogHandler() }),
        release: @escaping @Sendable () async throws -> Void = {}
    ) async throws {
        self.backend = backend
        self.release = release
        flow = try await AuthFlow(
            configuration: configuration, stores: stores, secrets: secrets, clock: clock, hashingPool: hashingPool,
            logger: logger)
    }

    /// A system whose every store is in process memory (`AuthFlowStores.inMemory(roles:)`).
    /// - Parameters:
    ///   - configuration: how the flow behaves.
    ///   - clock: the time source (a `ManualClock` in tests).
    ///   - secrets: the keys; `AuthFlowSecrets.random()` for tests and the demo.
    ///   - roles: the initial role policy; none by default.
    ///   - hashingPool: where password hashes run; the shared bounded pool by default.
    ///   - logger: where the flow logs; a no-op logger by default.
    /// - Throws: `RBACError` if `roles` is inconsistent, or what `AuthFlow`'s initializer throws.
    public static func inMemory(
        configuration: AuthFlowConfiguration, clock: any WallClock = SystemClock(), secrets: AuthFlowSecrets,
        roles: RolePolicy = RolePolicy(), hashingPool: HashingPool = .shared,
        logger: Logger = Logger(label: "crmauth.system", factory: { _ in SwiftLogNoOpLogHandler() })
    ) async throws -> AuthSystem {
        try await AuthSystem(
            backend: .inMemory, stores: try AuthFlowStores.inMemory(roles: roles), configuration: configuration,
            secrets: secrets, clock: clock, hashingPool: hashingPool, logger: logger)
    }

    /// Writes the buffered audit events, then releases the backend's resources (nothing in memory).
    /// Call it once, when the app stops; the system must not be used afterwards.
    /// - Throws: `AuditError` if the buffered events cannot be written (the backend is released
    ///   anyway), or the backend's error while releasing.
    public func shutdown() async throws {
        do {
            try await flow.flushAudit()
        } catch {
            try await release()
            throw error
        }
        try await release()
    }
}
