/// An error raised by the login flow and its stores.
///
/// Branch on ``code``; equality compares the code only, so tests can write
/// `#expect(throws: LoginFlowError.identifierTaken)`. ``reason`` explains the failure for logs and
/// operators and never contains a password, token or code. It is not the text shown to a person: the
/// flows answer people with ``UserMessage`` values, which never reveal whether an account exists.
public struct LoginFlowError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case invalidIdentifier
            case identifierTaken
            case duplicate
            case userNotFound
            case invalidUser
            case invalidState
            case passwordRejected
            case invalidToken
            case reauthenticationRequired
            case accessDenied
            case busy
            case unavailable
            case conflict
            case limitExceeded
            case verificationFailed
            case throttled
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// The text is not a usable login identifier: an email address without exactly one `@`, an empty part, a control character or inner whitespace, or longer than ``LoginIdentifier/maximumEmailBytes``; a username outside the allowed characters or length.
        public static let invalidIdentifier = Code(.invalidIdentifier)
        /// Another user already holds this email address or username (compared in their normalized form).
        public static let identifierTaken = Code(.identifierTaken)
        /// A record with this id or digest is already stored.
        public static let duplicate = Code(.duplicate)
        /// No user has this id. Never returned to a person logging in: login answers the same for unknown and known identifiers.
        public static let userNotFound = Code(.userNotFound)
        /// The user record breaks a rule of ``User``: an identifier that does not normalize to its stored key, an empty display name or security stamp, a field over its bound.
        public static let invalidUser = Code(.invalidUser)
        /// The user is not in a state that allows this step (for example accepting an invitation that was already accepted, or logging in to a disabled account).
        public static let invalidState = Code(.invalidState)
        /// The new password breaks the password policy or matches a recent one; ``LoginFlowError/underlying`` holds the policy's error with the reasons to show.
        public static let passwordRejected = Code(.passwordRejected)
        /// A link token, device token or challenge is malformed, unknown, expired, already used, or was issued before the account's security stamp changed.
        public static let invalidToken = Code(.invalidToken)
        /// The step needs a recent authentication (a fresh password or code) and the session's is too old.
        public static let reauthenticationRequired = Code(.reauthenticationRequired)
        /// The principal lacks the permission the step needs.
        public static let accessDenied = Code(.accessDenied)
        /// The password hashing pool is saturated; try again shortly. Session validation is unaffected.
        public static let busy = Code(.busy)
        /// A store failed (its backend is unreachable or returned an error); ``LoginFlowError/underlying`` holds the cause. Nothing was half-written.
        public static let unavailable = Code(.unavailable)
        /// The record changed between reading and writing (another request updated it first) and the step was not applied; repeat it.
        public static let conflict = Code(.conflict)
        /// A bound was reached: too many wrong codes for one MFA challenge, too many remembered devices, a listing larger than its maximum page.
        public static let limitExceeded = Code(.limitExceeded)
        /// The current password, authenticator code or recovery code given to confirm an account step (changing the password, confirming or disabling TOTP, re-authenticating) is wrong; lockout counted it.
        public static let verificationFailed = Code(.verificationFailed)
        /// Lockout refused the attempt before any password or code was checked (too many recent failures or requests); ``LoginFlowError/underlying`` is a ``RetryLater`` saying when to try again.
        public static let throttled = Code(.throttled)

        /// The code's name, for logs.
        public var description: String {
            switch value {
            case .invalidIdentifier: "invalid identifier"
            case .identifierTaken: "identifier taken"
            case .duplicate: "duplicate"
            case .userNotFound: "user not found"
            case .invalidUser: "invalid user"
            case .invalidState: "invalid state"
            case .passwordRejected: "password rejected"
            case .invalidToken: "invalid token"
            case .reauthenticationRequired: "reauthentication required"
            case .accessDenied: "access denied"
            case .busy: "busy"
            case .unavailable: "unavailable"
            case .conflict: "conflict"
            case .limitExceeded: "limit exceeded"
            case .verificationFailed: "verification failed"
            case .throttled: "throttled"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation; never contains secret material.
    public let reason: String

    /// The error that caused this one (a store's backend error, a policy's rejection), kept as it is
    /// so callers and logs can inspect it; `nil` when there was none. Not part of equality.
    public let underlying: (any Error)?

    /// Creates an error with a code, a reason and, optionally, the error that caused it.
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - reason: an explanation for logs, without secrets.
    ///   - underlying: the error that caused this one, if any.
    public init(_ code: Code, _ reason: String = "", underlying: (any Error)? = nil) {
        self.code = code
        self.reason = reason
        self.underlying = underlying
    }

    /// See ``Code/invalidIdentifier``.
    public static let invalidIdentifier = LoginFlowError(.invalidIdentifier)
    /// See ``Code/identifierTaken``.
    public static let identifierTaken = LoginFlowError(.identifierTaken)
    /// See ``Code/duplicate``.
    public static let duplicate = LoginFlowError(.duplicate)
    /// See ``Code/userNotFound``.
    public static let userNotFound = LoginFlowError(.userNotFound)
    /// See ``Code/invalidUser``.
    public static let invalidUser = LoginFlowError(.invalidUser)
    /// See ``Code/invalidState``.
    public static let invalidState = LoginFlowError(.invalidState)
    /// See ``Code/passwordRejected``.
    public static let passwordRejected = LoginFlowError(.passwordRejected)
    /// See ``Code/invalidToken``.
    public static let invalidToken = LoginFlowError(.invalidToken)
    /// See ``Code/reauthenticationRequired``.
    public static let reauthenticationRequired = LoginFlowError(.reauthenticationRequired)
    /// See ``Code/accessDenied``.
    public static let accessDenied = LoginFlowError(.accessDenied)
    /// See ``Code/busy``.
    public static let busy = LoginFlowError(.busy)
    /// See ``Code/unavailable``.
    public static let unavailable = LoginFlowError(.unavailable)
    /// See ``Code/conflict``.
    public static let conflict = LoginFlowError(.conflict)
    /// See ``Code/limitExceeded``.
    public static let limitExceeded = LoginFlowError(.limitExceeded)
    /// See ``Code/verificationFailed``.
    public static let verificationFailed = LoginFlowError(.verificationFailed)
    /// See ``Code/throttled``.
    public static let throttled = LoginFlowError(.throttled)

    /// Compares codes only, so `#expect(throws: LoginFlowError.identifierTaken)` matches any reason.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The code and reason, for logs; never contains secret material.
    public var description: String {
        reason.isEmpty ? "LoginFlowError(\(code))" : "LoginFlowError(\(code)): \(reason)"
    }
}
