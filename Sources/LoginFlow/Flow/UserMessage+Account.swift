// The messages of the account flows: invitations and registration, password changes and resets,
// two-step sign-in setup, and the administrator's actions. Codes start with the flow's area.
extension UserMessage {
    /// After accepting an invitation: the first password is set and the person is signed in.
    public static let invitationAccepted = UserMessage(
        code: "account.invitation_accepted", text: "Welcome! Your password is set and you're signed in.")
    /// After registering, whether or not the address already had an account (the email tells them which).
    public static let registrationReceived = UserMessage(
        code: "account.registration_received",
        text: "Check your email: we sent a message to the address you gave. It tells you how to finish.")
    /// After registering an address that has an account, only when the app opted in to
    /// ``AuthFlowConfiguration/unsafelyRevealWhetherAccountsExist``.
    public static let alreadyRegistered = UserMessage(
        code: "account.already_registered",
        text: "An account already uses this email address. Sign in, or reset your password if you forgot it.")
    /// After confirming an email address: the account is ready.
    public static let emailVerified = UserMessage(
        code: "account.email_verified", text: "Thanks, your email address is confirmed. You can sign in now.")
    /// An invitation, confirmation or reset link that is malformed, used, expired or no longer valid.
    public static let linkInvalid = UserMessage(
        code: "account.link_invalid",
        text: "This link doesn't work any more: it was already used, or it's too old. Ask for a new one.")
    /// A new password the policy refused; show the reasons from ``PasswordRejection`` below it.
    public static let passwordRejected = UserMessage(
        code: "account.password_rejected", text: "Please choose a different password.")
    /// After changing the password.
    public static let passwordChanged = UserMessage(
        code: "account.password_changed",
        text: "Your password is changed. We signed you out everywhere else, just to be safe.")
    /// The current password given to confirm a step is wrong.
    public static let currentPasswordWrong = UserMessage(
        code: "account.current_password_wrong", text: "That isn't your current password. Please try again.")
    /// After asking for a reset link: the same words whether or not an account uses the address.
    public static let resetLinkSent = UserMessage(
        code: "account.reset_link_sent",
        text: "Check your email: we sent a link to reset your password if an account uses that address.")
    /// After asking for a reset link for an unknown address, only when the app opted in to
    /// ``AuthFlowConfiguration/unsafelyRevealWhetherAccountsExist``.
    public static let resetNoAccount = UserMessage(
        code: "account.reset_no_account", text: "No account uses that email address. Check it, or create an account.")
    /// After resetting the password: no automatic sign-in.
    public static let passwordReset = UserMessage(
        code: "account.password_reset",
        text: "Your password is reset and you're signed out everywhere. Sign in with your new password.")
    /// Too many attempts or requests from here: try later.
    public static let tooManyAttempts = UserMessage(
        code: "account.too_many_attempts", text: "Too many tries. Please wait a few minutes, then try again.")
    /// A sensitive step needs the password again.
    public static let confirmPassword = UserMessage(
        code: "account.confirm_password", text: "To keep your account safe, please enter your password again.")
    /// The password was confirmed.
    public static let passwordConfirmed = UserMessage(
        code: "account.password_confirmed", text: "Thanks, you can go on.")
    /// The enrollment screen: scan the QR code.
    public static let scanAuthenticatorCode = UserMessage(
        code: "account.totp_scan",
        text: "Scan this square code with your authenticator app, then type the 6-digit code the app shows.")
    /// Two-step sign-in is on: show the recovery codes once.
    public static let twoStepOn = UserMessage(
        code: "account.totp_enrolled",
        text:
            "Two-step sign-in is on. Save these recovery codes somewhere safe: each one works once if you lose "
            + "your phone. We won't show them again.")
    /// An authenticator or recovery code that did not work.
    public static let codeWrong = UserMessage(
        code: "account.code_wrong", text: "That code didn't work. Type the newest code from your authenticator app.")
    /// Two-step sign-in is off.
    public static let twoStepOff = UserMessage(
        code: "account.totp_disabled", text: "Two-step sign-in is off. Your recovery codes no longer work.")
    /// Two-step sign-in is already on (enrolling again) or off (disabling, new recovery codes).
    public static let twoStepUnchanged = UserMessage(
        code: "account.totp_unchanged", text: "Nothing changed: two-step sign-in was already set that way.")
    /// New recovery codes: show them once.
    public static let recoveryCodesReplaced = UserMessage(
        code: "account.recovery_codes_replaced",
        text: "Here are your new recovery codes. Save them somewhere safe. Your old ones no longer work.")
    /// An administrator's step without the permission for it.
    public static let administrationDenied = UserMessage(
        code: "account.administration_denied", text: "You don't have permission to do that. Ask an administrator.")
    /// An administrator's step that worked.
    public static let administrationDone = UserMessage(code: "account.administration_done", text: "Done.")
    /// Another change got there first.
    public static let changedMeanwhile = UserMessage(
        code: "account.changed_meanwhile", text: "Someone changed this account at the same moment. Please try again.")
    /// A step the account's state does not allow (a disabled account changing its password, enabling an
    /// account that is not disabled, a role the policy refuses).
    public static let notPossibleNow = UserMessage(
        code: "account.not_possible_now", text: "That can't be done for this account right now.")
    /// The hashing pool is saturated, or a store is down.
    public static let tryAgainShortly = UserMessage(
        code: "account.try_again_shortly", text: "We couldn't finish that just now. Please try again in a minute.")

    /// The message for a person when an account step throws `error`.
    ///
    /// Never says whether an account exists: an unknown user is answered like an invalid link.
    /// - Parameter error: the error an account step threw.
    public static func forAccountStep(_ error: LoginFlowError) -> UserMessage {
        switch error.code {
        case .invalidToken, .userNotFound: .linkInvalid
        case .passwordRejected: .passwordRejected
        case .verificationFailed: error.reason == AuthFlow.wrongPasswordReason ? .currentPasswordWrong : .codeWrong
        case .throttled: .tooManyAttempts
        case .reauthenticationRequired: .confirmPassword
        case .accessDenied: .administrationDenied
        case .conflict: .changedMeanwhile
        case .invalidState: .notPossibleNow
        default: .tryAgainShortly
        }
    }
}
