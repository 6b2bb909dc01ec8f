import AuditLog
import AuthCore
import LockoutPolicy
import Logging
import PasswordHashing
import PasswordPolicy
import RBAC
import SessionTokens
import TOTP

public import struct Foundation.Date

// The steps the account flows (registration, passwords, two-factor setup, administration) share: loading
// and writing users, checking and hashing new passwords, redeeming links, lockout around a proof.
extension AuthFlow {
    /// The reason of ``LoginFlowError/verificationFailed`` for a wrong current password.
    static let wrongPasswordReason = "wrong password"
    /// The reason of ``LoginFlowError/verificationFailed`` for a wrong authenticator or recovery code.
    static let wrongCodeReason = "wrong code"

    /// The user with `id`, or ``LoginFlowError/userNotFound``; a store failure is ``LoginFlowError/unavailable``.
    func accountUser(id: UserID) async throws(LoginFlowError) -> User {
        let found = try await accountStore { try await stores.users.user(id: id) }
        guard let found else { throw LoginFlowError(.userNotFound, "no user has this id") }
        return found
    }

    /// Writes `user` if nobody changed it since it was read (its ``User/version``); otherwise
    /// ``LoginFlowError/conflict``.
    func accountUpdate(_ user: User) async throws(LoginFlowError) -> User {
        let stored = try await accountStore { try await stores.users.update(user, expectedVersion: user.version) }
        guard let stored else {
            throw LoginFlowError(.conflict, "the user changed since it was read; repeat the step")
        }
        return stored
    }

    /// Runs a store call, turning a backend's own error into ``LoginFlowError/unavailable``.
    func accountStore<T>(_ body: () async throws -> T) async throws(LoginFlowError) -> T {
        do {
            return try await body()
        } catch let error as LoginFlowError {
            throw error
        } catch {
            throw LoginFlowError(.unavailable, "a store failed", underlying: error)
        }
    }

    /// `text` as the hasher and policy take it, or a rejection that says why not.
    func accountNormalized(_ text: String) throws(LoginFlowError) -> NormalizedPassword {
        do {
            return try NormalizedPassword(text)
        } catch {
            throw Self.accountRejection(
                PasswordRejection(
                    violations: [
                        PasswordViolation(.tooLong, message: "This password is too long. Choose a shorter one.")
                    ]))
        }
    }

    /// The context words of a password for `user`: their name, email address and username, the
    /// product's name; and the user id, so the history is consulted.
    func accountPasswordContext(
        email: LoginIdentifier, username: LoginIdentifier? = nil, displayName: String, userID: UserID?,
        hasMultiFactor: Bool = false
    ) -> PasswordContext {
        PasswordContext(
            hasMultiFactor: hasMultiFactor, userID: userID, email: email.text, username: username?.text,
            name: displayName, productName: configuration.issuer)
    }

    /// Checks a new password against the policy and, when `userID` is known, the history; throws
    /// ``LoginFlowError/passwordRejected`` with a ``PasswordRejection`` listing every reason.
    func accountCheckNewPassword(
        _ password: NormalizedPassword, context: PasswordContext
    ) async throws(LoginFlowError) {
        let result: PasswordCheckResult
        do {
            result = try await passwordPolicy.check(password, context: context)
        } catch {
            throw Self.accountPolicyFailure(error)
        }
        var violations = result.violations
        if violations.isEmpty, let userID = context.userID {
            let reused: Bool
            do {
                reused = try await passwordHistory.contains(password, userID: userID)
            } catch {
                throw Self.accountPolicyFailure(error)
            }
            if reused {
                violations.append(
                    PasswordViolation(
                        .reused, message: "You've used this password recently. Choose one you haven't used before."))
            }
        }
        guard violations.isEmpty else {
            throw Self.accountRejection(PasswordRejection(violations: violations))
        }
    }

    /// A new stored hash of `password`, on the bounded pool.
    func accountHash(_ password: NormalizedPassword) async throws(LoginFlowError) -> String {
        do {
            return try await hasher.hash(password)
        } catch {
            throw Self.accountHashingFailure(error)
        }
    }

    /// Records `storedHash` in the password history. A failure is logged, not thrown: the password is
    /// already set, and failing the request now would leave the person unsure whether it was.
    func accountRecordHistory(_ storedHash: String, userID: UserID) async {
        do {
            try await passwordHistory.record(storedHash: storedHash, userID: userID)
        } catch {
            logger.error(
                "password history not recorded",
                metadata: ["user": "\(userID)", "error": "\(String(describing: error))"])
        }
    }

    /// Ends every session and forgets every remembered device of `userID` (after its stamp changed,
    /// which already voids them: this removes the records too).
    func accountEndEverySession(of userID: UserID) async throws(LoginFlowError) {
        _ = try await accountStore { try await sessions.revokeAll(userID: userID) }
        _ = try await accountStore { try await stores.devices.deleteAll(userID: userID) }
    }

    /// The session metadata of a client.
    static func accountMetadata(_ client: ClientContext?) -> ClientMetadata {
        ClientMetadata(userAgent: client?.userAgent, address: client.map { String(describing: $0.address) })
    }

    /// Verifies `password` against `user`'s stored hash, admitted and counted by lockout exactly as a
    /// login is (the account's identifier from the client's address). Throws
    /// ``LoginFlowError/throttled`` or ``LoginFlowError/verificationFailed``.
    func accountProvePassword(
        _ password: String, of user: User, client: ClientContext
    ) async throws(LoginFlowError) {
        guard let stored = user.passwordHash else {
            throw LoginFlowError(.invalidState, "the account has no password")
        }
        let ticket = try await accountAdmit(account: user.email.key, client: client)
        let matches: Bool
        do {
            let typed = try NormalizedPassword(password)
            matches = try await hasher.verify(typed, against: stored).matches
        } catch  where error.code == .busy {
            throw LoginFlowError(.busy, "the hashing pool is saturated", underlying: error)
        } catch {
            matches = false
        }
        guard matches else {
            throw LoginFlowError(.verificationFailed, Self.wrongPasswordReason)
        }
        try await accountRecordSuccess(ticket)
    }

    /// Reports an admitted attempt's success to lockout, which takes its charge back.
    func accountRecordSuccess(_ ticket: consuming LockoutTicket) async throws(LoginFlowError) {
        do {
            try await throttle.recordSuccess(ticket)
        } catch {
            throw LoginFlowError(.unavailable, "the lockout store failed", underlying: error)
        }
    }

    /// Admits an attempt on `account` from the client's address, or throws ``LoginFlowError/throttled``.
    func accountAdmit(account: String, client: ClientContext) async throws(LoginFlowError) -> LockoutTicket {
        let attempt = throttle.attempt(account: account, source: client.address)
        let ticket: LockoutTicket
        do {
            ticket = try await throttle.admit(attempt)
        } catch {
            throw LoginFlowError(.unavailable, "the lockout store failed", underlying: error)
        }
        guard ticket.decision.isAllowed else {
            throw LoginFlowError(
                .throttled, "lockout refused the attempt", underlying: RetryLater(at: ticket.decision.retryAt))
        }
        return ticket
    }

    /// Redeems a link token for `purpose` whose user must be in `status`. The token is used up
    /// whatever the answer. Every refusal is ``LoginFlowError/invalidToken``.
    func accountRedeem(
        _ token: String, purpose: OneTimeTokenPurpose, status: UserStatus
    ) async throws(LoginFlowError) -> OneTimeTokenRecord {
        do {
            return try await accountLinks(for: status).redeem(token, purpose: purpose)
        } catch let error as SessionTokenError {
            throw LoginFlowError(
                .invalidToken, "the link is malformed, unknown, used, expired or void", underlying: error)
        } catch {
            throw LoginFlowError(.unavailable, "a store failed", underlying: error)
        }
    }

    /// Issues a link token for `user`, bound to its current stamp; `lifetime` defaults to the purpose's.
    func accountIssueLink(
        for user: User, purpose: OneTimeTokenPurpose, lifetime: Double? = nil
    ) async throws(LoginFlowError) -> OneTimeToken {
        try await accountStore {
            try await accountLinks(for: user.status).issue(
                userID: user.id, purpose: purpose, securityStamp: user.securityStamp, lifetime: lifetime)
        }
    }

    /// A replacement for a redeemed link whose step was refused (a password the policy rejected), for
    /// the rest of the original's lifetime, so the person can try another password on the same page.
    func accountReissue(_ record: OneTimeTokenRecord, for user: User) async -> OneTimeToken? {
        let remaining = record.expiresAt.timeIntervalSince(clock.now())
        guard remaining > 0 else { return nil }
        return try? await accountIssueLink(for: user, purpose: record.purpose, lifetime: remaining)
    }

    /// `links` checks stamps of active users only (every other stamp is "no session"): invitation and
    /// verification links belong to users who are not active yet, so they are redeemed by an issuer
    /// whose stamp provider accepts the user's stamp while the user is in the status the link is for.
    private func accountLinks(for status: UserStatus) -> OneTimeTokenIssuer {
        guard status != .active else { return links }
        let users = stores.users
        return OneTimeTokenIssuer(
            store: stores.oneTimeTokens, clock: clock,
            stamps: ClosureSecurityStampProvider { userID in
                guard let user = try await users.user(id: userID), user.status == status else { return nil }
                return user.securityStamp
            })
    }

    /// Applies one assignment change through `RoleStore.apply(_:expecting:)` at the version of the
    /// policy just read, or nothing when the policy already says so (a grant of a held role, a revoke
    /// of one not held); a concurrent policy edit makes it read and decide once more. Then refreshes
    /// the access checker so the next check sees it.
    /// - Returns: whether the policy changed.
    @discardableResult
    func accountAssign(_ change: PolicyChange, retryingOnce: Bool = true) async throws(LoginFlowError) -> Bool {
        do {
            let current = try await stores.roles.policy()
            switch change {
            case .assign(let assignment) where current.policy.assignments.contains(assignment): return false
            case .unassign(let assignment) where !current.policy.assignments.contains(assignment): return false
            default: break
            }
            _ = try await stores.roles.apply([change], expecting: current.version)
        } catch let error as RBACError where error.code == .versionConflict {
            guard retryingOnce else {
                throw LoginFlowError(.conflict, "the role policy changed meanwhile; repeat the step", underlying: error)
            }
            return try await accountAssign(change, retryingOnce: false)
        } catch let error as RBACError {
            throw LoginFlowError(.invalidState, "the role policy refused the change", underlying: error)
        } catch {
            throw LoginFlowError(.unavailable, "the role store failed", underlying: error)
        }
        do {
            try await access.refresh()
        } catch {
            logger.error("access checker not refreshed", metadata: ["error": "\(String(describing: error))"])
        }
        return true
    }

    static func accountRejection(_ rejection: PasswordRejection) -> LoginFlowError {
        LoginFlowError(
            .passwordRejected, "the password breaks the policy: \(rejection.violations.map(\.code.rawValue))",
            underlying: rejection)
    }

    static func accountPolicyFailure(_ error: PasswordPolicyError) -> LoginFlowError {
        if error.code == .passwordTooLong {
            return accountRejection(
                PasswordRejection(
                    violations: [
                        PasswordViolation(.tooLong, message: "This password is too long. Choose a shorter one.")
                    ]))
        }
        return LoginFlowError(.unavailable, "the password policy could not answer", underlying: error)
    }

    static func accountHashingFailure(_ error: PasswordHashingError) -> LoginFlowError {
        switch error.code {
        case .busy: LoginFlowError(.busy, "the hashing pool is saturated", underlying: error)
        case .emptyPassword, .passwordTooLong:
            accountRejection(
                PasswordRejection(
                    violations: [PasswordViolation(.tooShort, message: "Choose a password of the allowed length.")]))
        default: LoginFlowError(.unavailable, "the password could not be hashed", underlying: error)
        }
    }
}

/// When lockout lets the next attempt in: the ``LoginFlowError/underlying`` error of
/// ``LoginFlowError/throttled``.
public struct RetryLater: Error, Sendable, Hashable, CustomStringConvertible {
    /// The earliest instant the next attempt may succeed; `nil` for a lock only an administrator lifts.
    public let retryAt: Date?
    /// Describes when to try again.
    /// - Parameter retryAt: the instant, or `nil` for "when an administrator unlocks the account".
    public init(at retryAt: Date?) { self.retryAt = retryAt }
    /// The instant, for logs.
    public var description: String { "RetryLater(\(retryAt.map { "\($0)" } ?? "after an administrator unlocks"))" }
}

// The account flows' audit kinds beyond AuditLog's built-in ones. The names are literals that meet
// `AuditEventKind`'s rule (two to eight dotted segments of [a-z0-9_]), so the `try!` cannot fail.
extension AuditEventKind {
    /// `user.activated`: an invitation was accepted or an email address confirmed.
    static let userActivated = try! AuditEventKind("user.activated")
    /// `user.enabled`: an administrator enabled a disabled account.
    static let userEnabled = try! AuditEventKind("user.enabled")
    /// `user.unlocked`: an administrator lifted the account's lockout.
    static let userUnlocked = try! AuditEventKind("user.unlocked")
    /// `password.change_forced`: an administrator required a new password at the next login.
    static let passwordChangeForced = try! AuditEventKind("password.change_forced")
    /// `recovery_code.regenerated`: the user replaced their recovery codes.
    static let recoveryCodesRegenerated = try! AuditEventKind("recovery_code.regenerated")
    /// `session.reauthenticated`: the user confirmed their password for a sensitive step.
    static let sessionReauthenticated = try! AuditEventKind("session.reauthenticated")
    /// `audit.events_viewed`: an administrator read a user's recent security events.
    static let securityEventsViewed = try! AuditEventKind("audit.events_viewed")
}
