import CRMAuthStoreSupport
import PostgresNIO
public import RBAC

/// A `RoleStore` (RBAC) in a ``PostgresAuthDatabase``: table `rbac_policy`, one row holding the whole
/// policy as its `PolicyDocument` JSON and the version beside it. A new database has no row yet: the
/// empty policy at version 0.
///
/// How each requirement stays atomic across every server sharing the database:
/// - `apply` is one transaction under `READ COMMITTED`: `INSERT INTO rbac_policy ... VALUES (1, 0,
///   <empty policy>) ON CONFLICT (id) DO NOTHING` makes sure the row exists, then `SELECT version,
///   document FROM rbac_policy WHERE id = 1 FOR UPDATE` locks it until the commit. Every writer on every
///   server takes that lock first, so the version check (`expecting`), the changes,
///   `RolePolicy.validate()` (undefined roles, cycles, separation of duty) and the `UPDATE` of the new
///   document with version + 1 all see the latest committed policy. Any error rolls back and changes
///   nothing (the inserted empty row included).
/// - `policy` reads document and version from one row in one statement, so they always match;
///   `version` reads the version column alone.
///
/// Keeping the document whole makes each change rewrite it, as the SQLite store does; policies are
/// edited rarely and read by checkers, which poll `version` and compile a snapshot.
///
/// A row that cannot be read back (a document that is not JSON or not a valid policy, a negative
/// version) throws ``PostgresStoreError/corruptedRecord`` from `policy`, `version` (for the version
/// only) and `apply`, which then changes nothing: the policy is never silently emptied.
public final class PostgresRoleStore: RoleStore {
    private let database: PostgresAuthDatabase

    /// A store over `database`'s `rbac_policy` table.
    /// - Parameter database: the open database.
    public init(database: PostgresAuthDatabase) {
        self.database = database
    }

    /// See `RoleStore.policy()`.
    public func policy() async throws -> VersionedPolicy {
        try await database.run("read the role policy") { [database] in
            for try await row in try await database.client.query(
                "SELECT version, document FROM rbac_policy WHERE id = 1", logger: database.logger)
            {
                return try VersionedPolicy.stored(PostgresRowReader(row, record: "rbac_policy row"))
            }
            return VersionedPolicy(policy: RolePolicy(), version: 0)
        }
    }

    /// See `RoleStore.version()`.
    public func version() async throws -> UInt64 {
        try await database.run("read the role policy version") { [database] in
            for try await row in try await database.client.query(
                "SELECT version FROM rbac_policy WHERE id = 1", logger: database.logger)
            {
                return try PostgresRowReader(row, record: "rbac_policy row").unsigned("version", minimum: 0)
            }
            return 0
        }
    }

    /// See `RoleStore.apply(_:expecting:)`; one transaction holding the policy row's lock.
    public func apply(_ changes: [PolicyChange], expecting: UInt64?) async throws -> UInt64 {
        var creation = PostgresArguments()
        let empty = try creation.text(Self.document(RolePolicy()), "the policy document")
        let create = creation.query(
            "INSERT INTO rbac_policy (id, version, document) VALUES (1, 0, \(empty)) ON CONFLICT (id) DO NOTHING")
        do {
            return try await database.run("apply role policy changes") { [database] in
                try await database.client.withTransaction(logger: database.logger) { connection in
                    try await connection.query(create, logger: database.logger)
                    var locked: VersionedPolicy?
                    for try await row in try await connection.query(
                        "SELECT version, document FROM rbac_policy WHERE id = 1 FOR UPDATE", logger: database.logger)
                    {
                        locked = try VersionedPolicy.stored(PostgresRowReader(row, record: "rbac_policy row"))
                    }
                    guard let current = locked else {
                        throw PostgresStoreError(.corruptedRecord, "rbac_policy: the row is missing")
                    }
                    if let expecting, expecting != current.version {
                        throw RBACError(
                            .versionConflict,
                            "the change expected version \(expecting); the store is at \(current.version)")
                    }
                    guard let next = Int64(exactly: current.version + 1) else {
                        throw PostgresStoreError(.corruptedRecord, "rbac_policy: the version is at its limit")
                    }
                    var policy = current.policy
                    try policy.apply(changes)
                    var arguments = PostgresArguments()
                    let version = arguments.value(next)
                    let document = try arguments.text(Self.document(policy), "the policy document")
                    try await connection.query(
                        arguments.query(
                            "UPDATE rbac_policy SET version = \(version), document = \(document) WHERE id = 1"),
                        logger: database.logger)
                    return UInt64(next)
                }
            }
        } catch let error as PostgresStoreError {
            // A refusal thrown inside the transaction arrives wrapped as `unavailable`; a damaged row
            // (`corruptedRecord`, whose cause may be an RBACError too) stays what it is.
            if error.code == .unavailable, let refusal = error.underlying as? RBACError { throw refusal }
            throw error
        }
    }

    /// The document text of `policy`.
    private static func document(_ policy: RolePolicy) -> String {
        String(decoding: PolicyDocument.encode(policy), as: UTF8.self)
    }
}
