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
            totpEnrollments: SQLiteTOTPEnrollmentStore(database: database),
            totpSteps: SQLiteTOTPStore(database: database),
            recoveryCodes: SQLiteRecoveryCodeStore(database: database),
            passwordHistory: SQLitePasswordHistoryStore(database: database),
            roles: SQLiteRoleStore(database: database),
            lockout: SQLiteLockoutStore(database: database),
            audit: audit,
            auditCheckpoints: audit,  // MERGE: SQLiteAuditCheckpointStore(database: database)
            devices: SQLiteRememberedDeviceStore(database: database),
            challenges: SQLiteMFAChallengeStore(database: database)
        )
    }
}
