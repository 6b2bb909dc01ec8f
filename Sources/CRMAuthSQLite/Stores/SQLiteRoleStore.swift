import CRMAuthStoreSupport
import Foundation
import GRDB
public import RBAC

/// A `RoleStore` (RBAC) in a ``SQLiteDatabase``: table `rbac_policy`, one row holding the whole policy
/// as its `PolicyDocument` JSON and the version beside it. A new database has no row yet: the empty
/// policy at version 0.
///
/// - `apply` runs in one `BEGIN IMMEDIATE` transaction: SQLite's write lock is taken before the row is
///   read, so the version check, the changes, `RolePolicy.validate()` (undefined roles, cycles,
///   separation of duty) and the write of the new document with version + 1 all see the latest committed
///   policy; a writer in another process waits for the lock. Any error rolls back and changes nothing.
/// - `policy` reads document and version from one row in one statement, so they always match;
///   `version` reads the version column alone.
///
/// Keeping the document whole makes each change rewrite it, which is what the in-memory store does too
/// (it validates the whole policy); policies are edited rarely and read by checkers, which poll
/// `version` and compile a snapshot.
///
/// A row that cannot be read back (a document that is not JSON or not a valid policy, a negative or
/// non-integer version) throws ``SQLiteStoreError/corruptedRecord`` from `policy`, `version` (for the
/// version only) and `apply`, which then changes nothing: the policy is never silently emptied.
public final class SQLiteRoleStore: RoleStore {
    private let database: SQLiteDatabase

    /// A store over `database`'s `rbac_policy` table.
    /// - Parameter database: the open database.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// See `RoleStore.policy()`.
    public func policy() async throws -> VersionedPolicy {
        try await database.pool.read { db in try Self.current(db) }
    }

    /// See `RoleStore.version()`.
    public func version() async throws -> UInt64 {
        try await database.pool.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT version FROM rbac_policy WHERE id = 1") else { return 0 }
            return try RowReader(row, record: "rbac_policy row").unsigned("version", minimum: 0)
        }
    }

    /// See `RoleStore.apply(_:expecting:)`.
    public func apply(_ changes: [PolicyChange], expecting: UInt64?) async throws -> UInt64 {
        try await database.pool.writeWithoutTransaction { db in
            var next: UInt64 = 0
            try db.inTransaction(.immediate) {
                let current = try Self.current(db)
                if let expecting, expecting != current.version {
                    throw RBACError(
                        .versionConflict, "the change expected version \(expecting); the store is at \(current.version)"
                    )
                }
                var policy = current.policy
                try policy.apply(changes)
                next = current.version + 1
                let document = String(decoding: PolicyDocument.encode(policy), as: UTF8.self)
                try db.execute(
                    sql: """
                        INSERT INTO rbac_policy (id, version, document) VALUES (1, ?, CAST(? AS TEXT))
                        ON CONFLICT (id) DO UPDATE SET version = excluded.version, document = excluded.document
                        """,
                    arguments: [Int64(next), document.sqlText])
                return .commit
            }
            return next
        }
    }

    private static func current(_ db: Database) throws -> VersionedPolicy {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT version, CAST(document AS BLOB) AS document FROM rbac_policy WHERE id = 1")
        else { return VersionedPolicy(policy: RolePolicy(), version: 0) }
        return try VersionedPolicy.stored(RowReader(row, record: "rbac_policy row"))
    }
}
