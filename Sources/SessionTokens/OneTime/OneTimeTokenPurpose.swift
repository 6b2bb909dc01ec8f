import AuthCore

public import struct Foundation.TimeInterval

/// What a one-time token may be used for, with its default lifetime.
///
/// A token issued for one purpose is never accepted for another. Two purposes are equal when their
/// names have the same UTF-8 bytes, as stores match them; the lifetime is only a default and does
/// not make a purpose different.
public struct OneTimeTokenPurpose: Sendable, Hashable, CustomStringConvertible {
    /// A stable name, stored with the token; stores match purposes by it alone.
    public let name: String
    /// How long a token of this purpose lives by default; within 0...``SessionPolicy/maximumTimeout``.
    public let defaultLifetime: TimeInterval

    /// Creates a purpose; apps may define their own beside the built-in ones.
    ///
    /// `defaultLifetime` is clamped to 0...``SessionPolicy/maximumTimeout`` (NaN becomes 0), so
    /// every expiry is a finite instant.
    public init(name: String, defaultLifetime: TimeInterval) {
        self.name = name
        self.defaultLifetime = SessionPolicy.bounded(defaultLifetime)
    }

    /// Password reset links: 30 minutes.
    public static let passwordReset = OneTimeTokenPurpose(name: "password-reset", defaultLifetime: 30 * 60)
    /// Email address verification: 24 hours.
    public static let emailVerification = OneTimeTokenPurpose(name: "email-verification", defaultLifetime: 24 * 3600)
    /// Invitations to join a tenant: 7 days.
    public static let invitation = OneTimeTokenPurpose(name: "invitation", defaultLifetime: 7 * 24 * 3600)

    /// Whether both names have the same UTF-8 bytes (Unicode normalization counts).
    public static func == (lhs: Self, rhs: Self) -> Bool { ExactText(lhs.name) == ExactText(rhs.name) }

    /// Hashes the name's UTF-8 bytes, consistently with `==`.
    public func hash(into hasher: inout Hasher) { ExactText(name).hash(into: &hasher) }

    public var description: String { name }
}
