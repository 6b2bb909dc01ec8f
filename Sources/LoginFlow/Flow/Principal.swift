public import AuthCore
public import RBAC
public import SessionTokens

public import struct Foundation.Date

/// Who is making a request, as a validated session says: the user, the tenant they act in, how strongly
/// they authenticated and when, and the roles they hold there.
///
/// Made by ``AuthFlow/validate(sessionToken:client:)`` on every request; pass it to
/// ``AuthFlow/authorize(_:_:owner:)``.
public struct Principal: Sendable, Hashable {
    /// The user.
    public let userID: UserID
    /// The tenant the session acts in, `nil` for a session without one (platform roles only).
    public let tenantID: TenantID?
    /// The session this principal comes from.
    public let sessionID: SessionID
    /// Password only, or password and a second factor.
    public let authenticationLevel: AuthenticationLevel
    /// When the session was created, which is when its user last proved who they are.
    public let authenticatedAt: Date
    /// The roles the user holds in the tenant (and platform-wide).
    public let roles: Set<RoleID>

    /// Describes a principal.
    /// - Parameters:
    ///   - userID: the user.
    ///   - tenantID: the tenant the session acts in.
    ///   - sessionID: the session.
    ///   - authenticationLevel: the session's level.
    ///   - authenticatedAt: when the user last authenticated.
    ///   - roles: the roles the user holds in the tenant.
    public init(
        userID: UserID, tenantID: TenantID?, sessionID: SessionID, authenticationLevel: AuthenticationLevel,
        authenticatedAt: Date, roles: Set<RoleID>
    ) {
        self.userID = userID
        self.tenantID = tenantID
        self.sessionID = sessionID
        self.authenticationLevel = authenticationLevel
        self.authenticatedAt = authenticatedAt
        self.roles = roles
    }
}
