import AuditLog
import LockoutPolicy
public import LoginFlow
import PasswordPolicy
import RBAC
import SessionTokens
import TOTP

extension AuthFlowStores {
    /// Every store of the login flow over one SQLite database.
    ///
    /// ```swift
    /// let database = try SQLiteDatabase(path: "/var/lib/crm/auth.sqlite")
    /// let stores = try AuthFlowStores.sqlite(database: database)
    /// ```
    /// - Parameter database: the open database; every store shares it.
    /// - Throws: `RBACError` if a store that is still in memory cannot be created (none can fail today).
    public static func sqlite(database: SQLiteDatabase) throws -> AuthFlowStores {
        // The stores marked MERGE are still in process memory in this branch: each line names the
        // SQLite store that replaces it.
        let audit = InMemoryAuditStore()  // MERGE: SQLiteAuditStore(database: database)
        return AuthFlowStores(
            users: SQLiteUserStore(database: database),
            sessions: SQLiteSessionStore(database: database),
            oneTimeTokens: SQLiteOneTimeTokenStore(database: database),
            totpEnrollments: InMemoryTOTPEnrollmentStore(),  // MERGE: SQLiteTOTPEnrollmentStore(database: database)
            totpSteps: InMemoryTOTPStore(),  // MERGE: SQLiteTOTPStore(database: database)
            recoveryCodes: InMemoryRecoveryCodeStore(),  // MERGE: SQLiteRecoveryCodeStore(database: database)
            passwordHistory: InMemoryPasswordHistoryStore(),  // MERGE: SQLitePasswordHistoryStore(database: database)
            roles: try InMemoryRoleStore(),  // MERGE: SQLiteRoleStore(database: database)
            lockout: InMemoryLockoutStore(),  // MERGE: SQLiteLockoutStore(database: database)
            audit: audit,
            auditCheckpoints: audit,  // MERGE: SQLiteAuditCheckpointStore(database: database)
            devices: InMemoryRememberedDeviceStore(),  // MERGE: SQLiteRememberedDeviceStore(database: database)
            challenges: InMemoryMFAChallengeStore()  // MERGE: SQLiteMFAChallengeStore(database: database)
        )
    }
}
