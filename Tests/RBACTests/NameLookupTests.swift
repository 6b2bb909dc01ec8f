import AuthCore
import RBAC
import Testing

/// The names a check looks up (users, tenants, resources, actions) through the snapshot's interning
/// tables: exact bytes, every length, many names, and indices kept along a `continuing:` chain.
@Suite("Name lookups")
struct NameLookupTests {
    /// "café" with U+00E9, and with "e" + U+0301: canonically equivalent, different bytes.
    static let composed = "caf\u{E9}"
    static let decomposed = "cafe\u{301}"

    @Test("canonically equivalent but byte-different user and tenant ids stay different")
    func exactBytes() throws {
        #expect(Self.composed == Self.decomposed, "Swift's String would merge them")
        var policy = RolePolicy(roles: ["reader", "writer"])
        policy.rules = [CRMExample.allow("reader", "leads:read"), CRMExample.allow("writer", "leads:edit")]
        policy.assignments = [
            RoleAssignment(user: try UserID(Self.composed), role: "reader", tenant: try TenantID(Self.composed)),
            RoleAssignment(user: try UserID(Self.decomposed), role: "writer", tenant: try TenantID(Self.decomposed)),
        ]
        let compiled = try CompiledPolicy(policy)
        let (composedUser, decomposedUser) = (try UserID(Self.composed), try UserID(Self.decomposed))
        let (composedTenant, decomposedTenant) = (try TenantID(Self.composed), try TenantID(Self.decomposed))
        #expect(compiled.allows(composedUser, composedTenant, "leads:read"))
        #expect(!compiled.allows(composedUser, composedTenant, "leads:edit"))
        #expect(compiled.allows(decomposedUser, decomposedTenant, "leads:edit"))
        #expect(!compiled.allows(decomposedUser, decomposedTenant, "leads:read"))
        #expect(!compiled.allows(composedUser, decomposedTenant, "leads:read"), "the other tenant's bytes")
        #expect(!compiled.allows(decomposedUser, composedTenant, "leads:edit"), "the other tenant's bytes")
        let prepared = compiled.prepare(user: composedUser, tenant: composedTenant)
        #expect(compiled.isAllowed(prepared, compiled.prepare(try Permission("leads:read"))))
        #expect(!compiled.isAllowed(prepared, compiled.prepare(try Permission("leads:edit"))))

        // Only one of the two spellings in the policy: the other is an unknown user.
        policy.assignments = [
            RoleAssignment(user: composedUser, role: "writer", tenant: composedTenant)
        ]
        let single = try CompiledPolicy(policy)
        #expect(single.allows(composedUser, composedTenant, "leads:edit"))
        #expect(!single.allows(decomposedUser, composedTenant, "leads:edit"))
        #expect(!single.allows(composedUser, decomposedTenant, "leads:edit"))
    }

    /// Names of every length from 1 to 40 bytes (so every tail length after 0 to 4 whole 8-byte
    /// chunks), names that are prefixes of others, and names that differ only in their last byte.
    static func names(_ prefix: String) -> [String] {
        var names: [String] = []
        for length in 1...40 {
            let base = String(String(repeating: prefix, count: 40).prefix(length))
            names.append(base)
            names.append(String(base.dropLast()) + "z")
        }
        return Array(Set(names)).sorted()
    }

    @Test("every name length, prefixes, last-byte differences and thousands of names")
    func manyNames() throws {
        let users = Self.names("u") + (0..<3_000).map { "user-\($0)" }
        let tenants = Self.names("t") + (0..<300).map { "tenant.\($0)" }
        let resources = Self.names("r")
        let actions = Self.names("a")
        var policy = RolePolicy(roles: ["role"])
        for (index, resource) in resources.enumerated() {
            let action = actions[index % actions.count]
            policy.rules.insert(CRMExample.allow("role", "\(resource):\(action)"))
        }
        for (index, user) in users.enumerated() {
            policy.assignments.insert(
                RoleAssignment(
                    user: try UserID(user), role: "role", tenant: try TenantID(tenants[index % tenants.count])))
        }
        let compiled = try CompiledPolicy(policy)
        for (index, user) in users.enumerated() {
            let (userID, tenant) = (try UserID(user), try TenantID(tenants[index % tenants.count]))
            let other = try TenantID(tenants[(index + 1) % tenants.count])
            let resource = resources[index % resources.count]
            let granted = "\(resource):\(actions[index % resources.count % actions.count])"
            let notGranted = "\(resource):\(actions[(index % resources.count + 1) % actions.count])"
            #expect(compiled.allows(userID, tenant, granted), "\(user) in \(tenant)")
            #expect(!compiled.allows(userID, tenant, notGranted), "\(user): \(notGranted)")
            #expect(!compiled.allows(userID, other, granted), "\(user) in \(other)")
            #expect(!compiled.allows(try UserID(user + "x"), tenant, granted), "an unknown user")
        }
        #expect(!compiled.allows("u", "t", "unknown:a"), "an unknown resource")
        #expect(!compiled.allows("u", "t", "r:unknown"), "an unknown action")
        #expect(!compiled.allows("u", "unknown", "r:a"), "an unknown tenant")
    }

    @Test("prepared requests keep their meaning while each snapshot adds thousands of names")
    func chainKeepsIndices() throws {
        var policy = RolePolicy(roles: ["role"])
        policy.rules = [CRMExample.allow("role", "leads:read")]
        policy.assignments = Set(
            (0..<50).map { RoleAssignment(user: try! UserID("early\($0)"), role: "role", tenant: "acme") })
        var compiled = try CompiledPolicy(policy)
        let permission = compiled.prepare(try Permission("leads:read"))
        let subjects = (0..<50).map { compiled.prepare(user: try! UserID("early\($0)"), tenant: "acme") }
        for round in 1...3 {
            // New names sort before and among the old ones, so only the chain keeps old indices.
            policy.rules.insert(CRMExample.allow("role", "a\(round)-resource:a\(round)-action"))
            policy.assignments.formUnion(
                (0..<2_000).map {
                    RoleAssignment(
                        user: try! UserID("a\(round)-\($0)"), role: "role", tenant: try! TenantID("aaa\(round)"))
                })
            compiled = try CompiledPolicy(policy, version: UInt64(round), continuing: compiled)
            for subject in subjects {
                #expect(compiled.isAllowed(subject, permission), "\(subject.user), round \(round)")
            }
            let newcomer = compiled.prepare(user: try UserID("a\(round)-7"), tenant: try TenantID("aaa\(round)"))
            #expect(compiled.isAllowed(newcomer, permission))
            #expect(!compiled.isAllowed(newcomer, compiled.prepare(try Permission("payroll:run"))))
        }
        policy.assignments = policy.assignments.filter { $0.user.rawValue != "early3" }
        compiled = try CompiledPolicy(policy, version: 4, continuing: compiled)
        #expect(!compiled.isAllowed(subjects[3], permission), "a user who lost the role")
        #expect(compiled.isAllowed(subjects[4], permission))
    }
}
