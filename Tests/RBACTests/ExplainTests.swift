import AuthCore
import RBAC
import Testing

@Suite("Explanations")
struct ExplainTests {
    @Test("a deny names its role and the inheritance path")
    func denyPath() throws {
        let compiled = try CRMExample.compiled()
        let explanation = compiled.explain(user: "max", tenant: "acme", permission: try Permission("leads:purge"))
        #expect(!explanation.allowed)
        let match = try #require(explanation.decidedBy.first)
        #expect(explanation.decidedBy.count == 1)
        #expect(match.rule == CRMExample.deny("sales-manager", "leads:purge"))
        #expect(match.path == ["sales-manager"])
        #expect(match.heldIn == "acme")
    }

    @Test("a grant through inheritance shows the path; a platform role says so")
    func grantPath() throws {
        let compiled = try CRMExample.compiled()
        let inherited = compiled.explain(user: "max", tenant: "acme", permission: try Permission("contacts:read"))
        #expect(inherited.allowed)
        #expect(inherited.decidedBy.map(\.path) == [["sales-manager", "sales-rep", "employee"]])
        let platform = compiled.explain(user: "sam", tenant: "anywhere", permission: try Permission("x:y"))
        #expect(platform.allowed)
        #expect(platform.decidedBy.first?.heldIn == nil)
        #expect(platform.description.contains("platform"), "\(platform)")
        let tenantRule = compiled.explain(user: "rita", tenant: "acme", permission: try Permission("leads:export"))
        #expect(tenantRule.description.contains("a rule of tenant acme"), "\(tenantRule)")
    }

    @Test("nothing applies: denied by default, said plainly")
    func nothing() throws {
        let explanation = try CRMExample.compiled().explain(
            user: "rita", tenant: "acme", permission: try Permission("payroll:run"))
        #expect(!explanation.allowed)
        #expect(explanation.decidedBy.isEmpty)
        #expect(explanation.description.contains("no role"))
    }
}
