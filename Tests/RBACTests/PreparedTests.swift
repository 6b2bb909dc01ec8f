import AuthCore
import RBAC
import Testing

@Suite("Prepared requests")
struct PreparedTests {
    @Test("prepared checks decide as plain ones", arguments: CheckTests.cases)
    func same(case example: CheckTests.Case) throws {
        let compiled = try CRMExample.compiled()
        let subject = compiled.prepare(user: example.user, tenant: example.tenant)
        let permission = compiled.prepare(try Permission(example.permission))
        #expect(compiled.isAllowed(subject, permission, resourceOwner: example.owner) == example.allowed)
    }

    @Test("prepared on one snapshot, right on the next: new names, users and tenants included")
    func acrossSnapshots() async throws {
        let store = try InMemoryRoleStore(policy: CRMExample.policy)
        let checker = try await AccessChecker(store: store)
        let payroll = checker.prepare(try Permission("payroll:run"))
        let leads = checker.prepare(try Permission("leads:read"))
        let newcomer = checker.prepare(user: "nina", tenant: "initech")
        let rita = checker.prepare(user: "rita", tenant: "acme")
        #expect(!checker.isAllowed(rita, payroll))
        _ = try await store.apply(
            [
                .addRule(CRMExample.allow("sales-rep", "payroll:run")),
                .assign(RoleAssignment(user: "nina", role: "sales-rep", tenant: "initech")),
                .unassign(RoleAssignment(user: "rita", role: "sales-rep", tenant: "acme")),
            ], expecting: nil)
        try await checker.refresh()
        #expect(
            checker.isAllowed(checker.prepare(user: "max", tenant: "acme"), payroll), "a name unknown when prepared")
        #expect(checker.isAllowed(newcomer, leads), "a user and tenant unknown when prepared")
        #expect(!checker.isAllowed(rita, leads), "a user who lost the role")
        let other = try CRMExample.compiled()
        #expect(
            other.isAllowed(other.prepare(user: "rita", tenant: "acme"), leads), "from another chain: looked up again")
    }
}
