import AuthCore
import RBAC
import Testing

@Suite("Compiled checks")
struct CheckTests {
    struct Case: Sendable, CustomStringConvertible {
        let user: UserID
        let tenant: TenantID
        let permission: String
        let owner: UserID?
        let allowed: Bool
        let why: String
        init(
            _ user: UserID, _ tenant: TenantID, _ permission: String, owner: UserID? = nil, _ allowed: Bool,
            _ why: String
        ) {
            (self.user, self.tenant, self.permission, self.owner, self.allowed, self.why) =
                (user, tenant, permission, owner, allowed, why)
        }
        var description: String { "\(user)@\(tenant) \(permission): \(why)" }
    }

    static let cases: [Case] = [
        Case("rita", "acme", "leads:read", true, "a direct grant"),
        Case("rita", "acme", "contacts:read", true, "inherited from employee"),
        Case("rita", "acme", "leads:delete", false, "nothing grants it"),
        Case("rita", "acme", "leads:edit", owner: "rita", true, "own scope, and she owns it"),
        Case("rita", "acme", "leads:edit", owner: "max", false, "own scope, someone else's lead"),
        Case("rita", "acme", "leads:edit", false, "own scope, no owner given"),
        Case("max", "acme", "leads:edit", owner: "rita", true, "the manager's leads:* covers any lead"),
        Case("max", "acme", "leads:delete", true, "leads:* covers any action"),
        Case("max", "acme", "leads:purge", false, "the manager's deny overrides leads:*"),
        Case("max", "acme", "leads:edit", owner: "max", true, "inherited own grant and any grant"),
        Case("max", "globex", "leads:read", false, "in globex max is only an employee"),
        Case("max", "globex", "contacts:read", true, "employee grant in globex"),
        Case("hana", "acme", "employees:fire", true, "employees:*"),
        Case("hana", "acme", "deals:read", true, "*:read covers every resource"),
        Case("hana", "acme", "unheard-of:read", true, "*:read covers a resource no rule names"),
        Case("hana", "acme", "invoices:read", false, "a specific deny overrides *:read"),
        Case("hana", "acme", "deals:write", false, "*:read is only read"),
        Case("fay", "acme", "invoices:approve", owner: "fin", true, "approving someone else's invoice"),
        Case("fay", "acme", "invoices:approve", owner: "fay", false, "a deny scoped to own: not her own invoice"),
        Case("pat", "acme", "leads:read", owner: "pat", true, "the partner reads own leads"),
        Case("pat", "acme", "leads:read", owner: "rita", false, "not others' leads"),
        Case("sam", "acme", "anything:at-all", true, "a platform role with *:* holds in acme"),
        Case("sam", "never-seen", "leads:purge", true, "and in a tenant the policy never names"),
        Case("rita", "acme", "leads:export", true, "acme's own rule for sales reps"),
        Case("rita", "globex", "leads:export", false, "globex has no such rule"),
        Case("max", "acme", "leads:export", true, "the acme rule reaches the manager through inheritance"),
        Case("rita", "initech", "leads:read", false, "no role in initech"),
        Case("nobody", "acme", "contacts:read", false, "an unknown user"),
        Case("Rita", "acme", "leads:read", false, "user ids are case-sensitive"),
    ]

    @Test("decisions of the CRM example", arguments: cases)
    func decisions(case example: Case) throws {
        let compiled = try CRMExample.compiled()
        #expect(
            compiled.allows(example.user, example.tenant, example.permission, owner: example.owner) == example.allowed)
        let explanation = compiled.explain(
            user: example.user, tenant: example.tenant, permission: try Permission(example.permission),
            resourceOwner: example.owner)
        #expect(explanation.allowed == example.allowed, "explain agrees with the check")
    }

    @Test("a deny in one role overrides a grant in another role of the same user")
    func denyAcrossRoles() throws {
        var policy = CRMExample.policy
        try policy.apply([.assign(RoleAssignment(user: "hana", role: "finance-clerk", tenant: "acme"))])
        let compiled = try CompiledPolicy(policy)
        #expect(!compiled.allows("hana", "acme", "invoices:read"), "hr's deny wins over nothing")
        try policy.apply([.addRule(CRMExample.allow("finance-clerk", "invoices:read"))])
        #expect(!(try CompiledPolicy(policy)).allows("hana", "acme", "invoices:read"), "and over finance's grant")
    }

    @Test("a tenant's own inheritance edge holds only in that tenant")
    func tenantEdges() throws {
        var policy = CRMExample.policy
        try policy.apply([
            .addInheritance(RoleInheritance(role: "partner", inherits: "sales-rep", tenant: "globex")),
            .assign(RoleAssignment(user: "pat", role: "partner", tenant: "globex")),
        ])
        let compiled = try CompiledPolicy(policy)
        #expect(compiled.allows("pat", "globex", "leads:create"), "in globex a partner is also a sales rep")
        #expect(compiled.allows("pat", "globex", "contacts:read"), "and inherits what sales reps inherit")
        #expect(!compiled.allows("pat", "acme", "leads:create"), "not in acme")
    }

    @Test("a platform role's tenant-scoped rule applies only in that tenant")
    func platformRoleTenantRule() throws {
        var policy = CRMExample.policy
        try policy.apply([
            .defineRole("auditor"), .addRule(CRMExample.allow("auditor", "audit:read", tenant: "acme")),
            .assign(RoleAssignment(user: "aud", role: "auditor", tenant: nil)),
        ])
        let compiled = try CompiledPolicy(policy)
        #expect(compiled.allows("aud", "acme", "audit:read"))
        #expect(!compiled.allows("aud", "globex", "audit:read"))
        #expect(!compiled.allows("aud", "elsewhere", "audit:read"))
    }

    @Test("a user with tenant roles keeps platform roles there")
    func platformAndTenant() throws {
        var policy = CRMExample.policy
        try policy.apply([.assign(RoleAssignment(user: "sam", role: "partner", tenant: "acme"))])
        let compiled = try CompiledPolicy(policy)
        #expect(compiled.allows("sam", "acme", "invoices:approve"), "support-admin still holds in acme")
    }

    @Test("deep hierarchies compile without recursion limits")
    func deepHierarchy() throws {
        let depth = 5_000
        let roles = (0..<depth).map { try! RoleID("r\($0)") }
        var policy = RolePolicy(roles: Set(roles))
        policy.inheritance = Set((1..<depth).map { RoleInheritance(role: roles[$0], inherits: roles[$0 - 1]) })
        policy.rules = [CRMExample.allow(roles[0], "leads:read")]
        policy.assignments = [RoleAssignment(user: "ada", role: roles[depth - 1], tenant: "acme")]
        let compiled = try CompiledPolicy(policy)
        #expect(compiled.allows("ada", "acme", "leads:read"))
    }
}
