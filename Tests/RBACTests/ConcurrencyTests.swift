import AuthCore
import RBAC
import Testing

@Suite("Snapshots under concurrent changes")
struct ConcurrencyTests {
    @Test("checks during changes that move a grant between two roles never see a half-applied change")
    func moveGrant() async throws {
        let read = PolicyRule(role: "a", effect: .allow, permissions: try PermissionPattern("leads:read"))
        let moved = PolicyRule(role: "b", effect: .allow, permissions: try PermissionPattern("leads:read"))
        let store = try InMemoryRoleStore(
            policy: RolePolicy(
                roles: ["a", "b"], rules: [read],
                assignments: [
                    RoleAssignment(user: "ua", role: "a", tenant: "acme"),
                    RoleAssignment(user: "ub", role: "b", tenant: "acme"),
                ]))
        let checker = try await AccessChecker(store: store)
        let permission = try Permission("leads:read")
        let moves = 200
        try await withThrowingTaskGroup(of: Int.self) { group in
            group.addTask {
                for index in 0..<moves {
                    let (from, to) = index.isMultiple(of: 2) ? (read, moved) : (moved, read)
                    _ = try await store.apply([.removeRule(from), .addRule(to)], expecting: nil)
                    try await checker.refresh()
                    await Task.yield()
                }
                return 0
            }
            for _ in 0..<2 {
                group.addTask {
                    var seen = 0
                    for _ in 0..<20_000 {
                        let snapshot = checker.snapshot
                        let a = snapshot.isAllowed(user: "ua", tenant: "acme", permission: permission)
                        let b = snapshot.isAllowed(user: "ub", tenant: "acme", permission: permission)
                        #expect(a != b, "exactly one role holds the grant at version \(snapshot.version)")
                        #expect(a == snapshot.version.isMultiple(of: 2), "the grant is where the version says")
                        seen += 1
                        if seen.isMultiple(of: 100) { await Task.yield() }
                    }
                    return seen
                }
            }
            for try await _ in group {}
        }
        #expect(checker.snapshot.version == UInt64(moves), "the last refresh swapped in the last version")
    }

    @Test("refresh swaps only when the version moved")
    func refreshOnlyOnChange() async throws {
        let store = try InMemoryRoleStore(policy: CRMExample.policy)
        let checker = try await AccessChecker(store: store)
        #expect(try await !checker.refresh(), "nothing changed")
        #expect(!checker.isAllowed(user: "rita", tenant: "acme", permission: try Permission("payroll:run")))
        _ = try await store.apply([.addRule(CRMExample.allow("sales-rep", "payroll:run"))], expecting: 0)
        #expect(
            !checker.isAllowed(user: "rita", tenant: "acme", permission: try Permission("payroll:run")),
            "old snapshot until refresh")
        #expect(try await checker.refresh())
        #expect(checker.isAllowed(user: "rita", tenant: "acme", permission: try Permission("payroll:run")))
    }
}
