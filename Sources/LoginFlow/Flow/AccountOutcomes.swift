public import AuthCore
public import SessionTokens
public import TOTP

public import struct Foundation.Date

/// A new invited account and the link token to email to the person.
///
/// Put ``token`` in the invitation link (`https://crm.example/invitation?token=...`) and send it; never
/// log it or show it to the administrator. It prints redacted.
public struct Invitation: Sendable, Redacting {
    /// The account, in status ``UserStatus/invited``.
    public let user: User
    /// The invitation link's token (single use, bound to the account's security stamp).
    public let token: OneTimeToken
    /// When the link stops working.
    public let expiresAt: Date

    /// The account id and expiry; never the token.
    public var redactedDescription: String {
        "Invitation(user: \(user.id), token: <redacted>, expiresAt: \(expiresAt))"
    }
}

/// The person accepted an invitation: their first password is set, and they are signed in unless the
/// account must first enroll a second factor.
///
/// ```swift
/// switch accepted.next {
/// case .signedIn(let session): setSessionCookie(session.token)
/// case .mfaEnrollmentRequired(let ticket): showEnrollment(ticket)  // as after a login
/// }
/// ```
public struct InvitationAcceptance: Sendable, Redacting {
    /// What the person does next.
    public enum Next: Sendable {
        /// Signed in at the password level: put the session's token in the session cookie.
        case signedIn(IssuedSession)
        /// The account must use a second factor (``User/mfa``, a tenant or a role requires it) and has
        /// none: no session was issued. The ticket allows enrollment only, exactly as after a login
        /// answered with `LoginOutcome.mfaEnrollmentRequired`.
        case mfaEnrollmentRequired(MFAEnrollmentTicket)
    }

    /// The account, now ``UserStatus/active``.
    public let user: User
    /// Signed in, or a second factor to enroll first.
    public let next: Next
    /// What to tell the person.
    public let message: UserMessage

    /// The new session when the person is signed in, `nil` when a second factor must be enrolled first.
    public var session: IssuedSession? {
        if case .signedIn(let session) = next { session } else { nil }
    }

    /// The account id and what comes next; never a token.
    public var redactedDescription: String {
        switch next {
        case .signedIn(let session): "InvitationAcceptance(user: \(user.id), session: \(session.session.id))"
        case .mfaEnrollmentRequired: "InvitationAcceptance(user: \(user.id), next: mfa-enrollment-required)"
        }
    }
}

/// The answer to a registration: one message for the page whatever happened, and which email to send.
///
/// The page shows ``message``, the same for a new address and one that already has an account, so the
/// form never reveals which addresses are registered. ``mail`` tells the app which email to send to the
/// address: a confirmation link for a new account, or a notice that an account already exists (with a
/// link to sign in or reset the password). Send it from a queue, off the request, so the response time
/// does not tell the two apart either.
public struct RegistrationReceipt: Sendable, Redacting {
    /// The email the app sends.
    public enum Mail: Sendable {
        /// A new (or still unconfirmed) account: send a link with this token to confirm the address.
        case verificationLink(to: LoginIdentifier, token: OneTimeToken)
        /// The address already has an account: send a notice ("you already have an account; sign in or
        /// reset your password"), with no token.
        case alreadyRegistered(to: LoginIdentifier)
    }

    /// The email to send.
    public let mail: Mail
    /// What the page says: ``UserMessage/registrationReceived`` in every case (unless the app opted in to
    /// ``AuthFlowConfiguration/unsafelyRevealWhetherAccountsExist``).
    public let message: UserMessage

    /// The message only.
    public var redactedDescription: String { "RegistrationReceipt(message: \(message.code))" }
}

/// The answer to "send me a reset link": one message for the page, and whether to send mail.
///
/// Show ``message`` (the same whether or not an account uses the address). Use ``mail`` only to decide
/// whether to send an email, from a queue off the request, so that neither the page nor the response
/// time tells the person whether the address has an account.
public struct PasswordResetRequest: Sendable, Redacting {
    /// Whether to send an email.
    public enum Mail: Sendable {
        /// An account uses the address: email it a link with this token.
        case resetLink(to: LoginIdentifier, token: OneTimeToken, expiresAt: Date)
        /// No active account uses the address: send nothing.
        case none
    }

    /// Whether to send mail, and what.
    public let mail: Mail
    /// What the page says: ``UserMessage/resetLinkSent`` in every case (unless the app opted in to
    /// ``AuthFlowConfiguration/unsafelyRevealWhetherAccountsExist``).
    public let message: UserMessage

    /// The message only: printing a request reveals neither the token nor whether mail is sent.
    public var redactedDescription: String { "PasswordResetRequest(message: \(message.code))" }
}

/// A password change that worked: the current session was re-issued under the account's new security
/// stamp (every other session and remembered device is gone).
public struct PasswordChange: Sendable, Redacting {
    /// The session that replaces the one the change was made from: put its token in the cookie.
    public let session: IssuedSession
    /// What to tell the person.
    public let message: UserMessage

    /// The session id; never the token.
    public var redactedDescription: String { "PasswordChange(session: \(session.session.id))" }
}

/// What the two-step sign-in setup screen shows: the QR code, the key for typing by hand, the message.
public struct TOTPEnrollmentStart: Sendable, Redacting {
    /// The pending secret's `otpauth` URI (the secret is revealed only through its `revealed...` members).
    public let challenge: TOTPEnrollmentChallenge
    /// The URI as a QR code: `svg()` for a page, `terminalText()` for a terminal.
    public let qrCode: QRCode
    /// What to tell the person.
    public let message: UserMessage

    /// The account name only.
    public var redactedDescription: String { "TOTPEnrollmentStart(\(challenge))" }
}

/// Recovery codes to show once (after enrolling TOTP or regenerating them), with the message.
public struct RecoveryCodeSheet: Sendable, Redacting {
    /// The codes: show them once and forget them; only their digests are stored.
    public let codes: [RecoveryCode]
    /// What to tell the person.
    public let message: UserMessage

    /// The number of codes only.
    public var redactedDescription: String { "RecoveryCodeSheet(\(codes.count) codes)" }
}
