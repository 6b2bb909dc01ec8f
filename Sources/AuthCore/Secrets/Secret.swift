/// A value that must never be printed, logged or dumped.
///
/// Its `description`, `debugDescription` and reflection all read `<redacted>`; reach the value
/// through ``revealed`` only where it is used.
///
/// ```swift
/// let apiKey = Secret(Array(keyText.utf8))
/// logger.info("loaded \(apiKey)")     // loaded <redacted>
/// request.sign(with: apiKey.revealed)
/// ```
///
/// Passwords have a type of their own, PasswordHashing's `NormalizedPassword` (the NFKC form, which
/// redacts itself the same way): the hasher takes nothing else.
public struct Secret<Value: Sendable>: Sendable, Redacting {
    /// The secret value. Reading it is deliberate; the name makes that visible in review.
    public let revealed: Value

    /// Wraps `value`.
    public init(_ value: Value) { revealed = value }

    /// `Secret(<redacted>)`, what `debugDescription` and `dump` show.
    public var redactedDescription: String { "Secret(<redacted>)" }
    /// `<redacted>`, so interpolating a secret into a message reads naturally.
    public var description: String { "<redacted>" }
}

extension Secret: Equatable where Value == [UInt8] {
    /// Compares in constant time.
    public static func == (lhs: Self, rhs: Self) -> Bool {
        ConstantTime.equals(lhs.revealed, rhs.revealed)
    }
}
