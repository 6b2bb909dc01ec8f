/// A type that holds a secret or key material and shows none of it wherever a value can be printed.
///
/// Conforming supplies `description`, `debugDescription` and a `customMirror` without children, so
/// string interpolation, `print`, `debugPrint`, `dump`, `Mirror(reflecting:)` and debuggers all show
/// ``redactedDescription`` and nothing else. Redacting `description` alone is not enough: `dump` and
/// `Mirror` walk the stored properties, and would print raw key bytes or an HMAC key's pad states
/// (from which every future MAC can be computed).
///
/// A value that merely *contains* a conforming value (a configuration, a manager) is safe by
/// default: Swift prints the contained value through its redacted members. Conform such containers
/// too when they hold secrets in any other form.
///
/// ```swift
/// public struct APIKey: Redacting {
///     let id: String
///     private let bytes: [UInt8]
///     public var redactedDescription: String { "APIKey(id: \(id), bytes: <redacted>)" }
/// }
/// ```
public protocol Redacting: CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    /// What may be shown in place of the value: its type and non-secret fields, never secret bytes.
    ///
    /// Defaults to the type name followed by `(<redacted>)`.
    var redactedDescription: String { get }
}

extension Redacting {
    /// The type name followed by `(<redacted>)`.
    public var redactedDescription: String { "\(Self.self)(<redacted>)" }
    /// ``redactedDescription``.
    public var description: String { redactedDescription }
    /// ``redactedDescription``.
    public var debugDescription: String { redactedDescription }
    /// A mirror without children, so `dump`, `Mirror` and debuggers show no stored property.
    public var customMirror: Mirror { Mirror(self, children: []) }
}
