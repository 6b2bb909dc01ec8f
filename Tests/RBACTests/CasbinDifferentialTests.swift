import AuthCore
import Foundation
import RBAC
import Testing

/// Every decision of pycasbin on random policies (Fixtures/casbin-differential.json, made by
/// Scripts/generate-casbin-fixtures.py) is also ours after `CasbinPolicyImporter`.
@Suite("Casbin differential")
struct CasbinDifferentialTests {
    struct Fixture: Decodable {
        struct Policy: Decodable {
            let policy: String
            let decisions: String
        }
        let requests: [[String]]
        let policies: [Policy]
    }

    static func fixture() throws -> Fixture {
        let url = try #require(
            Bundle.module.url(forResource: "casbin-differential", withExtension: "json", subdirectory: "Fixtures"))
        return try JSONDecoder().decode(Fixture.self, from: Data(contentsOf: url))
    }

    @Test("pycasbin's decisions on 120 random policies, each through a policy document and back")
    func decisionsMatch() throws {
        let fixture = try Self.fixture()
        #expect(fixture.policies.count >= 100)
        var compared = 0
        for (index, entry) in fixture.policies.enumerated() {
            let imported = try CasbinPolicyImporter.importPolicy(entry.policy)
            // The document round trip must not change a decision either.
            let policy = try PolicyDocument.decode(PolicyDocument.encode(imported))
            #expect(policy == imported, "policy \(index) survives its document")
            let compiled = try CompiledPolicy(policy)
            let expected = Array(entry.decisions)
            try #require(expected.count == fixture.requests.count)
            for (request, decision) in zip(fixture.requests, expected) {
                let allowed = compiled.isAllowed(
                    user: try UserID(request[0]), tenant: try TenantID(request[1]),
                    permission: try Permission(resource: request[2], action: request[3]))
                #expect(
                    allowed == (decision == "1"),
                    "policy \(index), request \(request.joined(separator: ", ")): Casbin says \(decision == "1" ? "allow" : "deny")\n\(entry.policy)"
                )
                compared += 1
            }
        }
        #expect(compared == 50_400)
    }
}
