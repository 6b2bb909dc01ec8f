public import AuthCore
public import SessionTokens

public import struct Foundation.Date
public import struct Foundation.TimeInterval

/// The answer to ``AuthFlow/login(identifier:password:tenant:client:)`` and
/// ``AuthFlow/completeMFA(challenge:code:method:rememberDevice:client:)``: what the app shows next.
///
/// Every case that a person sees carries a ``UserMessage`` or leads to a page of its own; no case tells
/// an unknown identifier from a wrong password.
public enum LoginOutcome: Sendable {
    /// The person is signed in: set the session cookie (and the remembered-device cookie, if any).
    case authenticated(AuthenticatedLogin)
    /// The password was right; ask for a second factor with ``MFAChallengeTicket/token`` and one of
    /// ``MFAChallengeTicket/methods``, then call `completeMFA`.
    case mfaRequired(MFAChallengeTicket)
    /// The password was right but the account must use a second factor and has none yet. The ticket
    /// allows enrollment only: see ``MFAEnrollmentTicket``.
    case mfaEnrollmentRequired(MFAEnrollmentTicket)
    /// The password was right but must be replaced before the account is used (it is in a breach list,
    /// or an administrator asked for it). No session was issued: see ``PasswordChangeTicket``.
    case passwordChangeRequired(PasswordChangeTicket)
    /// Not signed in: show the message. The same for an unknown identifier, a wrong password, and (unless
    /// ``AuthFlowConfiguration/unsafelyRevealWhetherAccountsExist``) an account that cannot sign in.
    case failed(UserMessage)
    /// Too many attempts: nothing was checked. Show the message; `retryAfter` is the wait in seconds, `nil`
    /// when only an administrator (or a password reset) can lift the lock.
    case throttled(retryAfter: TimeInterval?, UserMessage)
    /// The server is checking too many passwords at once and refused this one without checking it; show
    /// the message ("try again in a moment"). Nothing was counted against the account's owner beyond the
    /// attempt itself.
    case busy(UserMessage)

    /// The message to show, for the cases that have one.
    public var message: UserMessage? {
        switch self {
        case .failed(let message), .throttled(_, let message), .busy(let message): message
        case .passwordChangeRequired(let ticket): ticket.message
        case .mfaEnrollmentRequired(let ticket): ticket.message
        case .authenticated, .mfaRequired: nil
        }
    }

    /// A stable name of the case, for logs and tests (`authenticated`, `mfa_required`, ...).
    public var name: String {
        switch self {
        case .authenticated: "authenticated"
        case .mfaRequired: "mfa_required"
        case .mfaEnrollmentRequired: "mfa_enrollment_required"
        case .passwordChangeRequired: "password_change_required"
        case .failed: "failed"
        case .throttled: "throttled"
        case .busy: "busy"
        }
    }
}

/// A completed sign-in.
public struct AuthenticatedLogin: Sendable {
    /// The new session: put `IssuedSession.token` in the session cookie.
    public let session: IssuedSession
    /// The account, as stored after the login.
    public let user: User
    /// The password is weaker than today's policy asks (shorter than its minimum): suggest, do not
    /// force, a change.
    public let passwordChangeRecommended: Bool
    /// A new remembered-device token when the person ticked "remember this device" while completing a
    /// second factor: put its text in a long-lived, `HttpOnly`, `Secure` cookie and send it back in
    /// ``ClientContext/deviceToken``. `nil` otherwise.
    public let deviceToken: DeviceToken?
    /// When ``deviceToken`` stops working.
    public let deviceTokenExpiresAt: Date?
}

/// The state between a right password and a second factor.
public struct MFAChallengeTicket: Sendable, Redacting {
    /// The bearer text of the challenge: carry it to the code page (a hidden field or a short-lived
    /// cookie) and pass it to `completeMFA`. Never log it.
    public let token: OneTimeToken
    /// The methods the person may answer with (recovery codes only while some remain).
    public let methods: [MFAMethod]
    /// When the challenge stops working (the person signs in again).
    public let expiresAt: Date
    /// Why a code is asked for although the device is remembered (`new-network`, `recent-failures`),
    /// `nil` when the account simply uses a second factor.
    public let stepUpReason: String?

    /// The methods and expiry, not the token.
    public var redactedDescription: String {
        "MFAChallengeTicket(methods: \(methods.map(\.rawValue)), expiresAt: \(expiresAt))"
    }
}

/// The answer when an account must enroll a second factor before it is used.
///
/// The ticket is an MFA challenge with no method yet: it does not sign anyone in and opens no session.
/// It allows exactly this: find whose enrollment it is (``AuthFlow/enrollmentUser(challenge:)``), so the
/// app can run TOTP enrollment for that user, and then, once a method is enrolled, finish the sign-in
/// with `completeMFA(challenge:code:method:...)` and the first code, exactly like an MFA login. It
/// lives ``AuthFlowConfiguration/mfaChallengeLifetime`` and dies with the account's security stamp.
public struct MFAEnrollmentTicket: Sendable, Redacting {
    /// The bearer text: carry it to the enrollment page. Never log it.
    public let token: OneTimeToken
    /// When it stops working.
    public let expiresAt: Date
    /// What to tell the person.
    public let message: UserMessage

    /// The expiry, not the token.
    public var redactedDescription: String { "MFAEnrollmentTicket(expiresAt: \(expiresAt))" }
}

/// The answer when the password is right but must be replaced first.
///
/// ``resetToken`` is a password-reset link token (`OneTimeTokenPurpose.passwordReset`) issued to the
/// account: take the person straight to your "choose a new password" page with it, as if they had
/// followed a reset email. After the reset they sign in with the new password. The token works once,
/// expires like any reset link, and dies with the security stamp.
public struct PasswordChangeTicket: Sendable, Redacting {
    /// Why the change is required.
    public enum Reason: String, Sendable, Hashable {
        /// The password is in the breached-password list.
        case breached
        /// The account is flagged (``User/passwordChangeRequired``): an administrator asked for it, or
        /// a breach match at an earlier sign-in.
        case required
    }

    /// Why.
    public let reason: Reason
    /// The reset token for the "choose a new password" page. Never log it.
    public let resetToken: OneTimeToken
    /// What to tell the person.
    public let message: UserMessage

    /// The reason, not the token.
    public var redactedDescription: String { "PasswordChangeTicket(reason: \(reason.rawValue))" }
}
