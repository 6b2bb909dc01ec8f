/// What happened, as a stable dotted name: `login.failed`, `role.granted`.
///
/// The built-in kinds cover every security event of CRMAuth. An application adds its own with
/// ``init(_:)`` (put them in an extension with static members, as the built-in ones are). The name is
/// what the chain hashes and what an export carries, so a kind's name never changes once recorded.
///
/// ```swift
/// extension AuditEventKind {
///     static let contactExported = try! AuditEventKind("crm.contact_exported")
/// }
/// ```
public struct AuditEventKind: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The dotted name: two to eight segments of `[a-z0-9_]`, 3 to 64 bytes in all.
    public let name: String

    /// Creates a kind from its dotted name.
    ///
    /// - Parameter name: two to eight dot-separated segments of lowercase ASCII letters, digits and
    ///   underscores, at most 64 bytes.
    /// - Throws: ``AuditError/invalidEvent`` for any other text.
    public init(_ name: String) throws(AuditError) {
        guard Self.isValid(name) else {
            throw AuditError(.invalidEvent, "an event kind is 2 to 8 dotted segments of [a-z0-9_], at most 64 bytes")
        }
        self.name = name
    }

    private init(builtIn name: String) { self.name = name }

    static func isValid(_ name: String) -> Bool {
        let bytes = Array(name.utf8)
        guard (3...64).contains(bytes.count) else { return false }
        let segments = bytes.split(separator: UInt8(ascii: "."), omittingEmptySubsequences: false)
        guard (2...8).contains(segments.count) else { return false }
        return segments.allSatisfy { segment in
            !segment.isEmpty
                && segment.allSatisfy { (0x61...0x7a).contains($0) || (0x30...0x39).contains($0) || $0 == 0x5f }
        }
    }

    /// The dotted name.
    public var description: String { name }

    /// Orders by name, byte for byte.
    public static func < (lhs: Self, rhs: Self) -> Bool { lhs.name.utf8.lexicographicallyPrecedes(rhs.name.utf8) }

    /// `login.succeeded`: A user signed in.
    public static let loginSucceeded = AuditEventKind(builtIn: "login.succeeded")
    /// `login.failed`: A sign-in was refused; the internal reason says why (wrong password, unknown user, locked).
    public static let loginFailed = AuditEventKind(builtIn: "login.failed")
    /// `mfa.challenged`: A second factor was asked for.
    public static let mfaChallenged = AuditEventKind(builtIn: "mfa.challenged")
    /// `mfa.succeeded`: A second factor was accepted.
    public static let mfaSucceeded = AuditEventKind(builtIn: "mfa.succeeded")
    /// `mfa.failed`: A second factor was refused.
    public static let mfaFailed = AuditEventKind(builtIn: "mfa.failed")
    /// `lockout.started`: An account or source address was locked out.
    public static let lockoutStarted = AuditEventKind(builtIn: "lockout.started")
    /// `lockout.ended`: A lockout ended or was lifted by an operator.
    public static let lockoutEnded = AuditEventKind(builtIn: "lockout.ended")
    /// `session.created`: A session was created.
    public static let sessionCreated = AuditEventKind(builtIn: "session.created")
    /// `session.rotated`: A session or refresh token was rotated.
    public static let sessionRotated = AuditEventKind(builtIn: "session.rotated")
    /// `session.revoked`: A session was revoked (sign-out, operator, reuse detection).
    public static let sessionRevoked = AuditEventKind(builtIn: "session.revoked")
    /// `session.expired`: A session expired (idle or absolute).
    public static let sessionExpired = AuditEventKind(builtIn: "session.expired")
    /// `password.changed`: A user changed their password.
    public static let passwordChanged = AuditEventKind(builtIn: "password.changed")
    /// `password.reset_requested`: A password reset was requested.
    public static let passwordResetRequested = AuditEventKind(builtIn: "password.reset_requested")
    /// `password.reset_completed`: A password reset was completed.
    public static let passwordResetCompleted = AuditEventKind(builtIn: "password.reset_completed")
    /// `totp.enrolled`: An authenticator app was enrolled.
    public static let totpEnrolled = AuditEventKind(builtIn: "totp.enrolled")
    /// `totp.disabled`: An authenticator app was removed.
    public static let totpDisabled = AuditEventKind(builtIn: "totp.disabled")
    /// `recovery_code.used`: A recovery code was used.
    public static let recoveryCodeUsed = AuditEventKind(builtIn: "recovery_code.used")
    /// `role.granted`: A role was granted to a user.
    public static let roleGranted = AuditEventKind(builtIn: "role.granted")
    /// `role.revoked`: A role was taken from a user.
    public static let roleRevoked = AuditEventKind(builtIn: "role.revoked")
    /// `permission.denied`: An action was refused for lack of a permission.
    public static let permissionDenied = AuditEventKind(builtIn: "permission.denied")
    /// `user.created`: A user account was created.
    public static let userCreated = AuditEventKind(builtIn: "user.created")
    /// `user.disabled`: A user account was disabled.
    public static let userDisabled = AuditEventKind(builtIn: "user.disabled")
    /// `administrator.action`: An administrator acted on an account or the configuration; metadata says what.
    public static let administratorAction = AuditEventKind(builtIn: "administrator.action")

    /// Every built-in kind.
    public static let builtIn: [AuditEventKind] = [
        .loginSucceeded,
        .loginFailed,
        .mfaChallenged,
        .mfaSucceeded,
        .mfaFailed,
        .lockoutStarted,
        .lockoutEnded,
        .sessionCreated,
        .sessionRotated,
        .sessionRevoked,
        .sessionExpired,
        .passwordChanged,
        .passwordResetRequested,
        .passwordResetCompleted,
        .totpEnrolled,
        .totpDisabled,
        .recoveryCodeUsed,
        .roleGranted,
        .roleRevoked,
        .permissionDenied,
        .userCreated,
        .userDisabled,
        .administratorAction,
    ]
}
