import AuditLog
public import AuthCore
import CoreMetrics
import LockoutPolicy
import SessionTokens
import TOTP

import struct Foundation.Date

// Enrolling TOTP with an enrollment ticket (a sign-in or an invitation answered
// `mfaEnrollmentRequired`): the person has no session yet, so the ticket stands in for one, for this
// and nothing else.
extension AuthFlow {
    /// Starts TOTP enrollment for the account an enrollment ticket belongs to: a pending secret and the
    /// QR code to scan, as ``beginTOTPEnrollment(principal:)`` gives a signed-in person.
    ///
    /// The ticket proved the password moments ago (it lives ``AuthFlowConfiguration/mfaChallengeLifetime``),
    /// so no recent authentication is asked for. Calling it again replaces the pending secret (a person
    /// who lost the page starts over). Nothing of the ticket is used up.
    /// - Parameter ticket: the ``MFAEnrollmentTicket``'s token text.
    /// - Returns: the QR code, the URI (the key for typing by hand) and the message.
    /// - Throws: ``LoginFlowError/invalidToken`` if the text is not a live enrollment ticket (malformed,
    ///   unknown, expired, a second-factor challenge rather than an enrollment one, or issued before the
    ///   account's security stamp changed); ``LoginFlowError/invalidState`` when TOTP is already on (finish
    ///   the sign-in with `completeMFA` and a code); ``LoginFlowError/unavailable`` when a store fails.
    public func beginTOTPEnrollment(ticket: String) async throws(LoginFlowError) -> TOTPEnrollmentStart {
        let user: User
        do {
            guard let token = try? OneTimeToken(parsing: ticket),
                let (challenge, found) = try await liveChallenge(token.digest, at: clock.now()),
                challenge.methods.isEmpty
            else { throw LoginFlowError(.invalidToken, "not a live enrollment ticket") }
            user = found
        } catch {
            throw (error as? LoginFlowError) ?? LoginFlowError(.unavailable, "a store failed", underlying: error)
        }
        return try await startTOTPEnrollment(for: user)
    }

    /// Confirms the enrollment ``beginTOTPEnrollment(ticket:)`` started with the first code from the
    /// app, and with the same code finishes the sign-in the ticket stands for.
    ///
    /// One code does both: it is spent once, by the enrollment, and the ticket is then consumed as a
    /// second-factor challenge would be. The attempt is admitted by lockout under the account's key like
    /// ``completeMFA(challenge:code:method:rememberDevice:client:)``, and a wrong code is counted there
    /// and on the ticket, which dies after ``AuthFlowConfiguration/mfaMaximumFailures`` wrong codes. On
    /// success TOTP is on (audited `totp.enrolled`), new recovery codes are handed out once, the ticket is
    /// consumed (exactly once, however many requests race), and the session is issued at `.multiFactor`
    /// (audited `mfa.succeeded` and `login.succeeded`), with a remembered-device token when asked.
    ///
    /// - Parameters:
    ///   - ticket: the ``MFAEnrollmentTicket``'s token text.
    ///   - code: the code the app shows (spaces and dashes are ignored).
    ///   - rememberDevice: whether to remember this device (skip the second factor on it next time).
    ///   - client: the client.
    /// - Returns: the sign-in's outcome (``LoginOutcome/authenticated(_:)``,
    ///   ``LoginOutcome/passwordChangeRequired(_:)``, ``LoginOutcome/failed(_:)`` with
    ///   ``UserMessage/mfaCodeWrong`` or, for a ticket that is unknown, expired or used up,
    ///   ``UserMessage/mfaChallengeExpired``, or ``LoginOutcome/throttled(retryAfter:_:)``), and the
    ///   recovery codes whenever the code turned TOTP on (even if a racing request consumed the ticket
    ///   first: the codes are then the only copy).
    /// - Throws: ``LoginFlowError/invalidState`` when no enrollment is pending (never begun, expired, or
    ///   replaced) or TOTP is already on (nothing is counted against the person);
    ///   ``LoginFlowError/unavailable`` when a store fails.
    public func completeTOTPEnrollment(
        ticket: String, code: String, rememberDevice: Bool = false, client: ClientContext
    ) async throws -> TicketEnrollment {
        let enrollment = try await performCompleteTOTPEnrollment(
            ticket: ticket, code: code, rememberDevice: rememberDevice, client: client)
        switch enrollment.outcome {
        case .authenticated, .passwordChangeRequired: metrics.mfaSucceeded.increment()
        default: metrics.mfaFailed.increment()
        }
        return enrollment
    }

    private func performCompleteTOTPEnrollment(
        ticket text: String, code: String, rememberDevice: Bool, client: ClientContext
    ) async throws -> TicketEnrollment {
        let now = clock.now()
        guard let token = try? OneTimeToken(parsing: text),
            let (challenge, user) = try await liveChallenge(token.digest, at: now), challenge.methods.isEmpty
        else {
            await audit(.mfaFailed, client: client, outcome: .failure, reason: "unknown-challenge")
            return TicketEnrollment(outcome: .failed(.mfaChallengeExpired), recoveryCodes: nil)
        }

        let admission = try await admitSecondFactor(user, client: client, at: now)
        guard admission.decision.isAllowed else {
            let throttled = await secondFactorThrottled(
                admission.decision, user: user, tenantID: challenge.tenantID, client: client, at: now)
            return TicketEnrollment(outcome: throttled, recoveryCodes: nil)
        }
        let result: TOTPVerificationResult
        do {
            result = try await totpEnrollment.confirm(Self.typedDigits(code), userID: user.id)
        } catch let error as TOTPError where error.code == .noPendingEnrollment || error.code == .alreadyEnrolled {
            // Not the person's guess: take the up-front charge back.
            _ = try? await throttle.release(admission)
            throw LoginFlowError(
                .invalidState,
                error.code == .alreadyEnrolled ? "TOTP is already on" : "no enrollment is pending", underlying: error)
        } catch {
            throw LoginFlowError(.unavailable, "TOTP enrollment failed", underlying: error)
        }
        guard result.isAccepted else {
            let counted = try await unavailableOnError("challenges") {
                try await stores.challenges.recordFailure(
                    digest: token.digest, maximumFailures: configuration.mfaMaximumFailures)
            }
            let exhausted = counted.map { $0.failures >= configuration.mfaMaximumFailures } ?? true
            let reason = result == .replayed ? "replayed-code" : "wrong-code"
            await audit(
                .totpEnrolled, actor: user.id, subject: user.id, tenant: challenge.tenantID, client: client,
                outcome: .failure, reason: reason)
            await audit(
                .mfaFailed, subject: user.id, tenant: challenge.tenantID, client: client, outcome: .failure,
                reason: exhausted ? "wrong-code-challenge-void" : "wrong-code", metadata: ["method": "totp"])
            return TicketEnrollment(
                outcome: .failed(exhausted ? .mfaChallengeExpired : .mfaCodeWrong), recoveryCodes: nil)
        }

        // TOTP is on from here: the recovery codes are made and handed out whatever happens next.
        let sheet = RecoveryCodeSheet(codes: try await accountNewRecoveryCodes(for: user.id), message: .twoStepOn)
        await audit(.totpEnrolled, actor: user.id, subject: user.id, tenant: challenge.tenantID, client: client)

        guard
            let consumed = try await unavailableOnError(
                "challenges", { try await stores.challenges.consume(digest: token.digest) }),
            consumed.userID == user.id, ConstantTime.equals(consumed.securityStamp, user.securityStamp)
        else {
            await audit(.mfaFailed, subject: user.id, client: client, outcome: .failure, reason: "challenge-consumed")
            return TicketEnrollment(outcome: .failed(.mfaChallengeExpired), recoveryCodes: sheet)
        }
        do {
            _ = try await throttle.recordSuccess(admission)
        } catch {
            throw LoginFlowError(.unavailable, "the lockout store failed", underlying: error)
        }
        await audit(
            .mfaSucceeded, actor: user.id, subject: user.id, tenant: challenge.tenantID, client: client,
            metadata: ["method": MFAMethod.totp.rawValue, "enrolled": "true"])
        let outcome = try await finishLogin(
            user, tenantID: challenge.tenantID, level: .multiFactor, client: client, password: nil,
            method: MFAMethod.totp.rawValue, rememberDevice: rememberDevice)
        return TicketEnrollment(outcome: outcome, recoveryCodes: sheet)
    }
}

/// The answer to ``AuthFlow/completeTOTPEnrollment(ticket:code:rememberDevice:client:)``: the sign-in's
/// outcome, and the recovery codes when the code turned TOTP on.
///
/// Show the recovery codes first (once: only their digests are kept), then go where the outcome leads
/// (set the session cookie for ``LoginOutcome/authenticated(_:)``).
public struct TicketEnrollment: Sendable, Redacting {
    /// The sign-in: signed in at `.multiFactor`, a password change, a wrong or expired code, or throttled.
    public let outcome: LoginOutcome
    /// The new recovery codes, when the code was accepted and TOTP is on; `nil` otherwise.
    public let recoveryCodes: RecoveryCodeSheet?

    /// The outcome's name and whether codes came with it; never a token or a code.
    public var redactedDescription: String {
        "TicketEnrollment(outcome: \(outcome.name), recoveryCodes: \(recoveryCodes.map { "\($0.codes.count)" } ?? "none"))"
    }
}
