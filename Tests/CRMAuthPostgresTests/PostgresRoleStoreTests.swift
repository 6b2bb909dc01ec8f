import AuthCore
import CRMAuthPostgres
import CRMAuthTesting
import Foundation
import RBAC
import Testing

extension PostgreSQLTests {
    @Suite("PostgresRoleStore")
    struct PostgresRoleStoreTests {
        @Test("keeps the RoleStore contract", arguments: RoleStoreConformance.Check.allCases)
        func conformance(check: RoleStoreConformance.Check) async throws {
            try await TemporarySchema.with { _, database in
                try await RoleStoreConformance { _ in PostgresRoleStore(database: database) }.run(check)
            }
        }

        @Test("keeps the RoleStore contract on two servers", arguments: RoleStoreConformance.Check.allCases)
        func twoServers(check: RoleStoreConformance.Check) async throws {
            try await TemporarySchema.with { schema, database in
                let other = try await schema.open()
                let servers = TwoServers([PostgresRoleStore(database: database), PostgresRoleStore(database: other)])
                do {
                    try await RoleStoreConformance { _ in servers }.run(check)
                } catch {
                    await other.close()
                    throw error
                }
                await other.close()
            }
        }

        static let changes: [PolicyChange] = [
            .defineRole("sales-rep"),
            .assign(RoleAssignment(user: "ada", role: "sales-rep", tenant: "acme")),
        ]

        @Test("The policy is read back whole by another server, at its version")
        func readByAnotherServer() async throws {
            try await TemporarySchema.with { schema, database in
                let rule = PolicyRule(
                    role: "sales-rep", effect: .allow, permissions: try PermissionPattern("leads:edit"), tenant: "acme")
                #expect(
                    try await PostgresRoleStore(database: database).apply(Self.changes + [.addRule(rule)], expecting: 0)
                        == 1)
                let other = try await schema.open()
                let read: VersionedPolicy
                do {
                    read = try await PostgresRoleStore(database: other).policy()
                } catch {
                    await other.close()
                    throw error
                }
                #expect(read.version == 1)
                #expect(read.policy.roles == ["sales-rep"])
                #expect(read.policy.rules == [rule])
                #expect(read.policy.assignments == [RoleAssignment(user: "ada", role: "sales-rep", tenant: "acme")])
                await other.close()
            }
        }

        @Test("A refused first change leaves a new database as it was: no row, version 0")
        func refusedFirstChange() async throws {
            try await TemporarySchema.with { _, database in
                let store = PostgresRoleStore(database: database)
                await #expect(throws: RBACError.self) {
                    try await store.apply(
                        [.assign(RoleAssignment(user: "ada", role: "ghost", tenant: "acme"))], expecting: nil)
                }
                await #expect(throws: RBACError.versionConflict) {
                    try await store.apply([.defineRole("sales-rep")], expecting: 3)
                }
                let version = try await store.version()
                #expect(version == 0)
                #expect(try await store.policy() == VersionedPolicy(policy: RolePolicy(), version: 0))
                #expect(try await store.apply(Self.changes, expecting: 0) == 1)
            }
        }

        @Test(
            "A damaged document is a corrupted record: policy and apply fail, nothing is emptied",
            arguments: [
                "'not json'", "'{}'",
                #"'{"formatVersion": 1, "roles": [], "rules": [], "inheritance": [], "assignments": [{"user": "ada", "role": "ghost"}], "constraints": []}'"#,
            ])
        func damagedDocument(document: String) async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresRoleStore(database: database)
                _ = try await store.apply(Self.changes, expecting: nil)
                try await schema.editByHand("UPDATE rbac_policy SET document = \(document)")
                await #expect(throws: PostgresStoreError.corruptedRecord) { try await store.policy() }
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.apply([.defineRole("other")], expecting: nil)
                }
                // The version still reads (checkers poll it), and is unchanged: the failed apply wrote nothing.
                #expect(try await store.version() == 1)
            }
        }

        @Test("A negative version is a corrupted record")
        func negativeVersion() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresRoleStore(database: database)
                _ = try await store.apply(Self.changes, expecting: nil)
                try await schema.editByHand("UPDATE rbac_policy SET version = -1")
                await #expect(throws: PostgresStoreError.corruptedRecord) { try await store.version() }
                await #expect(throws: PostgresStoreError.corruptedRecord) { try await store.policy() }
            }
        }
    }
}
