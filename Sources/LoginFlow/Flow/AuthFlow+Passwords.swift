import AuditLog
import AuthCore
import LockoutPolicy
import Logging
import PasswordHashing
import SessionTokens
import TOTP

import struct Foundation.Date

// Flows 7 and 8: changing the password (signed in, current password required) and the self-service
// reset (by email link, no automatic sign-in after it).
extension AuthFlow {
    /// Changes the signed-in person's password.
    ///
    /// The current password is verified under lockout (a wrong one counts as a failed login from the
    /// client's address). The new one must meet the policy (the person's name and address are context
    /// words) and not be in the history. Then the account gets a new security stamp: every session,
    /// remembered device and outstanding link of the account stops working at once; the session the
    /// change was made from is re-issued under the new stamp and returned.
    /// - Parameters:
    ///   - principal: the validated session making the change.
    ///   - current: the current password, as typed.
    ///   - new: the new password, as typed.
    ///   - client: the client making the request (lockout counts its address).
    /// - Returns: the replacement session (set its token in the cookie) and the message.
    /// - Throws: ``LoginFlowError/verificationFailed`` (wrong current password),
    ///   ``LoginFlowError/throttled``, ``LoginFlowError/passwordRejected`` with a ``PasswordRejection``,
    ///   ``LoginFlowError/invalidState`` (the account is not active), ``LoginFlowError/busy``,
    ///   ``LoginFlowError/conflict``, ``LoginFlowError/unavailable``.
    public func changePassword(
        principal: Principal, current: String, new: String, client: ClientContext
    ) async throws(LoginFlowError) -> PasswordChange {
        var user = try await accountUser(id: principal.userID)
        guard user.status == .active else {
            throw LoginFlowError(.invalidState, "only an active account changes its password")
        }
        do {
            try await accountProvePassword(current, of: user, client: client)
        } catch {
            await audit(
                .passwordChanged, actor: user.id, subject: user.id, tenant: principal.tenantID, client: client,
                outcome: .failure, reason: error.code == .throttled ? "throttled" : "wrong-password")
            throw error
        }
        let typed = try accountNormalized(new)
        let hasMultiFactor = (try? await totpEnrollment.isEnabled(userID: user.id)) ?? false
        let newHash: String
        do {
            newHash = try await accountNewPassword(typed, for: user, hasMultiFactor: hasMultiFactor)
        } catch {
            await audit(
                .passwordChanged, actor: user.id, subject: user.id, tenant: principal.tenantID, client: client,
                outcome: .failure, reason: "rejected")
            throw error
        }
        user.passwordHash = newHash
        user.passwordChangedAt = clock.now()
        user.passwordChangeRequired = false
        user.securityStamp = User.generateSecurityStamp()
        user = try await accountUpdate(user)
        await accountRecordHistory(newHash, userID: user.id)
        try await accountEndEverySession(of: user.id)
        let stamp = user.securityStamp
        let session = try await accountStore {
            try await sessions.issue(
                userID: principal.userID, tenantID: principal.tenantID,
                authenticationLevel: principal.authenticationLevel, client: Self.accountMetadata(client),
                securityStamp: stamp)
        }
        await audit(.passwordChanged, actor: user.id, subject: user.id, tenant: principal.tenantID, client: client)
        return PasswordChange(session: session, message: .passwordChanged)
    }

    /// Answers "email me a reset link": the same page message whether or not an account uses the
    /// address, and the same work (a token is generated either way; only an existing active account's
    /// is stored). Requests are counted by lockout per address typed and per source, like failed
    /// logins, so nobody can flood a mailbox or sweep addresses.
    /// - Parameters:
    ///   - email: the address typed.
    ///   - client: the client asking.
    /// - Returns: the message for the page and whether to send mail (decide only that with it).
    /// - Throws: ``LoginFlowError/invalidIdentifier`` for text that is not an email address (the same for
    ///   every address), ``LoginFlowError/throttled``, ``LoginFlowError/unavailable``.
    public func requestPasswordReset(
        email: String, client: ClientContext
    ) async throws(LoginFlowError) -> PasswordResetRequest {
        let address = try LoginIdentifier(email: email)
        do {
            // Reset requests have their own account counters ("reset:" + the address), so requests
            // never lock the account's logins; the source counter is the login one.
            _ = try await accountAdmit(account: "reset:" + address.key, client: client)
        } catch {
            await audit(.passwordResetRequested, client: client, outcome: .failure, reason: "throttled")
            throw error
        }
        let token = OneTimeToken.generate()
        let found = try await accountStore { try await stores.users.user(identifier: address) }
        guard let user = found, user.status == .active else {
            await audit(
                .passwordResetRequested, subject: found?.id, client: client, outcome: .failure,
                reason: found == nil ? "unknown-identifier" : "inactive-account")
            let message: UserMessage =
                configuration.unsafelyRevealWhetherAccountsExist && found == nil ? .resetNoAccount : .resetLinkSent
            return PasswordResetRequest(mail: .none, message: message)
        }
        let now = clock.now()
        let expiresAt = now.addingTimeInterval(OneTimeTokenPurpose.passwordReset.defaultLifetime)
        try await accountStore {
            try await stores.oneTimeTokens.insert(
                OneTimeTokenRecord(
                    userID: user.id, purpose: .passwordReset, securityStamp: user.securityStamp, createdAt: now,
                    expiresAt: expiresAt),
                digest: token.digest)
        }
        await audit(.passwordResetRequested, subject: user.id, tenant: user.homeTenant, client: client)
        return PasswordResetRequest(
            mail: .resetLink(to: user.email, token: token, expiresAt: expiresAt), message: .resetLinkSent)
    }

    /// Sets a new password from a reset link. The link works once; the new password meets the policy
    /// and the history; the account gets a new security stamp and every session and remembered device
    /// ends. The person is not signed in: they sign in with the new password (and their second factor).
    /// - Parameters:
    ///   - token: the token from the reset link.
    ///   - newPassword: the new password, as typed.
    ///   - client: the client resetting.
    /// - Returns: ``UserMessage/passwordReset``.
    /// - Throws: ``LoginFlowError/invalidToken``, ``LoginFlowError/passwordRejected`` with a
    ///   ``PasswordRejection`` (carrying a fresh token for the form), ``LoginFlowError/busy``,
    ///   ``LoginFlowError/conflict``, ``LoginFlowError/unavailable``.
    @discardableResult
    public func resetPassword(
        token: String, newPassword: String, client: ClientContext
    ) async throws(LoginFlowError) -> UserMessage {
        let typed = try accountNormalized(newPassword)
        let record: OneTimeTokenRecord
        do {
            record = try await accountRedeem(token, purpose: .passwordReset, status: .active)
        } catch {
            await audit(.passwordResetCompleted, client: client, outcome: .failure, reason: "invalid-link")
            throw error
        }
        var user = try await accountUser(id: record.userID)
        let hasMultiFactor = (try? await totpEnrollment.isEnabled(userID: user.id)) ?? false
        let newHash: String
        do {
            newHash = try await accountNewPassword(typed, for: user, link: record, hasMultiFactor: hasMultiFactor)
        } catch {
            await audit(
                .passwordResetCompleted, subject: user.id, tenant: user.homeTenant, client: client, outcome: .failure,
                reason: "rejected")
            throw error
        }
        user.passwordHash = newHash
        user.passwordChangedAt = clock.now()
        user.passwordChangeRequired = false
        user.securityStamp = User.generateSecurityStamp()
        user = try await accountUpdate(user)
        await accountRecordHistory(newHash, userID: user.id)
        try await accountEndEverySession(of: user.id)
        await audit(.passwordResetCompleted, actor: user.id, subject: user.id, tenant: user.homeTenant, client: client)
        return .passwordReset
    }
}
