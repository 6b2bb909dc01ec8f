import AuthCore
import Foundation
import RBAC
import Testing

@Suite("Policy documents")
struct PolicyDocumentTests {
    static func decode(_ text: String) throws -> RolePolicy { try PolicyDocument.decode(Data(text.utf8)) }

    @Test("the CRM example survives encoding and decoding")
    func roundTrip() throws {
        let data = PolicyDocument.encode(CRMExample.policy)
        #expect(try PolicyDocument.decode(data) == CRMExample.policy)
        #expect(PolicyDocument.encode(try PolicyDocument.decode(data)) == data, "encoding is deterministic")
        #expect(String(decoding: data, as: UTF8.self).contains("\"formatVersion\" : 1"))
    }

    @Test("defaults: scope any, no tenant")
    func defaults() throws {
        let policy = try Self.decode(
            #"{"formatVersion": 1, "roles": ["rep"], "rules": [{"role": "rep", "effect": "allow", "permission": "leads:read"}], "assignments": [{"user": "ada", "role": "rep"}]}"#
        )
        #expect(policy.rules.first?.scope == .any)
        #expect(policy.rules.first?.tenant == nil)
        #expect(policy.assignments.first?.tenant == nil, "an assignment without tenant is a platform role")
    }

    @Test(
        "malformed documents name the place",
        arguments: [
            ("{", RBACError.malformedDocument, "$"),
            ("[]", .malformedDocument, "$"),
            (#"{"roles": []}"#, .malformedDocument, "$.formatVersion"),
            (#"{"formatVersion": 2}"#, .unsupportedFormatVersion, "$.formatVersion"),
            (#"{"formatVersion": true}"#, .malformedDocument, "$.formatVersion"),
            (#"{"formatVersion": 1.5}"#, .malformedDocument, "$.formatVersion"),
            (#"{"formatVersion": 1, "role": []}"#, .malformedDocument, "$.role"),
            (#"{"formatVersion": 1, "roles": ["a", "a"]}"#, .malformedDocument, "$.roles[1]"),
            (#"{"formatVersion": 1, "roles": ["a", ""]}"#, .malformedDocument, "$.roles[1]"),
            (
                #"{"formatVersion": 1, "roles": ["a"], "rules": [{"role": "a", "effect": "allow", "permission": "x:y"}, {"role": "a", "effect": "allow", "permission": "x:*y"}]}"#,
                .malformedDocument, "$.rules[1].permission"
            ),
            (
                #"{"formatVersion": 1, "roles": ["a"], "rules": [{"role": "a", "effect": "permit", "permission": "x:y"}]}"#,
                .malformedDocument, "$.rules[0].effect"
            ),
            (
                #"{"formatVersion": 1, "roles": ["a"], "rules": [{"role": "a", "effect": "allow", "permission": "x:y", "tennant": "acme"}]}"#,
                .malformedDocument, "$.rules[0].tennant"
            ),
            (
                #"{"formatVersion": 1, "roles": ["a"], "rules": [{"role": "b", "effect": "allow", "permission": "x:y"}]}"#,
                .unknownRole, "$.rules[0].role"
            ),
            (
                #"{"formatVersion": 1, "roles": ["a"], "inheritance": [{"role": "a"}]}"#, .malformedDocument,
                "$.inheritance[0].inherits"
            ),
            (
                #"{"formatVersion": 1, "roles": ["a"], "assignments": [{"role": "a"}]}"#, .malformedDocument,
                "$.assignments[0].user"
            ),
            (
                #"{"formatVersion": 1, "roles": ["a", "b"], "constraints": [{"id": "c", "kind": "static", "roles": ["a", "b"], "cardinality": "2"}]}"#,
                .malformedDocument, "$.constraints[0].cardinality"
            ),
            (
                #"{"formatVersion": 1, "roles": ["a", "b"], "inheritance": [{"role": "a", "inherits": "b"}, {"role": "b", "inherits": "a"}]}"#,
                .cycle, "a -> b -> a"
            ),
        ])
    func malformed(text: String, expected: RBACError, place: String) throws {
        let error = try #require(throws: expected) { try Self.decode(text) }
        #expect(error.reason.contains(place), "\(error.reason)")
    }

    @Test("importing into a store is all or nothing")
    func importAtomic() async throws {
        let store = try InMemoryRoleStore(policy: CRMExample.policy)
        var broken = CRMExample.policy
        broken.assignments.insert(RoleAssignment(user: "fin", role: "finance-approver", tenant: "acme"))
        await #expect(throws: RBACError.staticSeparationOfDuty) { try await store.replacePolicy(with: broken) }
        #expect(try await store.policy() == VersionedPolicy(policy: CRMExample.policy, version: 0))
        var edited = CRMExample.policy
        try edited.apply([.removeRole("partner")])
        #expect(try await store.replacePolicy(with: edited) == 1)
        #expect(try await store.policy().policy == edited)
        #expect(try await store.replacePolicy(with: edited) == 1, "an unchanged import changes nothing")
    }
}
