import AuthCore
import RBAC
import Testing

@Suite("Separation of duty")
struct SeparationOfDutyTests {
    @Test("static: no user holds both payables roles in one tenant, counting inheritance and platform roles")
    func staticConstraint() throws {
        var policy = CRMExample.policy
        #expect(throws: RBACError.staticSeparationOfDuty) {
            try policy.apply([.assign(RoleAssignment(user: "fin", role: "finance-approver", tenant: "acme"))])
        }
        try policy.apply([
            .defineRole("controller"),
            .addInheritance(RoleInheritance(role: "controller", inherits: "finance-approver")),
        ])
        #expect(throws: RBACError.staticSeparationOfDuty, "through inheritance") {
            try policy.apply([.assign(RoleAssignment(user: "fin", role: "controller", tenant: "acme"))])
        }
        #expect(throws: RBACError.staticSeparationOfDuty, "a platform role counts in acme") {
            try policy.apply([.assign(RoleAssignment(user: "fin", role: "finance-approver", tenant: nil))])
        }
        try policy.apply([.assign(RoleAssignment(user: "fin", role: "finance-approver", tenant: "globex"))])
        #expect(throws: RBACError.staticSeparationOfDuty, "an edge added later that makes a holder break it") {
            try policy.apply([
                .addInheritance(RoleInheritance(role: "finance-clerk", inherits: "finance-approver", tenant: "acme"))
            ])
        }
    }

    @Test("static, cardinality 3 of 3: two are fine, the third is refused")
    func cardinality() throws {
        var policy = RolePolicy(roles: ["a", "b", "c"])
        policy.constraints["abc"] = SeparationOfDutyConstraint(
            id: "abc", kind: .static, roles: ["a", "b", "c"], cardinality: 3)
        try policy.apply([
            .assign(RoleAssignment(user: "u", role: "a", tenant: "t")),
            .assign(RoleAssignment(user: "u", role: "b", tenant: "t")),
        ])
        let error = try #require(throws: RBACError.staticSeparationOfDuty) {
            try policy.apply([.assign(RoleAssignment(user: "u", role: "c", tenant: "t"))])
        }
        #expect(error.reason.contains("abc") && error.reason.contains("u"), "\(error.reason)")
    }

    @Test("dynamic: a session cannot activate both sales-rep and hr; each alone is fine")
    func dynamicConstraint() throws {
        var policy = CRMExample.policy
        try policy.apply([.assign(RoleAssignment(user: "rita", role: "hr", tenant: "acme"))])
        let compiled = try CompiledPolicy(policy)
        #expect(throws: RBACError.dynamicSeparationOfDuty) {
            try compiled.activate(roles: ["sales-rep", "hr"], user: "rita", tenant: "acme")
        }
        let sales = try compiled.activate(roles: ["sales-rep"], user: "rita", tenant: "acme")
        #expect(compiled.isAllowed(sales, permission: try Permission("leads:create")))
        #expect(compiled.isAllowed(sales, permission: try Permission("contacts:read")), "inherited by the active role")
        #expect(!compiled.isAllowed(sales, permission: try Permission("employees:hire")), "hr is not active")
        #expect(compiled.allows("rita", "acme", "employees:hire"), "without a session both roles count")
        let hr = try compiled.activate(roles: ["hr"], user: "rita", tenant: "acme")
        #expect(compiled.isAllowed(hr, permission: try Permission("employees:hire")))
        #expect(!compiled.isAllowed(hr, permission: try Permission("leads:create")))
    }

    @Test("dynamic: a senior role counts the juniors it inherits")
    func dynamicInherited() throws {
        var policy = CRMExample.policy
        try policy.apply([
            .assign(RoleAssignment(user: "max", role: "hr", tenant: "acme"))
        ])
        let compiled = try CompiledPolicy(policy)
        #expect(throws: RBACError.dynamicSeparationOfDuty, "sales-manager inherits sales-rep") {
            try compiled.activate(roles: ["sales-manager", "hr"], user: "max", tenant: "acme")
        }
    }

    @Test("a session activates only roles the user is authorized for")
    func activationNeedsRole() throws {
        let compiled = try CRMExample.compiled()
        #expect(throws: RBACError.roleNotHeld) { try compiled.activate(roles: ["hr"], user: "rita", tenant: "acme") }
        #expect(throws: RBACError.roleNotHeld, "not in another tenant") {
            try compiled.activate(roles: ["sales-rep"], user: "rita", tenant: "initech")
        }
        _ = try compiled.activate(roles: ["employee"], user: "rita", tenant: "acme")
    }

    @Test("an activation stops granting when the role is unassigned")
    func revokedRole() throws {
        let compiled = try CRMExample.compiled()
        let session = try compiled.activate(roles: ["sales-rep"], user: "rita", tenant: "acme")
        var policy = CRMExample.policy
        try policy.apply([.unassign(RoleAssignment(user: "rita", role: "sales-rep", tenant: "acme"))])
        let next = try CompiledPolicy(policy, version: 1)
        #expect(!next.isAllowed(session, permission: try Permission("leads:read")))
    }
}
