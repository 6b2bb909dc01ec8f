public import AuthCore

public import struct Foundation.Date
public import struct Foundation.TimeInterval

/// One signed-in session, as a store keeps it (without its token, which is never stored).
///
/// ```swift
/// let issued = try await manager.issue(userID: user.id, securityStamp: user.securityStamp)
/// print(issued.session.absoluteExpiry, issued.session.idleExpiry)
/// ```
public struct Session: Sendable, Hashable {
    /// The public identifier of the session.
    public var id: SessionID
    /// The user the session belongs to.
    public var userID: UserID
    /// The tenant the session is scoped to, if the app is multi-tenant.
    public var tenantID: TenantID?
    /// When the session was first issued; rotation keeps it, so the absolute lifetime is not extended.
    public var createdAt: Date
    /// The last recorded activity (written at most once per ``SessionPolicy/lastSeenWriteInterval``).
    public var lastSeenAt: Date
    /// How long the session may stay unused.
    public var idleTimeout: TimeInterval
    /// How long the session may live at most, counted from ``createdAt``.
    public var absoluteTimeout: TimeInterval
    /// How the user authenticated.
    public var authenticationLevel: AuthenticationLevel
    /// What the app knows about the client.
    public var client: ClientMetadata
    /// The user's security stamp when the session was issued; a different current stamp voids it.
    public var securityStamp: String

    /// Creates a session value.
    public init(
        id: SessionID, userID: UserID, tenantID: TenantID? = nil, createdAt: Date, lastSeenAt: Date,
        idleTimeout: TimeInterval, absoluteTimeout: TimeInterval,
        authenticationLevel: AuthenticationLevel, client: ClientMetadata = ClientMetadata(),
        securityStamp: String
    ) {
        self.id = id
        self.userID = userID
        self.tenantID = tenantID
        self.createdAt = createdAt
        self.lastSeenAt = lastSeenAt
        self.idleTimeout = idleTimeout
        self.absoluteTimeout = absoluteTimeout
        self.authenticationLevel = authenticationLevel
        self.client = client
        self.securityStamp = securityStamp
    }

    /// The moment the absolute lifetime ends.
    public var absoluteExpiry: Date { createdAt.addingTimeInterval(absoluteTimeout) }
    /// The moment the session ends if it stays unused.
    public var idleExpiry: Date { lastSeenAt.addingTimeInterval(idleTimeout) }
    /// The earlier of ``absoluteExpiry`` and ``idleExpiry``.
    public var expiresAt: Date { min(absoluteExpiry, idleExpiry) }

    /// Whether the session is over at `date` (expiry instants themselves count as expired).
    public func isExpired(at date: Date) -> Bool { date >= expiresAt }

    /// Whether `stamp` equals the stamp the session was issued under, compared in constant time.
    public func matches(securityStamp stamp: String) -> Bool {
        ConstantTime.equals(securityStamp, stamp)
    }
}
