/// What a user may do: an action on a kind of resource, written `resource:action` (`leads:read`,
/// `invoices:approve`).
///
/// Resource and action names are 1 to ``maximumNameLength`` ASCII letters, digits, `_`, `-` or `.`.
/// Everything else is refused, so `:` (the separator) and `*` (the wildcard of a
/// ``PermissionPattern``) can never be part of a name, and a name compares the same in Swift, in
/// SQL and in a JSON document (ASCII has no canonically equivalent spellings).
///
/// ```swift
/// let edit = try Permission("leads:edit")
/// let approve = try Permission(resource: "invoices", action: "approve")
/// ```
public struct Permission: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The kind of resource (`leads`).
    public let resource: String
    /// The action on it (`edit`).
    public let action: String

    /// The longest resource or action name, in bytes.
    public static let maximumNameLength = 64

    /// Validates both names.
    ///
    /// - Parameters:
    ///   - resource: the resource name.
    ///   - action: the action name.
    /// - Throws: ``RBACError/invalidPermission`` if a name is empty, too long or holds a character
    ///   other than ASCII letters, digits, `_`, `-` and `.`.
    public init(resource: String, action: String) throws(RBACError) {
        try Self.validateName(resource, "resource")
        try Self.validateName(action, "action")
        self.resource = resource
        self.action = action
    }

    /// Parses `resource:action`.
    ///
    /// - Parameter text: the permission, e.g. `leads:read`.
    /// - Throws: ``RBACError/invalidPermission`` if there is not exactly one `:` or a name is invalid.
    public init(_ text: String) throws(RBACError) {
        let (resource, action) = try Self.split(text)
        try self.init(resource: String(resource), action: String(action))
    }

    /// `resource:action`.
    public var description: String { "\(resource):\(action)" }

    /// Orders by resource, then action.
    public static func < (lhs: Self, rhs: Self) -> Bool {
        (lhs.resource, lhs.action) < (rhs.resource, rhs.action)
    }

    /// Decodes from `resource:action`.
    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do {
            try self.init(text)
        } catch {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: error.reason, underlyingError: error))
        }
    }

    /// Encodes as `resource:action`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }

    /// Splits at the one `:`.
    static func split(_ text: String) throws(RBACError) -> (Substring, Substring) {
        guard text.utf8.count <= 2 * maximumNameLength + 1 else {
            throw RBACError(.invalidPermission, "a permission is at most \(2 * maximumNameLength + 1) bytes")
        }
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2 else {
            throw RBACError(.invalidPermission, "\"\(text)\" is not resource:action (exactly one ':')")
        }
        return (parts[0], parts[1])
    }

    /// Checks one name.
    static func validateName(_ name: some StringProtocol, _ what: String) throws(RBACError) {
        let utf8 = name.utf8
        guard !utf8.isEmpty else { throw RBACError(.invalidPermission, "the \(what) name is empty") }
        guard utf8.count <= maximumNameLength else {
            throw RBACError(.invalidPermission, "the \(what) name is longer than \(maximumNameLength) bytes")
        }
        for byte in utf8 where !isNameByte(byte) {
            throw RBACError(
                .invalidPermission,
                "the \(what) name \"\(name)\" holds \(describe(byte)); names are ASCII letters, digits, '_', '-' and '.'"
            )
        }
    }

    static func isNameByte(_ byte: UInt8) -> Bool {
        switch byte {
        case UInt8(ascii: "a")...UInt8(ascii: "z"), UInt8(ascii: "A")...UInt8(ascii: "Z"),
            UInt8(ascii: "0")...UInt8(ascii: "9"), UInt8(ascii: "_"), UInt8(ascii: "-"), UInt8(ascii: "."):
            true
        default: false
        }
    }

    static func describe(_ byte: UInt8) -> String {
        (0x21..<0x7F).contains(byte) ? "'\(Character(Unicode.Scalar(byte)))'" : "the byte 0x\(String(byte, radix: 16))"
    }
}
