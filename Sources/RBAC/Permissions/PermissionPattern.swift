/// The permissions a rule covers: a ``Permission`` in which the resource, the action or both may be
/// the wildcard `*` (`leads:*`, `*:read`, `*:*`).
///
/// `*` stands for a whole name only: `lea*:read` is refused, as is any name ``Permission`` refuses.
///
/// ```swift
/// let anyLeadAction = try PermissionPattern("leads:*")
/// anyLeadAction.matches(try Permission("leads:delete"))  // true
/// ```
public struct PermissionPattern: Sendable, Hashable, Comparable, Codable, CustomStringConvertible {
    /// The resource name, or `*` for every resource.
    public let resource: String
    /// The action name, or `*` for every action.
    public let action: String

    /// The wildcard, standing for every name.
    public static let wildcard = "*"

    /// Validates both parts.
    ///
    /// - Parameters:
    ///   - resource: a resource name or `*`.
    ///   - action: an action name or `*`.
    /// - Throws: ``RBACError/invalidPermission`` if a part is neither `*` nor a valid name.
    public init(resource: String, action: String) throws(RBACError) {
        if resource != Self.wildcard { try Permission.validateName(resource, "resource") }
        if action != Self.wildcard { try Permission.validateName(action, "action") }
        self.resource = resource
        self.action = action
    }

    /// Parses `resource:action`, either part possibly `*`.
    ///
    /// - Parameter text: the pattern, e.g. `leads:*`.
    /// - Throws: ``RBACError/invalidPermission`` if it is not a valid pattern.
    public init(_ text: String) throws(RBACError) {
        let (resource, action) = try Permission.split(text)
        try self.init(resource: String(resource), action: String(action))
    }

    /// The pattern that covers exactly `permission`.
    ///
    /// - Parameter permission: the permission.
    public init(_ permission: Permission) {
        self.resource = permission.resource
        self.action = permission.action
    }

    /// Whether the resource part is `*`.
    public var coversEveryResource: Bool { resource == Self.wildcard }
    /// Whether the action part is `*`.
    public var coversEveryAction: Bool { action == Self.wildcard }

    /// Whether `permission` is covered.
    ///
    /// - Parameter permission: the permission asked for.
    public func matches(_ permission: Permission) -> Bool {
        (coversEveryResource || resource == permission.resource) && (coversEveryAction || action == permission.action)
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
}
