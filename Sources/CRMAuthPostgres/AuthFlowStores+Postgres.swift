import AuditLog
import LockoutPolicy
public import LoginFlow
import PasswordPolicy
import RBAC
import SessionTokens
import TOTP

extension AuthFlowStores {
    /// Every store of the login flow over one PostgreSQL database, which several app servers may share.
    ///
    /// ```swift
    /// let database = try await PostgresAuthDatabase(
    ///     configuration: PostgresConfiguration(url: "postgres://crm@db.internal/crm?sslmode=verify-full"))
    /// let stores = AuthFlowStores.postgres(database: database)
    /// ```
    ///
    /// With ``PostgresConfiguration/sessionCacheMaximumAge`` above 0 the session store is a
    /// `CachingSessionStore` (SessionTokens) over ``PostgresSessionStore``, aging its copies by the
    /// system clock.
    /// - Parameter database: the open database; every store shares its connection pool.
    public static func postgres(database: PostgresAuthDatabase) -> AuthFlowStores {
        let sessions = PostgresSessionStore(database: database)
        let maximumAge = database.configuration.sessionCacheMaximumAge
        return AuthFlowStores(
            users: PostgresUserStore(database: database),
            sessions: maximumAge > 0 ? CachingSessionStore(base: sessions, maximumAge: maximumAge) : sessions,
            oneTimeTokens: PostgresOneTimeTokenStore(database: database),
            totpEnrollments: PostgresTOTPEnrollmentStore(database: database),
            totpSteps: PostgresTOTPStore(database: database),
            recoveryCodes: PostgresRecoveryCodeStore(database: database),
            passwordHistory: PostgresPasswordHistoryStore(database: database),
            roles: PostgresRoleStore(database: database),
            lockout: PostgresLockoutStore(database: database),
            audit: PostgresAuditStore(database: database),
            auditCheckpoints: PostgresAuditCheckpointStore(database: database),
            devices: PostgresRememberedDeviceStore(database: database),
            challenges: PostgresMFAChallengeStore(database: database)
        )
    }
}
