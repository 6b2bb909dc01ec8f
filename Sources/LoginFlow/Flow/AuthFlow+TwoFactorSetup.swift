import AuditLog
import AuthCore
import LockoutPolicy
public import SessionTokens
import TOTP

import struct Foundation.Date

// Flow 9: enrolling and disabling TOTP, new recovery codes; each needs a recent authentication, which
// `reauthenticate` gives a session whose sign-in is too old.
extension AuthFlow {
    /// Confirms the password of a signed-in person whose sign-in is older than
    /// ``AuthFlowConfiguration/recentAuthenticationWindow``, for a sensitive step.
    ///
    /// The password is checked under lockout, like a login. On success the session is replaced: a new
    /// session (same user, tenant and authentication level, created now, so its sign-in is recent) is
    /// issued and the old one ended. The new session's absolute lifetime starts now; that is the
    /// point of proving the password again.
    /// - Parameters:
    ///   - principal: the validated session.
    ///   - password: the password, as typed.
    ///   - client: the client (lockout counts its address).
    /// - Returns: the new session: put its token in the cookie and validate it for the next step.
    /// - Throws: ``LoginFlowError/verificationFailed``, ``LoginFlowError/throttled``,
    ///   ``LoginFlowError/invalidState`` (not active), ``LoginFlowError/busy``, ``LoginFlowError/unavailable``.
    public func reauthenticate(
        principal: Principal, password: String, client: ClientContext
    ) async throws(LoginFlowError) -> IssuedSession {
        let user = try await accountUser(id: principal.userID)
        guard user.status == .active else { throw LoginFlowError(.invalidState, "the account is not active") }
        do {
            try await accountProvePassword(password, of: user, client: client)
        } catch {
            await audit(
                .sessionReauthenticated, actor: user.id, subject: user.id, tenant: principal.tenantID, client: client,
                outcome: .failure, reason: error.code == .throttled ? "throttled" : "wrong-password")
            throw error
        }
        let stamp = user.securityStamp
        let session = try await accountStore {
            try await sessions.issue(
                userID: user.id, tenantID: principal.tenantID, authenticationLevel: principal.authenticationLevel,
                client: Self.accountMetadata(client), securityStamp: stamp)
        }
        _ = try await accountStore { try await sessions.revoke(id: principal.sessionID, userID: user.id) }
        await audit(
            .sessionReauthenticated, actor: user.id, subject: user.id, tenant: principal.tenantID, client: client)
        return session
    }

    /// Starts TOTP enrollment: a pending secret and the QR code to scan. Needs a recent authentication.
    /// - Parameter principal: the validated session.
    /// - Returns: the QR code, the URI (the key for typing by hand) and the message.
    /// - Throws: ``LoginFlowError/reauthenticationRequired``, ``LoginFlowError/invalidState`` when TOTP
    ///   is already on (disable it first), ``LoginFlowError/unavailable``.
    public func beginTOTPEnrollment(principal: Principal) async throws(LoginFlowError) -> TOTPEnrollmentStart {
        try requireRecentAuthentication(principal)
        return try await startTOTPEnrollment(for: try await accountUser(id: principal.userID))
    }

    /// A pending secret for `user` and its QR code (a signed-in person's setup and an enrollment ticket's).
    func startTOTPEnrollment(for user: User) async throws(LoginFlowError) -> TOTPEnrollmentStart {
        do {
            let challenge = try await totpEnrollment.begin(userID: user.id, account: user.email.text)
            return TOTPEnrollmentStart(
                challenge: challenge, qrCode: try challenge.uri.qrCode(), message: .scanAuthenticatorCode)
        } catch let error as TOTPError where error.code == .alreadyEnrolled {
            throw LoginFlowError(.invalidState, "TOTP is already on", underlying: error)
        } catch {
            throw LoginFlowError(.unavailable, "TOTP enrollment failed", underlying: error)
        }
    }

    /// Confirms enrollment with the first code from the app: TOTP is on, and the recovery codes are
    /// handed out once (audited as `totp.enrolled`, never the codes). Needs a recent authentication.
    /// - Parameters:
    ///   - principal: the validated session.
    ///   - code: the code the app shows.
    ///   - client: the client, recorded in the audit event.
    /// - Returns: the recovery codes to show once, and the message.
    /// - Throws: ``LoginFlowError/reauthenticationRequired``, ``LoginFlowError/verificationFailed`` for a
    ///   wrong or replayed code, ``LoginFlowError/invalidState`` when nothing is pending (or it expired)
    ///   or TOTP is already on, ``LoginFlowError/unavailable``.
    public func confirmTOTPEnrollment(
        principal: Principal, code: String, client: ClientContext? = nil
    ) async throws(LoginFlowError) -> RecoveryCodeSheet {
        try requireRecentAuthentication(principal)
        let userID = principal.userID
        let result: TOTPVerificationResult
        do {
            result = try await totpEnrollment.confirm(code, userID: userID)
        } catch let error as TOTPError where error.code == .noPendingEnrollment || error.code == .alreadyEnrolled {
            throw LoginFlowError(.invalidState, "no enrollment is pending", underlying: error)
        } catch {
            throw LoginFlowError(.unavailable, "TOTP enrollment failed", underlying: error)
        }
        guard result.isAccepted else {
            await audit(
                .totpEnrolled, actor: userID, subject: userID, tenant: principal.tenantID, client: client,
                outcome: .failure, reason: result == .replayed ? "replayed-code" : "wrong-code")
            throw LoginFlowError(.verificationFailed, Self.wrongCodeReason)
        }
        let codes = try await accountNewRecoveryCodes(for: userID)
        await audit(.totpEnrolled, actor: userID, subject: userID, tenant: principal.tenantID, client: client)
        return RecoveryCodeSheet(codes: codes, message: .twoStepOn)
    }

    /// Turns TOTP off with a current code or an unused recovery code (counted by lockout); the
    /// recovery codes and remembered devices go with it. Needs a recent authentication.
    /// - Parameters:
    ///   - principal: the validated session.
    ///   - proof: a current code or a recovery code.
    ///   - client: the client (lockout counts its address).
    /// - Returns: ``UserMessage/twoStepOff``.
    /// - Throws: ``LoginFlowError/reauthenticationRequired``, ``LoginFlowError/verificationFailed``,
    ///   ``LoginFlowError/throttled``, ``LoginFlowError/invalidState`` when TOTP is off,
    ///   ``LoginFlowError/unavailable``.
    @discardableResult
    public func disableTOTP(
        principal: Principal, proof: String, client: ClientContext
    ) async throws(LoginFlowError) -> UserMessage {
        try requireRecentAuthentication(principal)
        let user = try await accountUser(id: principal.userID)
        let ticket: LockoutTicket
        do {
            ticket = try await accountAdmit(account: user.email.key, client: client)
        } catch {
            await audit(
                .totpDisabled, actor: user.id, subject: user.id, tenant: principal.tenantID, client: client,
                outcome: .failure, reason: "throttled")
            throw error
        }
        let disabled: Bool
        do {
            disabled = try await totpEnrollment.disable(userID: user.id, proof: proof)
        } catch let error as TOTPError where error.code == .notEnrolled {
            throw LoginFlowError(.invalidState, "TOTP is off", underlying: error)
        } catch {
            throw LoginFlowError(.unavailable, "TOTP could not be disabled", underlying: error)
        }
        guard disabled else {
            await audit(
                .totpDisabled, actor: user.id, subject: user.id, tenant: principal.tenantID, client: client,
                outcome: .failure, reason: "wrong-code")
            throw LoginFlowError(.verificationFailed, Self.wrongCodeReason)
        }
        try await accountRecordSuccess(ticket)
        _ = try await accountStore { try await stores.devices.deleteAll(userID: user.id) }
        await audit(.totpDisabled, actor: user.id, subject: user.id, tenant: principal.tenantID, client: client)
        return .twoStepOff
    }

    /// Replaces the recovery codes (the old ones stop working). Needs a recent authentication and TOTP on.
    /// - Parameter principal: the validated session.
    /// - Returns: the new codes to show once, and the message.
    /// - Throws: ``LoginFlowError/reauthenticationRequired``, ``LoginFlowError/invalidState`` when TOTP
    ///   is off, ``LoginFlowError/unavailable``.
    public func regenerateRecoveryCodes(principal: Principal) async throws(LoginFlowError) -> RecoveryCodeSheet {
        try requireRecentAuthentication(principal)
        let userID = principal.userID
        guard try await accountStore({ try await totpEnrollment.isEnabled(userID: userID) }) else {
            throw LoginFlowError(.invalidState, "TOTP is off")
        }
        let codes = try await accountNewRecoveryCodes(for: userID)
        await audit(.recoveryCodesRegenerated, actor: userID, subject: userID, tenant: principal.tenantID)
        return RecoveryCodeSheet(codes: codes, message: .recoveryCodesReplaced)
    }

    /// Throws ``LoginFlowError/reauthenticationRequired`` unless `principal` authenticated within
    /// ``AuthFlowConfiguration/recentAuthenticationWindow``.
    /// - Parameter principal: the validated session.
    public func requireRecentAuthentication(_ principal: Principal) throws(LoginFlowError) {
        let age = clock.now().timeIntervalSince(principal.authenticatedAt)
        guard age <= configuration.recentAuthenticationWindow else {
            throw LoginFlowError(
                .reauthenticationRequired, "the session authenticated \(Int(age)) s ago; confirm the password")
        }
    }

    func accountNewRecoveryCodes(for userID: UserID) async throws(LoginFlowError) -> [RecoveryCode] {
        try await accountStore {
            try await recoveryCodes.regenerate(userID: userID, count: configuration.recoveryCodeCount)
        }
    }
}
