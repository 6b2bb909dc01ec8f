import AuthCore
import RBAC
import Testing

@Suite("Casbin import")
struct CasbinImportTests {
    @Test("roles, users, tenant-scoped inheritance and per-user rules")
    func translation() throws {
        let policy = try CasbinPolicyImporter.importPolicy(
            """
            # a comment, then a blank line

            p, admin, acme, data1, read, allow
            p, admin, acme, data1, write, deny\r
            g, alice, admin, acme
            g, admin, reader, globex
            p, bob, acme, data2, read, allow
            """)
        #expect(policy.roles == ["admin", "reader", "casbin-user:bob"])
        #expect(policy.inheritance == [RoleInheritance(role: "admin", inherits: "reader", tenant: "globex")])
        #expect(
            policy.assignments == [
                RoleAssignment(user: "alice", role: "admin", tenant: "acme"),
                RoleAssignment(user: "bob", role: "casbin-user:bob", tenant: "acme"),
            ])
        let compiled = try CompiledPolicy(policy)
        #expect(compiled.allows("alice", "acme", "data1:read"))
        #expect(!compiled.allows("alice", "acme", "data1:write"), "the CRLF line is a deny")
        #expect(!compiled.allows("alice", "globex", "data1:read"), "rules hold in their tenant only")
        #expect(compiled.allows("bob", "acme", "data2:read"))
    }

    @Test(
        "malformed and unsupported lines are typed errors naming the line",
        arguments: [
            ("p, admin, acme, data1, read", RBACError.malformedCasbinPolicy),
            ("g, alice, admin", .malformedCasbinPolicy),
            ("p2, admin, acme, data1, read, allow", .malformedCasbinPolicy),
            ("p, admin, acme, data1, read, maybe", .malformedCasbinPolicy),
            ("p, \"admin\", acme, data1, read, allow", .malformedCasbinPolicy),
            ("p, keyMatch(a, b), acme, data1, read, allow", .malformedCasbinPolicy),
            ("p, admin, , data1, read, allow", .malformedCasbinPolicy),
            ("p, admin, acme, *, read, allow", .unsupportedCasbinPolicy),
            ("p, admin, acme, data1, *, allow", .unsupportedCasbinPolicy),
            ("p, admin, acme, data*, read, allow", .unsupportedCasbinPolicy),
            ("p, admin, acme, /data/1, read, allow", .unsupportedCasbinPolicy),
            ("p, admin, acme, data:1, read, allow", .unsupportedCasbinPolicy),
        ])
    func refused(line: String, expected: RBACError) throws {
        let error = try #require(throws: expected) {
            try CasbinPolicyImporter.importPolicy("p, admin, acme, data1, read, allow\n\(line)\n")
        }
        #expect(error.reason.hasPrefix("line 2:"), "\(error.reason)")
    }

    @Test("a cycle in one tenant's inheritance is refused")
    func cycle() {
        #expect(throws: RBACError.cycle) {
            try CasbinPolicyImporter.importPolicy("g, a, b, d1\ng, b, a, d1\n")
        }
        #expect(throws: Never.self, "the same edges in two tenants form no cycle") {
            try CasbinPolicyImporter.importPolicy("g, a, b, d1\ng, b, a, d2\n")
        }
    }
}
