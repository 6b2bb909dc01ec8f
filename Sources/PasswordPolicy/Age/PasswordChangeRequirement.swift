public import struct Foundation.Date
public import struct Foundation.TimeInterval

/// Whether a person must choose a new password before going on, and why.
///
/// NIST SP 800-63B rev. 4 §3.1.1.2: verifiers shall not require periodic changes, but shall force
/// a change on evidence of compromise. So a maximum age is off by default, and compromise (a
/// breach-list match at login, a leaked credential report, an operator's decision) always wins.
///
/// ```swift
/// let compromised = try await checker.breachMatch(for: password) != nil || user.flaggedCompromised
/// switch checker.changeRequirement(lastChanged: user.passwordChangedAt, compromised: compromised, at: clock.now()) {
/// case .notRequired: finishLogin()
/// case .required(let reason): askForNewPassword(reason.message)
/// }
/// ```
public enum PasswordChangeRequirement: Sendable, Hashable {
    /// Why a change is required.
    public enum Reason: Sendable, Hashable {
        /// There is evidence the password is known to someone else.
        case compromised
        /// The password is older than the configured maximum age; it expired at the given time.
        case expired(at: Date)

        /// What to tell the person, in plain language.
        public var message: String {
            switch self {
            case .compromised:
                "Your password may be known to someone else. Choose a new one to keep your account safe."
            case .expired:
                "Your password has expired under your organisation's rules. Choose a new one."
            }
        }
    }

    /// The password may be kept.
    case notRequired
    /// The person must choose a new password.
    case required(Reason)

    /// Decides from the facts, with time as a parameter.
    ///
    /// - Parameters:
    ///   - lastChanged: when the password was set; `nil` if unknown (then only compromise counts).
    ///   - maximumAge: the configured maximum age; `nil` for none (the default). A value that is not
    ///     a number requires a change (the safe answer to a broken setting).
    ///   - compromised: whether there is evidence of compromise.
    ///   - now: the current time, from the app's clock.
    public static func decide(
        lastChanged: Date?, maximumAge: TimeInterval?, compromised: Bool, at now: Date
    ) -> PasswordChangeRequirement {
        if compromised { return .required(.compromised) }
        guard let lastChanged, let maximumAge else { return .notRequired }
        let expiry = lastChanged.addingTimeInterval(maximumAge)
        // "Not before the expiry", so that an age that is not a number (NaN compares false with
        // everything) requires a change rather than passing silently.
        return now < expiry ? .notRequired : .required(.expired(at: expiry))
    }

    /// Whether a change is required.
    public var isRequired: Bool {
        if case .required = self { return true }
        return false
    }
}
