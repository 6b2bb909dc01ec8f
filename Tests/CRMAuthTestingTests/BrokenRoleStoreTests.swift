import CRMAuthTesting
import RBAC
import Testing

/// Deliberately broken role stores: the suite must report exactly the promises each breaks.
@Suite("RoleStoreConformance catches broken stores")
struct BrokenRoleStoreTests {
    @Test(
        "a role store that validates, then commits in a second step, lets racing assignments break separation of duty")
    func checkThenAct() async {
        // Only the race: its first assignment waits for a second one, which other checks never make.
        await withKnownIssue {
            try await RoleStoreConformance { _ in CheckThenActRoleStore() }.run(.concurrentConflictingAssignments)
        }
    }

    @Test("a role store that keeps the changes before an invalid one", arguments: RoleStoreConformance.Check.allCases)
    func partial(check: RoleStoreConformance.Check) async throws {
        let suite = RoleStoreConformance { _ in PartialRoleStore() }
        if check == .allOrNothing {
            await withKnownIssue { try await suite.run(check) }
        } else {
            try await suite.run(check)
        }
    }
}
