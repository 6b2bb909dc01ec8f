public import AuthCore

/// Why a check decided as it did: the rules that decided, each with the path from a role the user
/// holds to the role that carries the rule, for support staff and access reviews.
public struct AccessExplanation: Sendable, Hashable, CustomStringConvertible {
    /// One rule that applies to the request, and how the user reaches it.
    public struct Match: Sendable, Hashable, CustomStringConvertible {
        /// The rule.
        public let rule: PolicyRule
        /// The roles from the one the user holds to the one carrying the rule (`[manager, rep]`:
        /// the user holds `manager`, which inherits `rep`, whose rule this is).
        public let path: [RoleID]
        /// The tenant the first role of the path is held in, or `nil` for a platform role.
        public let heldIn: TenantID?

        /// `deny leads:delete (any) via manager -> rep, held in tenant acme`.
        public var description: String {
            let scope = rule.scope == .own ? "own" : "any"
            let tenantRule = rule.tenant.map { ", a rule of tenant \($0)" } ?? ""
            let held = heldIn.map { "held in tenant \($0)" } ?? "held as a platform role"
            return "\(rule.effect.rawValue) \(rule.permissions) (\(scope)\(tenantRule)) via "
                + "\(path.map(\.rawValue).joined(separator: " -> ")), \(held)"
        }
    }

    /// The decision, equal to what `isAllowed` answers for the same request.
    public let allowed: Bool
    /// The rules that decided: the applicable denies when denied by a deny, the applicable grants
    /// when allowed; empty when no rule applies (denied by default).
    public let decidedBy: [Match]

    /// One line per deciding rule, or why nothing applied.
    public var description: String {
        if decidedBy.isEmpty { return "deny: no role the user holds here grants it" }
        return ([allowed ? "allow:" : "deny:"] + decidedBy.map { "  \($0)" }).joined(separator: "\n")
    }
}

extension CompiledPolicy {
    /// Explains the decision for a request by walking the policy (slow next to a check; for
    /// support and reviews, not the request path).
    ///
    /// - Parameters:
    ///   - user: who asks.
    ///   - tenant: the tenant the user acts in.
    ///   - permission: what the user wants to do.
    ///   - resourceOwner: the resource's owner, or `nil`.
    public func explain(user: UserID, tenant: TenantID, permission: Permission, resourceOwner: UserID? = nil)
        -> AccessExplanation
    {
        let graph = RoleGraph(policy.inheritance)
        let isOwner = resourceOwner == user
        let held = policy.assignments.filter { $0.user == user && ($0.tenant == nil || $0.tenant == tenant) }
            .sorted { ($0.tenant == nil ? 1 : 0, $0.role) < ($1.tenant == nil ? 1 : 0, $1.role) }
        // Breadth first from each held role, so each reached role keeps its shortest path.
        var paths: [RoleID: (path: [RoleID], heldIn: TenantID?)] = [:]
        var queue: [RoleID] = []
        for assignment in held where paths[assignment.role] == nil {
            paths[assignment.role] = ([assignment.role], assignment.tenant)
            queue.append(assignment.role)
        }
        var index = 0
        while index < queue.count {
            let role = queue[index]
            index += 1
            for junior in graph.juniors(of: role, in: tenant) where paths[junior.role] == nil {
                paths[junior.role] = (paths[role]!.path + [junior.role], paths[role]!.heldIn)
                queue.append(junior.role)
            }
        }
        let applicable = policy.rules.filter { rule in
            paths[rule.role] != nil && (rule.tenant == nil || rule.tenant == tenant)
                && rule.permissions.matches(permission) && (rule.scope == .any || isOwner)
        }
        .sorted { ($0.role, $0.permissions, $0.scope.rawValue) < ($1.role, $1.permissions, $1.scope.rawValue) }
        .map { AccessExplanation.Match(rule: $0, path: paths[$0.role]!.path, heldIn: paths[$0.role]!.heldIn) }
        let denies = applicable.filter { $0.rule.effect == .deny }
        if !denies.isEmpty { return AccessExplanation(allowed: false, decidedBy: denies) }
        let grants = applicable.filter { $0.rule.effect == .allow }
        return AccessExplanation(allowed: !grants.isEmpty, decidedBy: grants)
    }
}
