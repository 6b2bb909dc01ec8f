import AuthCore

/// Translates a Casbin policy (CSV `p` and `g` lines) written for the RBAC-with-domains model below
/// into a ``RolePolicy`` that decides every request exactly as Casbin does.
///
/// ```
/// [request_definition]  r = sub, dom, obj, act
/// [policy_definition]   p = sub, dom, obj, act, eft
/// [role_definition]     g = _, _, _
/// [policy_effect]       e = some(where (p.eft == allow)) && !some(where (p.eft == deny))
/// [matchers]            m = g(r.sub, p.sub, r.dom) && r.dom == p.dom && r.obj == p.obj && r.act == p.act
/// ```
///
/// The translation:
/// - A name that is the second field of some `g` line is a role; every other subject is a user.
/// - `g, user, role, tenant` assigns the role to the user in that tenant; `g, role, role2, tenant`
///   is inheritance that holds only in that tenant.
/// - `p, role, tenant, obj, act, allow|deny` is a rule of the role that applies only in that tenant
///   (Casbin's `r.dom == p.dom`), covering exactly `obj:act`.
/// - `p, user, tenant, ...` (Casbin's `g(r.sub, p.sub)` is true when both are the same user) becomes
///   a rule of the role ``userRolePrefix`` + user, which the user is assigned in that tenant.
///
/// Decisions equal Casbin's for requests whose subject is a user (not a role name), within
/// Casbin's role hierarchy depth (pycasbin's role manager stops after 10 levels by default; this
/// library has no such limit). Casbin compares objects and actions with `==`, so a `*` there is a
/// literal character; it would be a wildcard here, and such a line is refused
/// (``RBACError/unsupportedCasbinPolicy``), as is any object or action that is not a valid
/// ``Permission`` name. Quoted or bracketed fields, other policy types and other effects are refused as
/// ``RBACError/malformedCasbinPolicy``. Every error names the line.
public enum CasbinPolicyImporter {
    /// Prefix of the role made for a user who is the subject of `p` lines.
    public static let userRolePrefix = "casbin-user:"

    /// Translates `csv`.
    ///
    /// - Parameter csv: the policy file's text.
    /// - Returns: the policy, validated.
    /// - Throws: ``RBACError/malformedCasbinPolicy`` or ``RBACError/unsupportedCasbinPolicy``
    ///   naming the line, or a validation error (a cycle in a tenant's inheritance).
    public static func importPolicy(_ csv: String) throws(RBACError) -> RolePolicy {
        let lines = try parse(csv)
        let roleNames = Set(lines.filter { $0.kind == .grouping }.map { $0.fields[1] })
        var policy = RolePolicy()
        for line in lines {
            let fields = line.fields
            switch line.kind {
            case .grouping:
                let tenant: TenantID = try identifier(fields[2], "tenant", line.number)
                let role: RoleID = try identifier(fields[1], "role", line.number)
                policy.roles.insert(role)
                if roleNames.contains(fields[0]) {
                    let senior: RoleID = try identifier(fields[0], "role", line.number)
                    policy.inheritance.insert(RoleInheritance(role: senior, inherits: role, tenant: tenant))
                } else {
                    let user: UserID = try identifier(fields[0], "user", line.number)
                    policy.assignments.insert(RoleAssignment(user: user, role: role, tenant: tenant))
                }
            case .policy:
                let tenant: TenantID = try identifier(fields[1], "tenant", line.number)
                let permission = try permission(resource: fields[2], action: fields[3], line.number)
                guard let effect = RuleEffect(rawValue: fields[4]) else {
                    throw RBACError(
                        .malformedCasbinPolicy, "line \(line.number): the effect \"\(fields[4])\" is not allow or deny")
                }
                let role: RoleID
                if roleNames.contains(fields[0]) {
                    role = try identifier(fields[0], "role", line.number)
                } else {
                    let user: UserID = try identifier(fields[0], "user", line.number)
                    role = try identifier(userRolePrefix + fields[0], "role", line.number)
                    if roleNames.contains(role.rawValue) {
                        throw RBACError(
                            .unsupportedCasbinPolicy,
                            "line \(line.number): the role made for user \(user), \(role), is also a role of the policy"
                        )
                    }
                    policy.assignments.insert(RoleAssignment(user: user, role: role, tenant: tenant))
                }
                policy.roles.insert(role)
                policy.rules.insert(
                    PolicyRule(role: role, effect: effect, permissions: PermissionPattern(permission), tenant: tenant))
            }
        }
        try policy.validate()
        return policy
    }

    struct Line {
        enum Kind { case policy, grouping }
        let kind: Kind
        let number: Int
        /// The fields after the type: 5 for `p`, 3 for `g`.
        let fields: [String]
    }

    /// Splits the text into `p` and `g` lines, skipping blank lines and `#` comments.
    static func parse(_ csv: String) throws(RBACError) -> [Line] {
        var lines: [Line] = []
        var number = 0
        for raw in csv.split(omittingEmptySubsequences: false, whereSeparator: { $0 == "\n" || $0 == "\r\n" }) {
            number += 1
            let text = raw.trimmingWhitespace()
            if text.isEmpty || text.hasPrefix("#") { continue }
            // Casbin keeps commas inside brackets and parentheses in one field; quotes and brackets
            // are refused rather than split differently.
            if let special = text.first(where: { "\"[]()".contains($0) }) {
                throw RBACError(
                    .malformedCasbinPolicy,
                    "line \(number): quoted or bracketed fields ('\(special)') are not supported")
            }
            let fields = text.split(separator: ",", omittingEmptySubsequences: false).map {
                String($0.trimmingWhitespace())
            }
            switch fields[0] {
            case "p":
                guard fields.count == 6 else {
                    throw RBACError(
                        .malformedCasbinPolicy,
                        "line \(number): a p line has 6 fields (p, sub, dom, obj, act, eft), not \(fields.count)")
                }
                lines.append(Line(kind: .policy, number: number, fields: Array(fields[1...])))
            case "g":
                guard fields.count == 4 else {
                    throw RBACError(
                        .malformedCasbinPolicy,
                        "line \(number): a g line has 4 fields (g, user or role, role, dom), not \(fields.count)")
                }
                lines.append(Line(kind: .grouping, number: number, fields: Array(fields[1...])))
            default:
                throw RBACError(
                    .malformedCasbinPolicy, "line \(number): the policy type \"\(fields[0])\" is not p or g")
            }
        }
        return lines
    }

    static func identifier<ID: ExactIdentifier>(_ text: String, _ what: String, _ line: Int) throws(RBACError) -> ID {
        do {
            return try ID(text)
        } catch {
            throw RBACError(
                .malformedCasbinPolicy, "line \(line): the \(what) \"\(text)\": \(error.reason)", underlying: error)
        }
    }

    static func permission(resource: String, action: String, _ line: Int) throws(RBACError) -> Permission {
        if resource.contains("*") || action.contains("*") {
            throw RBACError(
                .unsupportedCasbinPolicy,
                "line \(line): \"\(resource), \(action)\" holds a literal '*', which this model's matcher compares with ==; here '*' would be a wildcard"
            )
        }
        do {
            return try Permission(resource: resource, action: action)
        } catch {
            throw RBACError(.unsupportedCasbinPolicy, "line \(line): \(error.reason)", underlying: error)
        }
    }
}

extension Substring {
    /// Without leading and trailing spaces, tabs and carriage returns.
    func trimmingWhitespace() -> Substring {
        let isSpace: (Character) -> Bool = { $0 == " " || $0 == "\t" || $0 == "\r" }
        guard let start = firstIndex(where: { !isSpace($0) }), let end = lastIndex(where: { !isSpace($0) }) else {
            return self[endIndex...]
        }
        return self[start...end]
    }
}
