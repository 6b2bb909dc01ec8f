public import AuditLog
public import AuthCore
import CoreMetrics
import LockoutPolicy
import Logging
import SessionTokens
import TOTP

import struct Foundation.Date

extension AuditEventKind {
    /// A device was remembered after a second factor (`device.remembered`); its metadata names the device
    /// id and how many older devices were forgotten to keep the limit.
    // A constant that satisfies AuditEventKind's grammar (two lowercase segments), as its docs show.
    public static let deviceRemembered = try! AuditEventKind("device.remembered")
}

extension AuthFlow {
    /// Flow 3: completes a sign-in that answered ``LoginOutcome/mfaRequired(_:)`` (or, once a method is
    /// enrolled, ``LoginOutcome/mfaEnrollmentRequired(_:)``) with a code.
    ///
    /// A TOTP code goes through the replay-safe verifier (a code is accepted once); a recovery code is
    /// used up (audited `recovery_code.used`). Every attempt is admitted by lockout under the account's
    /// key first, and a wrong code is counted there and on the challenge, which dies after
    /// ``AuthFlowConfiguration/mfaMaximumFailures`` wrong codes. On success the challenge is consumed
    /// (exactly once, however many requests race), the session is issued at `.multiFactor`, and with
    /// `rememberDevice` a remembered-device token is returned for a long-lived cookie (its digest is
    /// stored with its expiry and a label from the user agent; the user keeps at most
    /// ``AuthFlowConfiguration/rememberedDeviceLimit``, the least recently used are forgotten).
    ///
    /// - Parameters:
    ///   - challenge: the challenge token text the login answered with.
    ///   - code: what the person typed (spaces and dashes in a TOTP code are ignored).
    ///   - method: TOTP or a recovery code.
    ///   - rememberDevice: whether to remember this device (skip the second factor on it next time).
    ///   - client: the client.
    /// - Returns: ``LoginOutcome/authenticated(_:)``, ``LoginOutcome/passwordChangeRequired(_:)``,
    ///   ``LoginOutcome/failed(_:)`` (a wrong code: ``UserMessage/mfaCodeWrong``; a challenge that is
    ///   unknown, expired or used up: ``UserMessage/mfaChallengeExpired``) or
    ///   ``LoginOutcome/throttled(retryAfter:_:)``.
    /// - Throws: ``LoginFlowError/unavailable`` when a store fails.
    public func completeMFA(
        challenge: String, code: String, method: MFAMethod, rememberDevice: Bool = false, client: ClientContext
    ) async throws -> LoginOutcome {
        let outcome = try await performCompleteMFA(
            challenge: challenge, code: code, method: method, rememberDevice: rememberDevice, client: client)
        if case .authenticated = outcome {
            metrics.mfaSucceeded.increment()
        } else if case .passwordChangeRequired = outcome {
            metrics.mfaSucceeded.increment()
        } else {
            metrics.mfaFailed.increment()
        }
        return outcome
    }

    /// The account an enrollment ticket (``MFAEnrollmentTicket``) belongs to, so the app can run TOTP
    /// enrollment for it before the person has a session. Reading it changes nothing.
    /// - Parameter challenge: the ticket's token text.
    /// - Throws: ``LoginFlowError/invalidToken`` if the text is not a live enrollment ticket (malformed,
    ///   unknown, expired, a second-factor challenge rather than an enrollment one, or issued before the
    ///   account's security stamp changed); ``LoginFlowError/unavailable`` when a store fails.
    public func enrollmentUser(challenge: String) async throws -> UserID {
        let now = clock.now()
        guard let token = try? OneTimeToken(parsing: challenge),
            let (found, user) = try await liveChallenge(token.digest, at: now), found.methods.isEmpty
        else { throw LoginFlowError(.invalidToken, "not a live enrollment ticket") }
        return user.id
    }

    private func performCompleteMFA(
        challenge text: String, code: String, method: MFAMethod, rememberDevice: Bool, client: ClientContext
    ) async throws -> LoginOutcome {
        let now = clock.now()
        guard let token = try? OneTimeToken(parsing: text),
            let (challenge, user) = try await liveChallenge(token.digest, at: now)
        else {
            await audit(.mfaFailed, client: client, outcome: .failure, reason: "unknown-challenge")
            return .failed(.mfaChallengeExpired)
        }

        let ticket = try await admitSecondFactor(user, client: client, at: now)
        guard ticket.decision.isAllowed else {
            return await secondFactorThrottled(
                ticket.decision, user: user, tenantID: challenge.tenantID, client: client, at: now)
        }

        // An enrollment ticket accepts the first code of the method enrolled since.
        let methods = challenge.methods.isEmpty ? try await enrolledMethods(of: user.id) : challenge.methods
        let accepted = methods.contains(method) ? try await check(code, method: method, userID: user.id) : false
        guard accepted else {
            let counted = try await unavailableOnError("challenges") {
                try await stores.challenges.recordFailure(
                    digest: token.digest, maximumFailures: configuration.mfaMaximumFailures)
            }
            let exhausted = counted.map { $0.failures >= configuration.mfaMaximumFailures } ?? true
            await audit(
                .mfaFailed, subject: user.id, tenant: challenge.tenantID, client: client, outcome: .failure,
                reason: exhausted ? "wrong-code-challenge-void" : "wrong-code", metadata: ["method": method.rawValue])
            return .failed(exhausted ? .mfaChallengeExpired : .mfaCodeWrong)
        }

        // Exactly one request consumes the challenge; a racing one with a right code gets "expired".
        guard
            let consumed = try await unavailableOnError(
                "challenges", { try await stores.challenges.consume(digest: token.digest) }),
            consumed.userID == user.id, ConstantTime.equals(consumed.securityStamp, user.securityStamp)
        else {
            await audit(.mfaFailed, subject: user.id, client: client, outcome: .failure, reason: "challenge-consumed")
            return .failed(.mfaChallengeExpired)
        }
        do {
            _ = try await throttle.recordSuccess(ticket)
        } catch {
            throw LoginFlowError(.unavailable, "the lockout store failed", underlying: error)
        }
        await audit(
            .mfaSucceeded, actor: user.id, subject: user.id, tenant: challenge.tenantID, client: client,
            metadata: ["method": method.rawValue])
        if method == .recoveryCode {
            let remaining = (try? await recoveryCodes.remaining(userID: user.id)) ?? 0
            await audit(
                .recoveryCodeUsed, actor: user.id, subject: user.id, tenant: challenge.tenantID, client: client,
                metadata: ["remaining": String(remaining)])
        }
        return try await finishLogin(
            user, tenantID: challenge.tenantID, level: .multiFactor, client: client, password: nil,
            method: method.rawValue, rememberDevice: rememberDevice)
    }

    /// The challenge under `digest` and its account, if the challenge is unexpired and the account is
    /// active under the same security stamp.
    func liveChallenge(_ digest: TokenDigest, at now: Date) async throws -> (MFAChallenge, User)? {
        guard
            let challenge = try await unavailableOnError(
                "challenges", { try await stores.challenges.challenge(digest: digest) }),
            now < challenge.expiresAt,
            let user = try await unavailableOnError("users", { try await stores.users.user(id: challenge.userID) }),
            user.status == .active, ConstantTime.equals(user.securityStamp, challenge.securityStamp)
        else { return nil }
        return (challenge, user)
    }

    /// Admits a second-factor attempt for `user` under lockout (the account's key and the client's
    /// address, trusted as a known device when the client's device is remembered); a lockout that the
    /// admission starts is counted and audited.
    func admitSecondFactor(_ user: User, client: ClientContext, at now: Date) async throws -> LockoutTicket {
        let device = try await recognizedDevice(client, identifier: nil, userID: user.id, at: now)
        let attempt = throttle.attempt(
            account: user.email.key, source: client.address, trust: device == nil ? .stranger : .knownDevice)
        let ticket = try await unavailableOnError("lockout") { try await throttle.admit(attempt) }
        if ticket.decision.isAllowed, !ticket.record.locksStarted.isEmpty {
            metrics.lockouts.increment()
            await audit(
                .lockoutStarted, subject: user.id, client: client, outcome: .failure, reason: "threshold",
                metadata: ["counters": ticket.record.locksStarted.map(\.rawValue).joined(separator: ",")])
        }
        return ticket
    }

    /// The answer to a second-factor attempt that lockout refused, audited as `mfa.failed` (`throttled`).
    func secondFactorThrottled(
        _ decision: LockoutDecision, user: User, tenantID: TenantID?, client: ClientContext, at now: Date
    ) async -> LoginOutcome {
        let retryAfter = decision.retryAt.map { max(0, $0.timeIntervalSince(now)) }
        await audit(
            .mfaFailed, subject: user.id, tenant: tenantID, client: client, outcome: .failure, reason: "throttled")
        return .throttled(retryAfter: retryAfter, .tooManyAttempts(retryAfter: retryAfter))
    }

    /// A typed TOTP code without the spaces and dashes people type to group its digits.
    static func typedDigits(_ code: String) -> String {
        String(code.unicodeScalars.filter { $0 != " " && $0 != "-" }.map(Character.init))
    }

    private func enrolledMethods(of userID: UserID) async throws -> [MFAMethod] {
        let enabled = try await unavailableOnError("totp") { try await totpEnrollment.isEnabled(userID: userID) }
        return enabled ? try await availableMethods(for: userID) : []
    }

    private func check(_ code: String, method: MFAMethod, userID: UserID) async throws -> Bool {
        do {
            switch method {
            case .totp:
                return try await totpEnrollment.verify(Self.typedDigits(code), userID: userID).isAccepted
            case .recoveryCode:
                return try await recoveryCodes.redeem(code, userID: userID)
            }
        } catch let error as TOTPError where error.code == .notEnrolled {
            return false
        } catch let error as TOTPError where error.code == .unsealingFailed {
            logger.error("a TOTP secret cannot be unsealed", metadata: ["user": "\(userID.rawValue)"])
            return false
        } catch {
            throw LoginFlowError(.unavailable, "a second-factor store failed", underlying: error)
        }
    }

    /// Remembers the client's device for `user`: a new token, its digest stored with the expiry and a label.
    func remember(_ user: User, client: ClientContext) async throws -> (token: DeviceToken, expiresAt: Date) {
        let now = clock.now()
        let token = DeviceToken.generate()
        let expiresAt = now.addingTimeInterval(configuration.rememberedDeviceLifetime)
        let device = RememberedDevice(
            id: .generate(), userID: user.id, label: client.userAgent.map(Self.deviceLabel) ?? "Unknown device",
            securityStamp: user.securityStamp, createdAt: now, lastUsedAt: now, expiresAt: expiresAt)
        let evicted = try await unavailableOnError("devices") {
            try await stores.devices.insert(device, digest: token.digest, limit: configuration.rememberedDeviceLimit)
        }
        await audit(
            .deviceRemembered, actor: user.id, subject: user.id, client: client,
            metadata: ["device": device.id.rawValue, "forgotten": String(evicted.count)])
        return (token, expiresAt)
    }
}
