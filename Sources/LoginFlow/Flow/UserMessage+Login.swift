public import struct Foundation.TimeInterval

extension UserMessage {
    /// "That email and password don't match. Try again, or reset your password." The one answer to a
    /// wrong password, an unknown identifier, a malformed one, and an account that cannot sign in.
    public static let loginFailed = UserMessage(
        code: "login.failed", text: "That email and password don't match. Try again, or reset your password.")

    /// "Too many attempts. Please wait N minutes and try again." with the wait rounded up; the locked-until-
    /// an-administrator wording when `retryAfter` is `nil`.
    /// - Parameter retryAfter: the wait in seconds, `nil` for a lock only an administrator lifts.
    public static func tooManyAttempts(retryAfter: TimeInterval?) -> UserMessage {
        guard let retryAfter else {
            return UserMessage(
                code: "login.locked",
                text:
                    "Too many attempts. Sign-in is paused for this account. Reset your password, or ask your administrator to unlock it."
            )
        }
        let seconds = max(1, Int(retryAfter.rounded(.up)))
        let wait: String
        if seconds < 60 {
            wait = seconds == 1 ? "1 second" : "\(seconds) seconds"
        } else {
            let minutes = (seconds + 59) / 60
            wait = minutes == 1 ? "1 minute" : "\(minutes) minutes"
        }
        return UserMessage(code: "login.throttled", text: "Too many attempts. Please wait \(wait) and try again.")
    }

    /// "We're very busy right now. Please try again in a moment." The hashing pool was saturated.
    public static let loginBusy = UserMessage(
        code: "login.busy", text: "We're very busy right now. Please try again in a moment.")

    /// "That code didn't work. Check your authenticator app and try again."
    public static let mfaCodeWrong = UserMessage(
        code: "mfa.wrong_code", text: "That code didn't work. Check your authenticator app and try again.")

    /// "This sign-in has expired. Please sign in again." The challenge is unknown, expired, used up by
    /// wrong codes, or was issued before a password change.
    public static let mfaChallengeExpired = UserMessage(
        code: "mfa.expired", text: "This sign-in has expired. Please sign in again.")

    /// "Your account needs two-step verification. Set it up now to finish signing in."
    public static let mfaEnrollmentRequired = UserMessage(
        code: "mfa.enrollment_required",
        text: "Your account needs two-step verification. Set it up now to finish signing in.")

    /// "Your password may be known to someone else. Choose a new one to keep your account safe."
    public static let passwordBreached = UserMessage(
        code: "password.breached",
        text: "Your password may be known to someone else. Choose a new one to keep your account safe.")

    /// "Please choose a new password to finish signing in."
    public static let passwordChangeRequired = UserMessage(
        code: "password.change_required", text: "Please choose a new password to finish signing in.")

    // The wordings below are used only with `unsafelyRevealWhetherAccountsExist`.

    /// "No account uses that email address or username." Reveals that the account does not exist.
    public static let unsafeUnknownAccount = UserMessage(
        code: "login.unknown_account", text: "No account uses that email address or username.")

    /// "That password isn't right. Try again, or reset your password." Reveals that the account exists.
    public static let unsafeWrongPassword = UserMessage(
        code: "login.wrong_password", text: "That password isn't right. Try again, or reset your password.")

    /// "This account has been turned off. Ask your administrator for help."
    public static let unsafeAccountDisabled = UserMessage(
        code: "login.disabled", text: "This account has been turned off. Ask your administrator for help.")

    /// "Please accept your invitation first: open the link in the email we sent you."
    public static let unsafeAccountInvited = UserMessage(
        code: "login.invited", text: "Please accept your invitation first: open the link in the email we sent you.")

    /// "Please confirm your email address first: open the link in the email we sent you."
    public static let unsafeAccountUnverified = UserMessage(
        code: "login.unverified",
        text: "Please confirm your email address first: open the link in the email we sent you.")
}
