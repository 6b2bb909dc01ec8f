import AuthCore
import RBAC
import Testing

extension RoleStoreConformance {
    static func rule(_ role: RoleID, _ pattern: String, _ effect: RuleEffect = .allow, tenant: TenantID? = nil)
        throws -> PolicyRule
    {
        PolicyRule(role: role, effect: effect, permissions: try PermissionPattern(pattern), tenant: tenant)
    }

    /// Expects `changes` to fail with `expected` and leave the store as it was.
    func expectRefused(
        _ store: any RoleStore, _ changes: [PolicyChange], _ expected: RBACError, _ comment: Comment
    ) async throws {
        let before = try await store.policy()
        await #expect(throws: expected, comment) { try await store.apply(changes, expecting: nil) }
        let after = try await store.policy()
        #expect(after == before, "\(comment): a refused change applies nothing")
        #expect(try await store.version() == before.version, "\(comment): a refused change keeps the version")
    }

    func emptyAtVersionZero(_ store: any RoleStore) async throws {
        let loaded = try await store.policy()
        #expect(loaded.version == 0, "a new store is at version 0")
        #expect(loaded.policy == RolePolicy(), "a new store holds an empty policy")
        #expect(try await store.version() == 0)
    }

    func applyBumpsVersion(_ store: any RoleStore) async throws {
        let edit = try Self.rule("rep", "leads:edit")
        #expect(try await store.apply([.defineRole("rep"), .addRule(edit)], expecting: 0) == 1)
        #expect(try await store.version() == 1)
        let assignment = RoleAssignment(user: "ada", role: "rep", tenant: "acme")
        #expect(try await store.apply([.assign(assignment)], expecting: nil) == 2)
        let loaded = try await store.policy()
        #expect(loaded.version == 2, "policy() returns the version beside the policy")
        #expect(loaded.policy.roles == ["rep"])
        #expect(loaded.policy.rules == [edit], "a rule is read back exactly")
        #expect(loaded.policy.assignments == [assignment], "an assignment is read back exactly, tenant included")
        let platform = RoleAssignment(user: "ada", role: "rep", tenant: nil)
        #expect(try await store.apply([.assign(platform)], expecting: 2) == 3)
        #expect(try await store.policy().policy.assignments == [assignment, platform], "platform and tenant apart")
    }

    func allOrNothing(_ store: any RoleStore) async throws {
        _ = try await store.apply([.defineRole("rep")], expecting: nil)
        try await expectRefused(
            store,
            [
                .defineRole("manager"), .addInheritance(RoleInheritance(role: "manager", inherits: "rep")),
                .assign(RoleAssignment(user: "ada", role: "ghost", tenant: "acme")),
            ],
            .unknownRole, "the last of three changes is invalid")
    }

    func unknownRolesRefused(_ store: any RoleStore) async throws {
        _ = try await store.apply([.defineRole("rep")], expecting: nil)
        try await expectRefused(store, [.addRule(try Self.rule("ghost", "leads:read"))], .unknownRole, "a rule")
        try await expectRefused(
            store, [.addInheritance(RoleInheritance(role: "rep", inherits: "ghost"))], .unknownRole, "an edge")
        try await expectRefused(
            store, [.assign(RoleAssignment(user: "ada", role: "ghost", tenant: nil))], .unknownRole, "an assignment")
        let constraint = SeparationOfDutyConstraint(id: "c", kind: .static, roles: ["rep", "ghost"], cardinality: 2)
        try await expectRefused(store, [.addConstraint(constraint)], .unknownRole, "a constraint")
    }

    func cyclesRefused(_ store: any RoleStore) async throws {
        _ = try await store.apply(
            [
                .defineRole("rep"), .defineRole("manager"), .defineRole("director"),
                .addInheritance(RoleInheritance(role: "manager", inherits: "rep")),
                .addInheritance(RoleInheritance(role: "director", inherits: "manager")),
            ], expecting: nil)
        try await expectRefused(
            store, [.addInheritance(RoleInheritance(role: "rep", inherits: "director"))], .cycle, "a three-role cycle")
        try await expectRefused(
            store, [.addInheritance(RoleInheritance(role: "rep", inherits: "rep"))], .cycle, "a role inheriting itself")
        try await expectRefused(
            store, [.addInheritance(RoleInheritance(role: "rep", inherits: "manager", tenant: "acme"))], .cycle,
            "a cycle closed by one tenant's edge")
        // Edges of two different tenants never hold together, so they form no cycle.
        _ = try await store.apply(
            [
                .defineRole("a"), .defineRole("b"),
                .addInheritance(RoleInheritance(role: "a", inherits: "b", tenant: "acme")),
                .addInheritance(RoleInheritance(role: "b", inherits: "a", tenant: "globex")),
            ], expecting: nil)
    }

    func staticSeparationOfDutyRefused(_ store: any RoleStore) async throws {
        let constraint = SeparationOfDutyConstraint(
            id: "payables", kind: .static, roles: ["clerk", "approver"], cardinality: 2)
        _ = try await store.apply(
            [
                .defineRole("clerk"), .defineRole("approver"), .defineRole("controller"),
                .addInheritance(RoleInheritance(role: "controller", inherits: "approver")),
                .addConstraint(constraint),
                .assign(RoleAssignment(user: "ada", role: "clerk", tenant: "acme")),
            ], expecting: nil)
        try await expectRefused(
            store, [.assign(RoleAssignment(user: "ada", role: "approver", tenant: "acme"))], .staticSeparationOfDuty,
            "both roles in one tenant")
        try await expectRefused(
            store, [.assign(RoleAssignment(user: "ada", role: "controller", tenant: "acme"))],
            .staticSeparationOfDuty, "a role inheriting the other")
        try await expectRefused(
            store, [.assign(RoleAssignment(user: "ada", role: "approver", tenant: nil))], .staticSeparationOfDuty,
            "a platform role counts in every tenant")
        _ = try await store.apply(
            [.assign(RoleAssignment(user: "ada", role: "approver", tenant: "globex"))], expecting: nil)
        _ = try await store.apply(
            [.assign(RoleAssignment(user: "bob", role: "approver", tenant: "acme"))], expecting: nil)
        // A constraint that existing assignments already break is refused with everything in its list.
        _ = try await store.apply(
            [
                .defineRole("sales"), .defineRole("purchasing"),
                .assign(RoleAssignment(user: "cy", role: "sales", tenant: "initech")),
                .assign(RoleAssignment(user: "cy", role: "purchasing", tenant: "initech")),
            ], expecting: nil)
        let late = SeparationOfDutyConstraint(
            id: "late", kind: .static, roles: ["sales", "purchasing"], cardinality: 2)
        try await expectRefused(store, [.addConstraint(late)], .staticSeparationOfDuty, "a constraint already broken")
        // A dynamic constraint does not restrict assignment.
        let dynamic = SeparationOfDutyConstraint(
            id: "session", kind: .dynamic, roles: ["sales", "purchasing"], cardinality: 2)
        _ = try await store.apply([.addConstraint(dynamic)], expecting: nil)
    }

    func staleVersionRefused(_ store: any RoleStore) async throws {
        _ = try await store.apply([.defineRole("rep")], expecting: 0)
        let before = try await store.policy()
        await #expect(throws: RBACError.versionConflict, "a change based on version 0 when 1 is current") {
            try await store.apply([.defineRole("manager")], expecting: 0)
        }
        #expect(try await store.policy() == before, "a stale change applies nothing")
        await #expect(throws: RBACError.versionConflict, "a version from the future") {
            try await store.apply([.defineRole("manager")], expecting: 7)
        }
        #expect(try await store.apply([.defineRole("manager")], expecting: 1) == 2, "the current version applies")
    }

    func removeRoleCascades(_ store: any RoleStore) async throws {
        _ = try await store.apply(
            [
                .defineRole("rep"), .defineRole("manager"), .defineRole("auditor"),
                .addRule(try Self.rule("rep", "leads:read")), .addRule(try Self.rule("manager", "leads:*")),
                .addInheritance(RoleInheritance(role: "manager", inherits: "rep")),
                .assign(RoleAssignment(user: "ada", role: "rep", tenant: "acme")),
                .assign(RoleAssignment(user: "bob", role: "manager", tenant: "acme")),
                .addConstraint(
                    SeparationOfDutyConstraint(id: "c", kind: .dynamic, roles: ["manager", "auditor"], cardinality: 2)),
            ], expecting: nil)
        _ = try await store.apply([.removeRole("rep")], expecting: nil)
        let policy = try await store.policy().policy
        #expect(policy.roles == ["manager", "auditor"])
        #expect(policy.rules == [try Self.rule("manager", "leads:*")], "the role's rules go with it")
        #expect(policy.inheritance.isEmpty, "edges to the role go with it")
        #expect(policy.assignments == [RoleAssignment(user: "bob", role: "manager", tenant: "acme")])
        try await expectRefused(store, [.removeRole("auditor")], .unknownRole, "a role a constraint names")
    }

    func idsByteExact(_ store: any RoleStore) async throws {
        let composed: RoleID = "caf\u{E9}"
        let decomposed: RoleID = "cafe\u{301}"
        _ = try await store.apply([.defineRole(composed)], expecting: nil)
        try await expectRefused(
            store, [.assign(RoleAssignment(user: "ada", role: decomposed, tenant: nil))], .unknownRole,
            "a canonically equivalent role id is another role")
        _ = try await store.apply(
            [
                .defineRole(decomposed), .defineRole("Rep"),
                .assign(RoleAssignment(user: "caf\u{E9}", role: composed, tenant: "t\u{E9}")),
                .assign(RoleAssignment(user: "cafe\u{301}", role: composed, tenant: "te\u{301}")),
            ], expecting: nil)
        let policy = try await store.policy().policy
        #expect(policy.roles.count == 3, "case and normalization keep roles apart")
        #expect(policy.assignments.count == 2, "canonically equivalent users and tenants stay apart")
        _ = try await store.apply(
            [.unassign(RoleAssignment(user: "cafe\u{301}", role: composed, tenant: "te\u{301}"))], expecting: nil)
        #expect(
            try await store.policy().policy.assignments == [
                RoleAssignment(user: "caf\u{E9}", role: composed, tenant: "t\u{E9}")
            ],
            "removing one spelling leaves the other")
    }

    func concurrentConflictingAssignments(_ store: any RoleStore) async throws {
        let roles = (0..<racers).map { try! RoleID("duty\($0)") }
        _ = try await store.apply(
            roles.map { .defineRole($0) } + [
                .addConstraint(SeparationOfDutyConstraint(id: "one", kind: .static, roles: Set(roles), cardinality: 2))
            ], expecting: nil)
        let outcomes = await Conformance.race(racers) { index in
            try await store.apply(
                [.assign(RoleAssignment(user: "ada", role: roles[index], tenant: "acme"))], expecting: nil)
        }
        let wins = outcomes.filter { $0.value != nil }.count
        #expect(wins <= 1, "at most one of the conflicting assignments wins (\(wins) did)")
        #expect(
            outcomes.allSatisfy { $0.value != nil || ($0.error as? RBACError) == .staticSeparationOfDuty },
            "the others fail with staticSeparationOfDuty")
        let held = try await store.policy().policy.assignments.filter { $0.user == "ada" }
        #expect(held.count == wins, "the store holds exactly the winning assignment")
    }

    func concurrentSameVersion(_ store: any RoleStore) async throws {
        let version = try await store.apply([.defineRole("base")], expecting: nil)
        let outcomes = await Conformance.race(racers) { index in
            try await store.apply([.defineRole(try RoleID("role\(index)"))], expecting: version)
        }
        #expect(outcomes.filter { $0.value != nil }.count == 1, "exactly one change on one version wins")
        #expect(
            outcomes.allSatisfy { $0.value != nil || ($0.error as? RBACError) == .versionConflict },
            "the others fail with versionConflict")
        #expect(try await store.version() == version + 1)
        #expect(try await store.policy().policy.roles.count == 2)
    }

    func concurrentIndependentChanges(_ store: any RoleStore) async throws {
        let outcomes = await Conformance.race(racers) { index in
            try await store.apply([.defineRole(try RoleID("role\(index)"))], expecting: nil)
        }
        #expect(outcomes.allSatisfy { $0.error == nil }, "independent changes all apply")
        #expect(Set(outcomes.compactMap(\.value)) == Set(1...UInt64(racers)), "each change gets its own version")
        #expect(try await store.version() == UInt64(racers))
        #expect(try await store.policy().policy.roles.count == racers, "no change is lost")
    }
}
