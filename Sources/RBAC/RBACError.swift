/// An error raised by roles, permissions, policies, stores and checks.
///
/// Branch on ``code``; equality compares the code only, so tests can write
/// `#expect(throws: RBACError.cycle)`. ``reason`` says what and where (the cycle, the JSON path, the
/// CSV line) for logs and operators.
public struct RBACError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What went wrong.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        private enum Value: Sendable, Hashable {
            case invalidPermission
            case invalidIdentifier
            case unknownRole
            case cycle
            case staticSeparationOfDuty
            case dynamicSeparationOfDuty
            case invalidConstraint
            case roleNotHeld
            case versionConflict
            case malformedDocument
            case unsupportedFormatVersion
            case malformedCasbinPolicy
            case unsupportedCasbinPolicy
        }

        private let value: Value
        private init(_ value: Value) { self.value = value }

        /// A permission or pattern is not `resource:action` with names as ``Permission`` defines them.
        public static let invalidPermission = Code(.invalidPermission)
        /// A role, constraint, user or tenant id is empty, too long or holds a control character.
        public static let invalidIdentifier = Code(.invalidIdentifier)
        /// A rule, inheritance, assignment or constraint names a role the policy does not define.
        public static let unknownRole = Code(.unknownRole)
        /// Inheritance would form a cycle; the reason names it (`manager -> rep -> manager`).
        public static let cycle = Code(.cycle)
        /// A user would hold too many roles of a static separation-of-duty constraint in one tenant.
        public static let staticSeparationOfDuty = Code(.staticSeparationOfDuty)
        /// A session would activate too many roles of a dynamic separation-of-duty constraint.
        public static let dynamicSeparationOfDuty = Code(.dynamicSeparationOfDuty)
        /// A constraint has fewer than two roles or a cardinality outside 2...roles.count.
        public static let invalidConstraint = Code(.invalidConstraint)
        /// A session asked to activate a role the user does not hold in that tenant.
        public static let roleNotHeld = Code(.roleNotHeld)
        /// The store's policy version is not the one the change expected (someone else changed it).
        public static let versionConflict = Code(.versionConflict)
        /// A policy document is not valid JSON of the expected shape; the reason names the JSON path.
        public static let malformedDocument = Code(.malformedDocument)
        /// A policy document's `formatVersion` is not one this library reads.
        public static let unsupportedFormatVersion = Code(.unsupportedFormatVersion)
        /// A Casbin policy line is not a `p` or `g` line of the supported model; the reason names the line.
        public static let malformedCasbinPolicy = Code(.malformedCasbinPolicy)
        /// A Casbin policy line is well formed but has no faithful translation (a literal `*` in an
        /// object or action, which Casbin compares with `==`, would become a wildcard here).
        public static let unsupportedCasbinPolicy = Code(.unsupportedCasbinPolicy)

        /// The code's name, for logs.
        public var description: String {
            switch value {
            case .invalidPermission: "invalid permission"
            case .invalidIdentifier: "invalid identifier"
            case .unknownRole: "unknown role"
            case .cycle: "cycle"
            case .staticSeparationOfDuty: "static separation of duty"
            case .dynamicSeparationOfDuty: "dynamic separation of duty"
            case .invalidConstraint: "invalid constraint"
            case .roleNotHeld: "role not held"
            case .versionConflict: "version conflict"
            case .malformedDocument: "malformed document"
            case .unsupportedFormatVersion: "unsupported format version"
            case .malformedCasbinPolicy: "malformed Casbin policy"
            case .unsupportedCasbinPolicy: "unsupported Casbin policy"
            }
        }
    }

    /// What went wrong.
    public let code: Code
    /// A human-readable explanation: what and where.
    public let reason: String

    /// The error that caused this one (a store's backend error, a decoder's error), kept as it is;
    /// `nil` when there was none. Not part of equality.
    public let underlying: (any Error)?

    /// Creates an error with a code, a reason and, optionally, the error that caused it.
    ///
    /// - Parameters:
    ///   - code: what went wrong.
    ///   - reason: what and where, for logs and operators.
    ///   - underlying: the error that caused this one, if any.
    public init(_ code: Code, _ reason: String = "", underlying: (any Error)? = nil) {
        self.code = code
        self.reason = reason
        self.underlying = underlying
    }

    /// See ``Code/invalidPermission``.
    public static let invalidPermission = RBACError(.invalidPermission)
    /// See ``Code/invalidIdentifier``.
    public static let invalidIdentifier = RBACError(.invalidIdentifier)
    /// See ``Code/unknownRole``.
    public static let unknownRole = RBACError(.unknownRole)
    /// See ``Code/cycle``.
    public static let cycle = RBACError(.cycle)
    /// See ``Code/staticSeparationOfDuty``.
    public static let staticSeparationOfDuty = RBACError(.staticSeparationOfDuty)
    /// See ``Code/dynamicSeparationOfDuty``.
    public static let dynamicSeparationOfDuty = RBACError(.dynamicSeparationOfDuty)
    /// See ``Code/invalidConstraint``.
    public static let invalidConstraint = RBACError(.invalidConstraint)
    /// See ``Code/roleNotHeld``.
    public static let roleNotHeld = RBACError(.roleNotHeld)
    /// See ``Code/versionConflict``.
    public static let versionConflict = RBACError(.versionConflict)
    /// See ``Code/malformedDocument``.
    public static let malformedDocument = RBACError(.malformedDocument)
    /// See ``Code/unsupportedFormatVersion``.
    public static let unsupportedFormatVersion = RBACError(.unsupportedFormatVersion)
    /// See ``Code/malformedCasbinPolicy``.
    public static let malformedCasbinPolicy = RBACError(.malformedCasbinPolicy)
    /// See ``Code/unsupportedCasbinPolicy``.
    public static let unsupportedCasbinPolicy = RBACError(.unsupportedCasbinPolicy)

    /// Compares codes only, so `#expect(throws: RBACError.cycle)` matches any reason.
    public static func == (lhs: Self, rhs: Self) -> Bool { lhs.code == rhs.code }
    /// Hashes the code only, consistent with `==`.
    public func hash(into hasher: inout Hasher) { hasher.combine(code) }

    /// The code and reason, for logs.
    public var description: String {
        reason.isEmpty ? "RBACError(\(code))" : "RBACError(\(code)): \(reason)"
    }
}
