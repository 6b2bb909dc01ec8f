import AuthCore

/// Walks a parsed JSON value into a ``RolePolicy``, naming the JSON path of anything wrong.
struct DocumentReader {
    typealias Object = [String: JSONValue]

    func fail(_ path: String, _ message: String, underlying: (any Error)? = nil) -> RBACError {
        RBACError(.malformedDocument, "\(path): \(message)", underlying: underlying)
    }

    mutating func read(_ root: JSONValue) throws(RBACError) -> RolePolicy {
        let document = try object(
            root, "$", allowed: ["formatVersion", "roles", "rules", "inheritance", "assignments", "constraints"])
        guard let version = document["formatVersion"] else { throw fail("$.formatVersion", "missing") }
        let number = try integer(version, "$.formatVersion")
        guard number == PolicyDocument.formatVersion else {
            throw RBACError(
                .unsupportedFormatVersion,
                "$.formatVersion: \(number) is not a format this library reads (\(PolicyDocument.formatVersion))")
        }
        var policy = RolePolicy()
        for (index, value) in try array(document["roles"], "$.roles").enumerated() {
            let role: RoleID = try identifier(value, "$.roles[\(index)]")
            guard policy.roles.insert(role).inserted else {
                throw fail("$.roles[\(index)]", "role \(role) is listed twice")
            }
        }
        for (index, value) in try array(document["rules"], "$.rules").enumerated() {
            let path = "$.rules[\(index)]"
            let rule = try object(value, path, allowed: ["role", "effect", "permission", "scope", "tenant"])
            let role: RoleID = try definedRole(rule["role"], "\(path).role", policy)
            let effect: RuleEffect = try choice(rule["effect"], "\(path).effect")
            let permission = try pattern(rule["permission"], "\(path).permission")
            let scope: OwnershipScope = rule["scope"] == nil ? .any : try choice(rule["scope"], "\(path).scope")
            let tenant: TenantID? = try optionalIdentifier(rule["tenant"], "\(path).tenant")
            policy.rules.insert(
                PolicyRule(role: role, effect: effect, permissions: permission, scope: scope, tenant: tenant))
        }
        for (index, value) in try array(document["inheritance"], "$.inheritance").enumerated() {
            let path = "$.inheritance[\(index)]"
            let edge = try object(value, path, allowed: ["role", "inherits", "tenant"])
            policy.inheritance.insert(
                RoleInheritance(
                    role: try definedRole(edge["role"], "\(path).role", policy),
                    inherits: try definedRole(edge["inherits"], "\(path).inherits", policy),
                    tenant: try optionalIdentifier(edge["tenant"], "\(path).tenant")))
        }
        for (index, value) in try array(document["assignments"], "$.assignments").enumerated() {
            let path = "$.assignments[\(index)]"
            let assignment = try object(value, path, allowed: ["user", "role", "tenant"])
            guard let user = assignment["user"] else { throw fail("\(path).user", "missing") }
            policy.assignments.insert(
                RoleAssignment(
                    user: try identifier(user, "\(path).user"),
                    role: try definedRole(assignment["role"], "\(path).role", policy),
                    tenant: try optionalIdentifier(assignment["tenant"], "\(path).tenant")))
        }
        for (index, value) in try array(document["constraints"], "$.constraints").enumerated() {
            let path = "$.constraints[\(index)]"
            let constraint = try object(value, path, allowed: ["id", "kind", "roles", "cardinality"])
            guard let idValue = constraint["id"] else { throw fail("\(path).id", "missing") }
            let id: ConstraintID = try identifier(idValue, "\(path).id")
            guard policy.constraints[id] == nil else { throw fail("\(path).id", "constraint \(id) is listed twice") }
            var roles: Set<RoleID> = []
            for (roleIndex, role) in try array(constraint["roles"], "\(path).roles").enumerated() {
                roles.insert(try definedRole(role, "\(path).roles[\(roleIndex)]", policy))
            }
            guard let cardinality = constraint["cardinality"] else { throw fail("\(path).cardinality", "missing") }
            policy.constraints[id] = SeparationOfDutyConstraint(
                id: id, kind: try choice(constraint["kind"], "\(path).kind"), roles: roles,
                cardinality: try integer(cardinality, "\(path).cardinality"))
        }
        do {
            try policy.validate()
        } catch {
            throw RBACError(error.code, "the document's policy: \(error.reason)", underlying: error.underlying)
        }
        return policy
    }

    private func object(_ value: JSONValue, _ path: String, allowed: Set<String>) throws(RBACError) -> Object {
        guard case .object(let object) = value else { throw fail(path, "expected an object") }
        if let unknown = object.keys.filter({ !allowed.contains($0) }).sorted().first {
            throw fail(
                "\(path).\(unknown)", "unknown key (expected one of \(allowed.sorted().joined(separator: ", ")))")
        }
        return object
    }

    /// An absent array is empty.
    private func array(_ value: JSONValue?, _ path: String) throws(RBACError) -> [JSONValue] {
        guard let value else { return [] }
        guard case .array(let array) = value else { throw fail(path, "expected an array") }
        return array
    }

    private func string(_ value: JSONValue?, _ path: String) throws(RBACError) -> String {
        guard let value else { throw fail(path, "missing") }
        guard case .string(let string) = value else { throw fail(path, "expected a string") }
        return string
    }

    private func integer(_ value: JSONValue, _ path: String) throws(RBACError) -> Int {
        guard case .integer(let integer) = value, abs(integer) < 1 << 31 else {
            throw fail(path, "expected a whole number")
        }
        return integer
    }

    private func identifier<ID: ExactIdentifier>(_ value: JSONValue, _ path: String) throws(RBACError) -> ID {
        let text = try string(value, path)
        do {
            return try ID(text)
        } catch {
            throw RBACError(.malformedDocument, "\(path): \(error.reason)", underlying: error)
        }
    }

    private func optionalIdentifier<ID: ExactIdentifier>(_ value: JSONValue?, _ path: String) throws(RBACError) -> ID? {
        guard let value else { return nil }
        return try identifier(value, path) as ID
    }

    private func definedRole(_ value: JSONValue?, _ path: String, _ policy: RolePolicy) throws(RBACError) -> RoleID {
        guard let value else { throw fail(path, "missing") }
        let role: RoleID = try identifier(value, path)
        guard policy.roles.contains(role) else {
            throw RBACError(.unknownRole, "\(path): role \(role) is not in $.roles")
        }
        return role
    }

    private func choice<Value: RawRepresentable & CaseIterable>(_ value: JSONValue?, _ path: String) throws(RBACError)
        -> Value
    where Value.RawValue == String {
        let text = try string(value, path)
        guard let chosen = Value(rawValue: text) else {
            throw fail(path, "\"\(text)\" is not one of \(Value.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return chosen
    }

    private func pattern(_ value: JSONValue?, _ path: String) throws(RBACError) -> PermissionPattern {
        let text = try string(value, path)
        do {
            return try PermissionPattern(text)
        } catch {
            throw RBACError(.malformedDocument, "\(path): \(error.reason)", underlying: error)
        }
    }
}
