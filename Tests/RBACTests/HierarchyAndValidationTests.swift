import AuthCore
import RBAC
import Testing

@Suite("Permissions, hierarchy and validation")
struct HierarchyAndValidationTests {
    @Test(
        "permission and pattern syntax",
        arguments: [
            ("leads:read", true, true), ("invoices.v2:approve-all", true, true), ("a_b:c-d", true, true),
            ("leads:*", false, true), ("*:read", false, true), ("*:*", false, true),
            ("leads", false, false), ("leads:read:extra", false, false), (":read", false, false),
            ("leads:", false, false), ("lea*:read", false, false), ("leads:re ad", false, false),
            ("léads:read", false, false), ("leads:read\n", false, false), ("**:read", false, false),
            (String(repeating: "a", count: 65) + ":read", false, false),
            (String(repeating: "a", count: 64) + ":read", true, true),
        ])
    func syntax(text: String, isPermission: Bool, isPattern: Bool) {
        #expect(((try? Permission(text)) != nil) == isPermission, "Permission(\"\(text)\")")
        #expect(((try? PermissionPattern(text)) != nil) == isPattern, "PermissionPattern(\"\(text)\")")
        if !isPermission {
            #expect(throws: RBACError.invalidPermission) { try Permission(text) }
        }
    }

    @Test("wildcard matching")
    func matching() throws {
        let read = try Permission("leads:read")
        #expect(try PermissionPattern("leads:read").matches(read))
        #expect(try PermissionPattern("leads:*").matches(read))
        #expect(try PermissionPattern("*:read").matches(read))
        #expect(try PermissionPattern("*:*").matches(read))
        #expect(try !PermissionPattern("leads:edit").matches(read))
        #expect(try !PermissionPattern("deals:*").matches(read))
        #expect(try !PermissionPattern("*:edit").matches(read))
    }

    @Test("a cycle is a typed error naming it")
    func cycleNamed() throws {
        var policy = RolePolicy(roles: ["manager", "rep"])
        policy.inheritance = [
            RoleInheritance(role: "manager", inherits: "rep"), RoleInheritance(role: "rep", inherits: "manager"),
        ]
        let error = try #require(throws: RBACError.cycle) { try policy.validate() }
        #expect(error.reason.contains("manager -> rep -> manager"), "the reason names the cycle: \(error.reason)")
    }

    @Test("a cycle in one tenant names the tenant")
    func cycleInTenant() throws {
        var policy = RolePolicy(roles: ["a", "b", "c"])
        policy.inheritance = [
            RoleInheritance(role: "a", inherits: "b"), RoleInheritance(role: "b", inherits: "c"),
            RoleInheritance(role: "c", inherits: "a", tenant: "acme"),
        ]
        let error = try #require(throws: RBACError.cycle) { try policy.validate() }
        #expect(error.reason.contains("a -> b -> c -> a"), "\(error.reason)")
        #expect(error.reason.contains("acme"), "\(error.reason)")
    }

    @Test("apply leaves the policy unchanged on error")
    func applyAtomic() throws {
        var policy = CRMExample.policy
        let before = policy
        #expect(throws: RBACError.unknownRole) {
            try policy.apply([.defineRole("x"), .assign(RoleAssignment(user: "a", role: "ghost", tenant: nil))])
        }
        #expect(policy == before)
    }

    @Test("constraints need two roles and a cardinality between 2 and their count", arguments: [0, 1, 3])
    func invalidConstraint(cardinality: Int) {
        var policy = RolePolicy(roles: ["a", "b"])
        policy.constraints["c"] = SeparationOfDutyConstraint(
            id: "c", kind: .static, roles: ["a", "b"], cardinality: cardinality)
        #expect(throws: RBACError.invalidConstraint) { try policy.validate() }
    }

    @Test("changes(to:) turns one policy into another")
    func diff() throws {
        var target = CRMExample.policy
        try target.apply([.removeRole("partner"), .defineRole("vendor")])
        target.constraints["payables"]?.cardinality = 2
        var policy = CRMExample.policy
        try policy.apply(CRMExample.policy.changes(to: target))
        #expect(policy == target)
        var empty = RolePolicy()
        try empty.apply(empty.changes(to: CRMExample.policy))
        #expect(empty == CRMExample.policy)
    }
}
