import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import RBAC
import Testing

@Suite("SQLiteRoleStore")
struct SQLiteRoleStoreTests {
    @Test("keeps the RoleStore contract", arguments: RoleStoreConformance.Check.allCases)
    func conformance(check: RoleStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        try await RoleStoreConformance { _ in SQLiteRoleStore(database: temporary.database) }.run(check)
    }

    @Test("keeps the RoleStore contract on two connections to one file", arguments: RoleStoreConformance.Check.allCases)
    func twoServers(check: RoleStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLiteRoleStore(database: $0) }
        try await RoleStoreConformance { _ in servers }.run(check)
    }

    static let changes: [PolicyChange] = [
        .defineRole("sales-rep"),
        .assign(RoleAssignment(user: "ada", role: "sales-rep", tenant: "acme")),
    ]

    @Test("the policy survives reopening the file, at its version")
    func reopened() async throws {
        let temporary = try TemporaryDatabase()
        let rule = PolicyRule(
            role: "sales-rep", effect: .allow, permissions: try PermissionPattern("leads:edit"), tenant: "acme")
        #expect(
            try await SQLiteRoleStore(database: temporary.database).apply(Self.changes + [.addRule(rule)], expecting: 0)
                == 1)
        let reopened = try SQLiteDatabase(path: temporary.path)
        defer { try? reopened.close() }
        let read = try await SQLiteRoleStore(database: reopened).policy()
        #expect(read.version == 1)
        #expect(read.policy.roles == ["sales-rep"])
        #expect(read.policy.rules == [rule])
        #expect(read.policy.assignments == [RoleAssignment(user: "ada", role: "sales-rep", tenant: "acme")])
    }

    @Test(
        "a damaged document is a corrupted record: policy and apply fail, nothing is emptied",
        arguments: [
            "'not json'", "'{}'", "CAST(x'7bff7d' AS TEXT)",
            #"'{"formatVersion": 1, "roles": [], "rules": [], "inheritance": [], "assignments": [{"user": "ada", "role": "ghost"}], "constraints": []}'"#,
        ])
    func damagedDocument(document: String) async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteRoleStore(database: temporary.database)
        _ = try await store.apply(Self.changes, expecting: nil)
        try temporary.editByHand("UPDATE rbac_policy SET document = \(document)")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.policy() }
        await #expect(throws: SQLiteStoreError.corruptedRecord) {
            try await store.apply([.defineRole("other")], expecting: nil)
        }
        // The version still reads (checkers poll it), and is unchanged: the failed apply wrote nothing.
        #expect(try await store.version() == 1)
    }

    @Test("a negative version is a corrupted record")
    func negativeVersion() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteRoleStore(database: temporary.database)
        _ = try await store.apply(Self.changes, expecting: nil)
        try temporary.editByHand("UPDATE rbac_policy SET version = -1")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.version() }
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.policy() }
    }
}
