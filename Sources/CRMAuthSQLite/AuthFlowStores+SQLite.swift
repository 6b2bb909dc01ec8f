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
    /// let stores = AuthFlowStores.sqlite(database: database)
    /// ```
    /// - Parameter database: the open database; every store shares it.
    public static func sqlite(database: SQLiteDatabase) -> AuthFlowStores {
        AuthFlowStores(
            users: SQLiteUserStore(database: database),
            sessions: SQLiteSessionStore(database: database),
            oneTimeTokens: SQLiteOneTimeTokenStore(database: database),
            totpEnrollments: SQLiteTOTPEnrollmentStore(database: database),
            totpSteps: SQLiteTOTPStore(database: database),
            recoveryCodes: SQLiteRecoveryCodeStore(database: database),
            passwordHistory: SQLitePasswordHistoryStore(database: database),
            roles: SQLiteRoleStore(database: database),
            lockout: SQLiteLockoutStore(database: database),
            audit: SQLiteAuditStore(database: database),
            auditCheckpoints: SQLiteAuditCheckpointStore(database: database),
            devices: SQLiteRememberedDeviceStore(database: database),
            challenges: SQLiteMFAChallengeStore(database: database)
        )
    }
}
