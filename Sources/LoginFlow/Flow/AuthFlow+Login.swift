import AuditLog
public import AuthCore
import CoreMetrics
import Foundation
import LockoutPolicy
import Logging
import PasswordHashing
import PasswordPolicy
import RBAC
import SessionTokens
import TOTP

extension AuthFlow {
    /// Flow 2: signs a person in with an identifier and a password.
    ///
    /// In order: when the hashing pool is saturated, the answer is ``LoginOutcome/busy(_:)`` at once,
    /// before any lookup, lockout charge or audit event (counted in the metrics only, and the same for
    /// every identifier, so it tells nothing about accounts); the identifier is parsed (a malformed one gets the same answer, the same lockout charge
    /// and the same hashing work as a wrong password); a remembered-device token counts as a known
    /// device for lockout only if it belongs to the account named and is valid; lockout admits the
    /// attempt and charges it up front (a refusal answers ``LoginOutcome/throttled(retryAfter:_:)`` and
    /// checks nothing); the password is verified, or, for an unknown identifier, an account without a
    /// password or a disabled account, the same work is done against a dummy hash; an outdated stored hash
    /// is replaced; the account's status is checked (every status that cannot sign in gets the same
    /// failed answer); lockout is told of the success; and then the answer is one of: a session, a
    /// second-factor challenge, an enrollment ticket, or a password change (breach list).
    ///
    /// Audited: `login.succeeded` / `login.failed` (the reason code, such as `unknown-identifier` or
    /// `wrong-password`, is in the audit record only), `lockout.started`, `mfa.challenged`,
    /// `session.created`.
    ///
    /// - Parameters:
    ///   - identifier: the email address or username as typed.
    ///   - password: the password as typed.
    ///   - tenant: the tenant to sign in to; the account's home tenant when `nil`.
    ///   - client: the client's address, user agent and remembered-device token.
    /// - Returns: what to show next.
    /// - Throws: ``LoginFlowError/unavailable`` when a store fails; ``LoginFlowError/limitExceeded`` when
    ///   the session policy refuses another session.
    public func login(
        identifier: String, password: String, tenant: TenantID? = nil, client: ClientContext
    ) async throws -> LoginOutcome {
        let outcome = try await performLogin(identifier: identifier, password: password, tenant: tenant, client: client)
        metrics.count(outcome)
        return outcome
    }

    private func performLogin(
        identifier: String, password: String, tenant: TenantID?, client: ClientContext
    ) async throws -> LoginOutcome {
        // A flood that fills the hashing pool gets its answer cheaply: no password is checked, so there
        // is nothing to charge to lockout, and the answer does not depend on the identifier.
        if hasher.pool.isSaturated {
            metrics.hashingBusy.increment()
            return .busy(.loginBusy)
        }
        let now = clock.now()
        let parsed = try? LoginIdentifier(parsing: identifier)
        let accountKey = parsed?.key ?? Self.fallbackAccountKey(identifier)
        let normalized = try? NormalizedPassword(password)
        let device = try await recognizedDevice(client, identifier: parsed, at: now)

        let attempt = throttle.attempt(
            account: accountKey, source: client.address, trust: device == nil ? .stranger : .knownDevice)
        let ticket = try await unavailableOnError("lockout") { try await throttle.admit(attempt) }
        guard ticket.decision.isAllowed else {
            let retryAfter = ticket.decision.retryAt.map { max(0, $0.timeIntervalSince(now)) }
            await audit(
                .loginFailed, client: client, outcome: .failure, reason: "throttled",
                metadata: ["counter": ticket.decision.counter?.rawValue ?? "unknown"])
            return .throttled(retryAfter: retryAfter, .tooManyAttempts(retryAfter: retryAfter))
        }

        var found: User?
        if let parsed {
            found = try await unavailableOnError("users") { try await stores.users.user(identifier: parsed) }
        }
        if !ticket.record.locksStarted.isEmpty {
            metrics.lockouts.increment()
            await audit(
                .lockoutStarted, subject: found?.id, client: client, outcome: .failure, reason: "threshold",
                metadata: ["counters": ticket.record.locksStarted.map(\.rawValue).joined(separator: ",")])
        }

        // The same work for every identifier: a real hash only for an account that could sign in with it.
        let candidate = found.flatMap { $0.status != .disabled && $0.passwordHash != nil ? $0 : nil }
        var verification: PasswordVerification?
        var hashFailure: String?
        if let normalized {
            do throws(PasswordHashingError) {
                if let candidate, let stored = candidate.passwordHash {
                    verification = try await hasher.verify(normalized, against: stored)
                } else {
                    verification = try await hasher.verifyDummy(normalized)
                }
            } catch let error where error.code == .busy {
                // The pool filled between the check above and this verification: the password was never
                // checked, so the up-front lockout charge is taken back (it is not a wrong password).
                metrics.hashingBusy.increment()
                do {
                    try await throttle.release(ticket)
                } catch {
                    throw LoginFlowError(.unavailable, "the lockout store failed", underlying: error)
                }
                await audit(.loginFailed, subject: found?.id, client: client, outcome: .failure, reason: "busy")
                return .busy(.loginBusy)
            } catch let error where error.code == .emptyPassword || error.code == .passwordTooLong {
                hashFailure = "unusable-password"
            } catch {
                logger.error(
                    "stored password hash cannot be verified",
                    metadata: ["user": "\(found?.id.rawValue ?? "-")", "error": "\(error.code)"])
                hashFailure = "unusable-hash"
            }
        } else {
            hashFailure = "unusable-password"
        }

        guard var user = found, let verification, verification.matches else {
            let reason =
                if parsed == nil { "malformed-identifier" } else if let found {
                    found.status == .disabled
                        ? "account-disabled"
                        : found.passwordHash == nil ? "no-password" : hashFailure ?? "wrong-password"
                } else { "unknown-identifier" }
            await audit(.loginFailed, subject: found?.id, client: client, outcome: .failure, reason: reason)
            return .failed(failureMessage(for: found, passwordRight: false))
        }

        if verification.needsRehash { user = await rehash(user, with: normalized) }

        guard user.status == .active else {
            let reason = user.status == .invited ? "account-invited" : "account-pending-verification"
            await audit(.loginFailed, subject: user.id, client: client, outcome: .failure, reason: reason)
            return .failed(failureMessage(for: user, passwordRight: true))
        }

        do {
            _ = try await throttle.recordSuccess(ticket)
        } catch {
            throw LoginFlowError(.unavailable, "the lockout store failed", underlying: error)
        }

        let tenantID = tenant ?? user.homeTenant
        let hasTOTP = try await unavailableOnError("totp") { try await totpEnrollment.isEnabled(userID: user.id) }
        var breached = false
        if let normalized { (user, breached) = await flagIfBreached(user, password: normalized) }

        if hasTOTP {
            var stepUp: String?
            if let device {
                let context = LoginRiskContext(
                    userID: user.id, tenantID: tenantID, client: client, isRememberedDevice: true,
                    isNewNetwork: try await isNewNetwork(client.address, userID: user.id, at: now),
                    recentFailures: try await recentAccountFailures(accountKey), hasSecondFactor: true)
                if case .requireMultiFactor(let reason) = riskPolicy.assess(context) { stepUp = reason }
                if stepUp == nil {
                    _ = try? await stores.devices.touch(digest: device.digest, lastUsedAt: now)
                    return try await finishLogin(
                        user, tenantID: tenantID, level: .multiFactor, client: client, password: normalized,
                        method: "remembered-device", breached: breached)
                }
            }
            let ticket = try await issueChallenge(for: user, tenantID: tenantID, methods: nil, stepUp: stepUp, at: now)
            await audit(
                .mfaChallenged, subject: user.id, tenant: tenantID, client: client, reason: stepUp,
                metadata: ["methods": ticket.methods.map(\.rawValue).joined(separator: ",")])
            return .mfaRequired(ticket)
        }
        if try await mustUseSecondFactor(user, tenantID: tenantID) {
            let challenge = try await issueChallenge(for: user, tenantID: tenantID, methods: [], stepUp: nil, at: now)
            await audit(
                .mfaChallenged, subject: user.id, tenant: tenantID, client: client, reason: "enrollment-required")
            return .mfaEnrollmentRequired(
                MFAEnrollmentTicket(
                    token: challenge.token, expiresAt: challenge.expiresAt, message: .mfaEnrollmentRequired))
        }
        return try await finishLogin(
            user, tenantID: tenantID, level: .password, client: client, password: normalized, method: "password",
            breached: breached)
    }

    /// The last step of every sign-in: a password change if one is pending, else a session.
    func finishLogin(
        _ user: User, tenantID: TenantID?, level: AuthenticationLevel, client: ClientContext,
        password: NormalizedPassword?, method: String, breached: Bool = false, rememberDevice: Bool = false
    ) async throws -> LoginOutcome {
        if user.passwordChangeRequired || breached {
            let token = try await unavailableOnError("links") {
                try await links.issue(userID: user.id, purpose: .passwordReset, securityStamp: user.securityStamp)
            }
            await audit(
                .loginFailed, subject: user.id, tenant: tenantID, client: client, outcome: .failure,
                reason: "password-change-required")
            return .passwordChangeRequired(
                PasswordChangeTicket(
                    reason: breached ? .breached : .required, resetToken: token,
                    message: breached ? .passwordBreached : .passwordChangeRequired))
        }
        let issued = try await issueSession(for: user, tenantID: tenantID, level: level, client: client)
        var device: (token: DeviceToken, expiresAt: Date)?
        if rememberDevice { device = try await remember(user, client: client) }
        await audit(
            .loginSucceeded, actor: user.id, subject: user.id, tenant: tenantID, client: client,
            metadata: ["method": method, "level": level.rawValue])
        let stored = (try? await stores.users.user(id: user.id)) ?? nil
        return .authenticated(
            AuthenticatedLogin(
                session: issued, user: stored ?? user,
                passwordChangeRecommended: password.map { isBelowPolicy($0, hasSecondFactor: level == .multiFactor) }
                    ?? false,
                deviceToken: device?.token, deviceTokenExpiresAt: device?.expiresAt))
    }

    /// Issues a session for `user` and records the login.
    func issueSession(
        for user: User, tenantID: TenantID?, level: AuthenticationLevel, client: ClientContext
    ) async throws -> IssuedSession {
        let metadata = ClientMetadata(
            userAgent: client.userAgent.map { String(decoding: $0.utf8.prefix(512), as: UTF8.self) },
            address: String(describing: client.address), deviceLabel: client.userAgent.map(Self.deviceLabel))
        let issued: IssuedSession
        do {
            issued = try await sessions.issue(
                userID: user.id, tenantID: tenantID, authenticationLevel: level, client: metadata,
                securityStamp: user.securityStamp)
        } catch let error as SessionTokenError where error.code == .limitReached {
            throw LoginFlowError(
                .limitExceeded, "the account has the most sessions its policy allows", underlying: error)
        } catch {
            throw LoginFlowError(.unavailable, "the session store failed", underlying: error)
        }
        _ = try? await stores.users.recordLogin(id: user.id, at: issued.session.createdAt)
        await audit(
            .sessionCreated, actor: user.id, subject: user.id, tenant: tenantID, client: client,
            metadata: ["session": issued.session.id.rawValue, "level": level.rawValue])
        for evicted in issued.evicted {
            await audit(
                .sessionRevoked, actor: user.id, subject: user.id, tenant: tenantID, reason: "session-limit",
                metadata: ["session": evicted.rawValue])
        }
        return issued
    }

    /// A new MFA challenge for `user`: `methods` `nil` for the enrolled ones, `[]` for an enrollment ticket.
    func issueChallenge(
        for user: User, tenantID: TenantID?, methods given: [MFAMethod]?, stepUp: String?, at now: Date
    ) async throws -> MFAChallengeTicket {
        let methods: [MFAMethod]
        if let given {
            methods = given
        } else {
            methods = try await availableMethods(for: user.id)
        }
        let token = OneTimeToken.generate()
        let expiresAt = now.addingTimeInterval(configuration.mfaChallengeLifetime)
        let challenge = MFAChallenge(
            userID: user.id, tenantID: tenantID, methods: methods, securityStamp: user.securityStamp, createdAt: now,
            expiresAt: expiresAt)
        try await unavailableOnError("challenges") {
            try await stores.challenges.insert(challenge, digest: token.digest)
        }
        return MFAChallengeTicket(token: token, methods: methods, expiresAt: expiresAt, stepUpReason: stepUp)
    }

    /// TOTP, and recovery codes while any remain.
    func availableMethods(for userID: UserID) async throws -> [MFAMethod] {
        let remaining = try await unavailableOnError("recovery codes") {
            try await recoveryCodes.remaining(userID: userID)
        }
        return remaining > 0 ? [.totp, .recoveryCode] : [.totp]
    }

    /// The remembered device the client's token names, if it is unexpired, its account is active and
    /// still has the stamp it was remembered under, and (when `identifier` is given) that account holds
    /// `identifier`.
    func recognizedDevice(
        _ client: ClientContext, identifier: LoginIdentifier?, userID: UserID? = nil, at now: Date
    ) async throws -> (device: RememberedDevice, digest: TokenDigest)? {
        guard let token = client.deviceToken, identifier != nil || userID != nil else { return nil }
        guard
            let device = try await unavailableOnError(
                "devices", { try await stores.devices.device(digest: token.digest) }),
            !device.isExpired(at: now), userID.map({ $0 == device.userID }) ?? true,
            let owner = try await unavailableOnError("users", { try await stores.users.user(id: device.userID) }),
            owner.status == .active, ConstantTime.equals(owner.securityStamp, device.securityStamp),
            identifier.map({ owner.identifiers.contains($0) }) ?? true
        else { return nil }
        return (device, token.digest)
    }

    /// Whether the account must use a second factor: by its own setting, its tenant, or one of its roles.
    func mustUseSecondFactor(_ user: User, tenantID: TenantID?) async throws -> Bool {
        if user.mfa == .required { return true }
        if let tenantID, configuration.mfaRequiredTenants.contains(tenantID) { return true }
        guard !configuration.mfaRequiredRoles.isEmpty else { return false }
        let roles = roleDirectory.roles(of: user.id, in: tenantID, snapshot: access.snapshot)
        return !roles.isDisjoint(with: configuration.mfaRequiredRoles)
    }

    /// Runs `body`, turning a store's own error into ``LoginFlowError/unavailable`` (a `LoginFlowError`
    /// passes unchanged).
    func unavailableOnError<T: ~Copyable>(_ what: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch let error as LoginFlowError {
            throw error
        } catch {
            throw LoginFlowError(.unavailable, "the \(what) store failed", underlying: error)
        }
    }

    private func failureMessage(for user: User?, passwordRight: Bool) -> UserMessage {
        guard configuration.unsafelyRevealWhetherAccountsExist else { return .loginFailed }
        guard let user else { return .unsafeUnknownAccount }
        switch user.status {
        case .disabled: return .unsafeAccountDisabled
        case .invited: return .unsafeAccountInvited
        case .pendingVerification where passwordRight: return .unsafeAccountUnverified
        default: return user.passwordHash == nil ? .unsafeAccountInvited : .unsafeWrongPassword
        }
    }

    /// Replaces an outdated stored hash; a conflict (someone changed the account meanwhile) or a busy
    /// pool leaves the old hash, which still verifies.
    private func rehash(_ user: User, with password: NormalizedPassword?) async -> User {
        guard let password else { return user }
        do {
            var updated = user
            updated.passwordHash = try await hasher.hash(password)
            guard let stored = try await stores.users.update(updated, expectedVersion: user.version) else {
                return user
            }
            logger.debug("password hash upgraded", metadata: ["user": "\(user.id.rawValue)"])
            return stored
        } catch {
            logger.warning(
                "password hash upgrade skipped", metadata: ["user": "\(user.id.rawValue)", "error": "\(error)"])
            return user
        }
    }

    /// Flags the account for a password change when the password is in the breach list (kept on the
    /// account, so the change stays required until it is made).
    private func flagIfBreached(_ user: User, password: NormalizedPassword) async -> (User, breached: Bool) {
        do {
            guard try await passwordPolicy.breachMatch(for: password) != nil else { return (user, false) }
            guard !user.passwordChangeRequired else { return (user, true) }
            var updated = user
            updated.passwordChangeRequired = true
            // A conflict leaves the flag unset in the store; this sign-in still requires the change.
            let stored = try await stores.users.update(updated, expectedVersion: user.version)
            return (stored ?? updated, true)
        } catch {
            logger.warning("breached-password check failed", metadata: ["error": "\(error)"])
            return (user, false)
        }
    }

    private func isBelowPolicy(_ password: NormalizedPassword, hasSecondFactor: Bool) -> Bool {
        let policy = passwordPolicy.configuration
        let minimum = hasSecondFactor ? policy.minimumLengthWithMultiFactor : policy.minimumLength
        return password.codePointCount < minimum
    }

    /// Whether no stored session of the account came from `address`'s network (IPv4 /24, IPv6 /64).
    /// Whether `address`'s network (IPv4 /24, IPv6 /64) is new for the account: no live session from
    /// it, and no successful sign-in from it in the audit trail within
    /// ``AuthFlowConfiguration/knownNetworkMemory``. The trail is read only when no session matches,
    /// so a person who signed out (leaving no session) is still known on their own network.
    private func isNewNetwork(_ address: SourceAddress, userID: UserID, at now: Date) async throws -> Bool {
        let network = Self.network(of: address.prefix)
        func same(_ text: String?) -> Bool {
            guard let text, let seen = try? SourceAddress(parsing: text) else { return false }
            return Self.network(of: seen.prefix) == network
        }
        let past = try await unavailableOnError("sessions") { try await sessions.store.sessions(userID: userID) }
        if past.contains(where: { same($0.client.address) }) { return false }
        var query = AuditQuery(limit: 200)
        query.user = userID
        query.kinds = [.loginSucceeded]
        query.outcome = .success
        query.since = now.addingTimeInterval(-configuration.knownNetworkMemory)
        let signIns = try await unavailableOnError("audit") {
            try await flushAudit()
            return try await stores.audit.query(query).records
        }
        return !signIns.contains { $0.event.subject == userID && same($0.event.sourceAddress) }
    }

    private static func network(of prefix: SourcePrefix) -> SourcePrefix {
        prefix.isIPv6 ? prefix : SourcePrefix(ipv4: UInt32(truncatingIfNeeded: prefix.value) & 0xFFFF_FF00)
    }

    /// Failed sign-ins counted at the account by strangers, now.
    private func recentAccountFailures(_ accountKey: String) async throws -> Int {
        let keys = Array(throttle.accountKeys(accountKey).prefix(1))
        let entries = try await unavailableOnError("lockout") { try await throttle.status(of: keys) }
        return entries.first?.counter?.failures ?? 0
    }

    /// The lockout key of text that is not a valid identifier: trimmed, lowercased, bounded; it is
    /// charged like any identifier so a malformed one costs what a wrong password costs.
    private static func fallbackAccountKey(_ text: String) -> String {
        let bounded = String(decoding: text.utf8.prefix(LoginIdentifier.maximumInputBytes), as: UTF8.self)
        return "invalid:" + bounded.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
    }
}
