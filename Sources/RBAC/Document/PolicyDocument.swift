import AuthCore
public import Foundation

/// The policy as a versioned JSON document, for keeping in version control and loading into a store.
///
/// ```json
/// {
///   "formatVersion": 1,
///   "roles": ["employee", "sales-rep"],
///   "rules": [
///     {"role": "sales-rep", "effect": "allow", "permission": "leads:edit", "scope": "own"},
///     {"role": "sales-rep", "effect": "allow", "permission": "leads:export", "tenant": "acme"}
///   ],
///   "inheritance": [{"role": "sales-rep", "inherits": "employee"}],
///   "assignments": [{"user": "rita", "role": "sales-rep", "tenant": "acme"}],
///   "constraints": [{"id": "payables", "kind": "static", "roles": ["clerk", "approver"], "cardinality": 2}]
/// }
/// ```
///
/// `scope` defaults to `any`; a rule or edge without `tenant` holds in every tenant, an assignment
/// without `tenant` is a platform role. Unknown keys are refused (a misspelt `"tennant"` must not
/// turn a tenant's rule into everyone's), as is every reference to an undefined role. Decoding
/// either returns a whole, valid policy or throws an error whose reason names the JSON path.
public enum PolicyDocument {
    /// The format version this library writes and reads.
    public static let formatVersion = 1

    /// The largest document read, in bytes (64 MiB).
    public static let maximumByteCount = 64 << 20

    /// Parses and validates a document.
    ///
    /// - Parameter data: the JSON document.
    /// - Returns: the policy, validated.
    /// - Throws: ``RBACError/malformedDocument`` (the reason names the JSON path, e.g.
    ///   `$.rules[3].permission`), ``RBACError/unsupportedFormatVersion``, or a validation error
    ///   of ``RolePolicy/validate()`` (cycle, separation of duty) naming the roles and users.
    public static func decode(_ data: Data) throws(RBACError) -> RolePolicy {
        guard data.count <= maximumByteCount else {
            throw RBACError(.malformedDocument, "$: the document is larger than \(maximumByteCount) bytes")
        }
        let root: JSONValue
        do {
            root = try JSONDecoder().decode(JSONValue.self, from: data)
        } catch {
            throw RBACError(.malformedDocument, "$: not valid JSON", underlying: error)
        }
        var reader = DocumentReader()
        return try reader.read(root)
    }

    /// The document for `policy`: pretty-printed, keys and entries sorted, so a diff shows the change.
    ///
    /// - Parameter policy: the policy.
    public static func encode(_ policy: RolePolicy) -> Data {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        // Encoding plain strings and integers cannot fail.
        return (try? encoder.encode(EncodedDocument(policy))) ?? Data()
    }
}

/// The document's shape for encoding.
private struct EncodedDocument: Encodable {
    struct Rule: Encodable {
        let role: RoleID
        let effect: RuleEffect
        let permission: PermissionPattern
        let scope: OwnershipScope
        let tenant: TenantID?
    }
    struct Edge: Encodable {
        let role: RoleID
        let inherits: RoleID
        let tenant: TenantID?
    }
    struct Assignment: Encodable {
        let user: UserID
        let role: RoleID
        let tenant: TenantID?
    }
    struct Constraint: Encodable {
        let id: ConstraintID
        let kind: SeparationOfDutyConstraint.Kind
        let roles: [RoleID]
        let cardinality: Int
    }

    let formatVersion = PolicyDocument.formatVersion
    let roles: [RoleID]
    let rules: [Rule]
    let inheritance: [Edge]
    let assignments: [Assignment]
    let constraints: [Constraint]

    init(_ policy: RolePolicy) {
        roles = policy.roles.sorted()
        rules = policy.rules.map {
            Rule(role: $0.role, effect: $0.effect, permission: $0.permissions, scope: $0.scope, tenant: $0.tenant)
        }
        .sorted {
            ($0.role, $0.tenant?.rawValue ?? "", $0.permission, $0.effect.rawValue, $0.scope.rawValue)
                < ($1.role, $1.tenant?.rawValue ?? "", $1.permission, $1.effect.rawValue, $1.scope.rawValue)
        }
        inheritance = policy.inheritance.map { Edge(role: $0.role, inherits: $0.inherits, tenant: $0.tenant) }
            .sorted {
                ($0.role, $0.inherits, $0.tenant?.rawValue ?? "") < ($1.role, $1.inherits, $1.tenant?.rawValue ?? "")
            }
        assignments = policy.assignments.map { Assignment(user: $0.user, role: $0.role, tenant: $0.tenant) }
            .sorted { ($0.user, $0.tenant?.rawValue ?? "", $0.role) < ($1.user, $1.tenant?.rawValue ?? "", $1.role) }
        constraints = policy.constraints.values.sorted { $0.id < $1.id }
            .map { Constraint(id: $0.id, kind: $0.kind, roles: $0.roles.sorted(), cardinality: $0.cardinality) }
    }
}
