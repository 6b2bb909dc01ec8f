public import AuthCore

import struct Foundation.Date

/// Issues, validates, rotates and revokes sessions over a ``SessionStore``.
///
/// ```swift
/// let manager = SessionManager(store: InMemorySessionStore(), stamps: stamps)
/// let issued = try await manager.issue(userID: user.id, securityStamp: user.securityStamp)
/// // on every request:
/// let session = try await manager.validate(cookieValue)
/// // after MFA or a role change:
/// let upgraded = try await manager.rotate(cookieValue, authenticationLevel: .multiFactor)
/// ```
public final class SessionManager: Sendable {
    /// Where sessions are kept.
    public let store: any SessionStore
    /// Lifetimes for newly issued sessions and the "last seen" write interval.
    public let policy: SessionPolicy
    /// The source of the current time for every expiry decision.
    public let clock: any WallClock
    /// The source of each user's current security stamp.
    public let stamps: any SecurityStampProvider

    /// Creates a manager; the policy defaults to ``SessionPolicy/aal2``.
    public init(
        store: any SessionStore, policy: SessionPolicy = .aal2, clock: any WallClock = SystemClock(),
        stamps: any SecurityStampProvider
    ) {
        self.store = store
        self.policy = policy
        self.clock = clock
        self.stamps = stamps
    }

    /// Starts a new session for `userID` under the user's current `securityStamp`.
    ///
    /// With a ``SessionPolicy/concurrentSessionLimit`` the user's oldest live sessions are evicted
    /// (their ids are in ``IssuedSession/evicted``), or the call throws
    /// ``SessionTokenError/limitReached``, as the limit says.
    public func issue(
        userID: UserID, tenantID: TenantID? = nil, authenticationLevel: AuthenticationLevel = .password,
        client: ClientMetadata = ClientMetadata(), securityStamp: String
    ) async throws -> IssuedSession {
        let now = clock.now()
        let session = Session(
            id: .generate(), userID: userID, tenantID: tenantID, createdAt: now, lastSeenAt: now,
            idleTimeout: policy.idleTimeout, absoluteTimeout: policy.absoluteTimeout,
            authenticationLevel: authenticationLevel, client: client, securityStamp: securityStamp)
        let token = SessionToken.generate()
        let evicted = try await store.insert(session, digest: token.digest, limit: policy.concurrentSessionLimit)
        return IssuedSession(token: token, session: session, evicted: evicted)
    }

    /// The session named by the token text `text`, if it is valid now.
    ///
    /// Checks, in order: format (no store access for garbage), existence, absolute expiry, idle expiry,
    /// security stamp. Slides the idle expiry by writing "last seen" when the stored value is at least
    /// ``SessionPolicy/lastSeenWriteInterval`` old.
    /// - Throws: ``SessionTokenError`` with code `.malformed`, `.notFound`, `.expired`, `.idleExpired`
    ///   or `.stampMismatch`; store errors unchanged.
    public func validate(_ text: some StringProtocol) async throws -> Session {
        // Parsing checks the length before copying the text, so an oversized header costs nothing.
        try await validate(digest: SessionToken(parsing: text).digest, at: clock.now())
    }

    /// The session named by the token text `text`, if it is valid now: the same checks as the
    /// generic overload, for a `String`, whose bytes are read in place.
    /// - Parameter text: the token text, as the cookie or `Authorization` header carried it.
    public func validate(_ text: String) async throws -> Session {
        // Only the digest is needed: the token text is checked and hashed in place, never copied.
        try await validate(digest: SessionToken.format.digest(ofWellFormed: text), at: clock.now())
    }

    /// Replaces the token of a valid session with a new one; the old token stops working at once.
    ///
    /// Call it after every privilege change (MFA completed, role change). The session keeps its id
    /// and creation time, so rotation never extends the absolute lifetime.
    /// - Parameters:
    ///   - text: the session's current token text.
    ///   - authenticationLevel: the new level, or `nil` to keep the current one.
    /// - Throws: what `validate(_:)` throws; `.notFound` if another request rotated or revoked the
    ///   token first.
    public func rotate(
        _ text: some StringProtocol, authenticationLevel: AuthenticationLevel? = nil
    ) async throws -> IssuedSession {
        let now = clock.now()
        let old = try SessionToken(parsing: text)
        var session = try await validate(digest: old.digest, at: now)
        session.lastSeenAt = now
        if let authenticationLevel { session.authenticationLevel = authenticationLevel }
        let new = SessionToken.generate()
        guard try await store.replace(digest: old.digest, with: new.digest, session: session) else {
            throw SessionTokenError(.notFound, "the token was rotated or revoked concurrently")
        }
        return IssuedSession(token: new, session: session)
    }

    /// Ends the session named by `text` (sign out); `false` if there was none.
    /// - Throws: ``SessionTokenError/malformed`` for garbage text.
    @discardableResult
    public func revoke(_ text: some StringProtocol) async throws -> Bool {
        let token = try SessionToken(parsing: text)
        guard let session = try await store.session(digest: token.digest) else { return false }
        return try await store.delete(id: session.id, userID: session.userID)
    }

    /// Ends the session `id` of `userID` (from a "where you're signed in" list); `false` if `userID`
    /// has no such session, so one user cannot end another's session by guessing ids.
    ///
    /// One store call, ``SessionStore/delete(id:userID:)``, which checks the owner and deletes in one
    /// step.
    @discardableResult
    public func revoke(id: SessionID, userID: UserID) async throws -> Bool {
        try await store.delete(id: id, userID: userID)
    }

    /// Ends every session of `userID`; returns how many.
    @discardableResult
    public func revokeAll(userID: UserID) async throws -> Int {
        try await store.deleteAll(userID: userID, except: nil)
    }

    /// Ends every session of the user owning `current` except `current` itself ("sign out other devices").
    /// - Throws: what `validate(_:)` throws for `current`.
    @discardableResult
    public func revokeAllOthers(current text: some StringProtocol) async throws -> Int {
        let session = try await validate(text)
        return try await store.deleteAll(userID: session.userID, except: session.id)
    }

    /// The sessions of `userID` valid now (unexpired, current stamp), most recently seen first.
    public func activeSessions(userID: UserID) async throws -> [Session] {
        let now = clock.now()
        guard let stamp = try await stamps.securityStamp(userID: userID) else { return [] }
        return try await store.sessions(userID: userID)
            .filter { !$0.isExpired(at: now) && $0.matches(securityStamp: stamp) }
            .sorted { $0.lastSeenAt > $1.lastSeenAt }
    }

    // Inlined into its callers: each call into a separate nonisolated async function costs an
    // executor check, which is a measurable share of a validation (Documentation/Performance.md).
    @inline(__always)
    private func validate(digest: TokenDigest, at now: Date) async throws -> Session {
        guard var session = try await store.session(digest: digest) else {
            throw SessionTokenError.notFound
        }
        guard now < session.absoluteExpiry else { throw SessionTokenError.expired }
        guard now < session.idleExpiry else { throw SessionTokenError.idleExpired }
        guard let stamp = try await stamps.securityStamp(userID: session.userID),
            session.matches(securityStamp: stamp)
        else { throw SessionTokenError.stampMismatch }
        if now.timeIntervalSince(session.lastSeenAt) >= policy.lastSeenWriteInterval {
            guard try await store.touch(digest: digest, lastSeenAt: now) else {
                throw SessionTokenError(.notFound, "the session was revoked during validation")
            }
            session.lastSeenAt = now
        }
        return session
    }
}
