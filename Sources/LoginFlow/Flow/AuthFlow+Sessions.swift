import AuditLog
public import AuthCore
import Logging
public import SessionTokens

public import struct Foundation.Date

/// One entry of "where you're signed in".
public struct SignedInSession: Sendable, Hashable, Identifiable {
    /// The session's id, for ``AuthFlow/revokeSession(id:principal:)``.
    public let id: SessionID
    /// When it was started (the sign-in).
    public let createdAt: Date
    /// When it was last used (to within the session policy's "last seen" interval).
    public let lastSeenAt: Date
    /// When it ends unless used again.
    public let expiresAt: Date
    /// Password only, or with a second factor.
    public let authenticationLevel: AuthenticationLevel
    /// A label for people ("Safari on iPhone"), from the user agent.
    public let deviceLabel: String?
    /// The address it was started from.
    public let address: String?
    /// The tenant it acts in.
    public let tenantID: TenantID?
    /// Whether this is the session asking.
    public let isCurrent: Bool
}

extension AuthFlow {
    /// Flow 6: signs out the session named by `sessionToken` (audited `session.revoked`).
    /// - Parameter sessionToken: the session cookie's text.
    /// - Returns: whether a session ended (`false` for an unknown, expired or malformed token: clear the
    ///   cookie either way).
    /// - Throws: ``LoginFlowError/unavailable`` when the store fails.
    @discardableResult
    public func logout(sessionToken: String) async throws -> Bool {
        guard let token = try? SessionToken(parsing: sessionToken) else { return false }
        let ended: Session? = try await unavailableOnError("sessions") {
            guard let session = try await sessions.store.session(digest: token.digest),
                try await sessions.revoke(id: session.id, userID: session.userID)
            else { return nil }
            return session
        }
        guard let ended else { return false }
        await audit(
            .sessionRevoked, actor: ended.userID, subject: ended.userID, tenant: ended.tenantID, reason: "logout",
            metadata: ["session": ended.id.rawValue])
        return true
    }

    /// Flow 6: "sign out everywhere": gives the account a new security stamp, so every session,
    /// remembered device and outstanding link stops working at once (this one included), then deletes
    /// the sessions and remembered devices. Audited `session.revoked` with reason `logout-everywhere`.
    /// - Parameter principal: who asks, from a validated session.
    /// - Returns: how many sessions were deleted.
    /// - Throws: ``LoginFlowError/userNotFound`` if the account is gone, ``LoginFlowError/conflict`` if it
    ///   kept changing under two tries, ``LoginFlowError/unavailable`` when a store fails.
    @discardableResult
    public func logoutEverywhere(principal: Principal) async throws -> Int {
        try await renewSecurityStamp(of: principal.userID)
        let (sessionCount, deviceCount) = try await unavailableOnError("sessions") {
            (
                try await sessions.revokeAll(userID: principal.userID),
                try await stores.devices.deleteAll(userID: principal.userID)
            )
        }
        await audit(
            .sessionRevoked, actor: principal.userID, subject: principal.userID, tenant: principal.tenantID,
            reason: "logout-everywhere", metadata: ["sessions": String(sessionCount), "devices": String(deviceCount)])
        return sessionCount
    }

    /// Flow 6: "where you're signed in": the account's live sessions, most recently used first, the
    /// asking one marked.
    /// - Parameter principal: who asks.
    /// - Returns: the sessions.
    /// - Throws: ``LoginFlowError/unavailable`` when a store fails.
    public func signedInSessions(principal: Principal) async throws -> [SignedInSession] {
        let live = try await unavailableOnError("sessions") {
            try await sessions.activeSessions(userID: principal.userID)
        }
        return live.map { session in
            SignedInSession(
                id: session.id, createdAt: session.createdAt, lastSeenAt: session.lastSeenAt,
                expiresAt: session.expiresAt, authenticationLevel: session.authenticationLevel,
                deviceLabel: session.client.deviceLabel, address: session.client.address, tenantID: session.tenantID,
                isCurrent: session.id == principal.sessionID)
        }
    }

    /// Flow 6: ends one of the asking account's own sessions (from "where you're signed in"). Another
    /// account's session id changes nothing.
    /// - Parameters:
    ///   - id: the session to end.
    ///   - principal: who asks.
    /// - Returns: whether a session of the account ended.
    /// - Throws: ``LoginFlowError/unavailable`` when a store fails.
    @discardableResult
    public func revokeSession(id: SessionID, principal: Principal) async throws -> Bool {
        let ended = try await unavailableOnError("sessions") {
            try await sessions.revoke(id: id, userID: principal.userID)
        }
        await audit(
            .sessionRevoked, actor: principal.userID, subject: principal.userID, tenant: principal.tenantID,
            outcome: ended ? .success : .failure, reason: ended ? "revoked-by-owner" : "not-own-session",
            metadata: ["session": id.rawValue])
        return ended
    }

    /// Gives the account a new security stamp (read, change, compare-and-set; one retry on a conflict).
    private func renewSecurityStamp(of userID: UserID) async throws {
        for _ in 0..<2 {
            guard let user = try await unavailableOnError("users", { try await stores.users.user(id: userID) }) else {
                throw LoginFlowError(.userNotFound, "the account is gone")
            }
            var updated = user
            updated.securityStamp = User.generateSecurityStamp()
            if try await unavailableOnError(
                "users", { try await stores.users.update(updated, expectedVersion: user.version) })
                != nil
            {
                return
            }
        }
        throw LoginFlowError(.conflict, "the account changed during sign-out everywhere")
    }

    /// A short label for people from a user agent: "Safari on iPhone", "Chrome on Windows", else
    /// "Unknown device".
    static func deviceLabel(_ userAgent: String) -> String {
        let browsers: [(String, String)] = [
            ("Edg/", "Edge"), ("OPR/", "Opera"), ("Firefox/", "Firefox"), ("CriOS/", "Chrome"), ("Chrome/", "Chrome"),
            ("Safari/", "Safari"),
        ]
        let systems: [(String, String)] = [
            ("iPhone", "iPhone"), ("iPad", "iPad"), ("Android", "Android"), ("Windows", "Windows"),
            ("Mac OS X", "Mac"), ("Macintosh", "Mac"), ("CrOS", "ChromeOS"), ("Linux", "Linux"),
        ]
        let browser = browsers.first { userAgent.contains($0.0) }?.1
        let system = systems.first { userAgent.contains($0.0) }?.1
        switch (browser, system) {
        case (let browser?, let system?): return "\(browser) on \(system)"
        case (let browser?, nil): return browser
        case (nil, let system?): return system
        case (nil, nil): return "Unknown device"
        }
    }
}
