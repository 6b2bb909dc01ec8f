import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import TOTP
import Testing

@Suite("SQLiteTOTPStore")
struct SQLiteTOTPStoreTests {
    @Test("keeps the TOTPStore contract", arguments: TOTPStoreConformance.Check.allCases)
    func conformance(check: TOTPStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        try await TOTPStoreConformance { _ in SQLiteTOTPStore(database: temporary.database) }.run(check)
    }

    @Test("a step of the wrong type, written past STRICT, is a corrupted-record error for that user only")
    func wrongType() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteTOTPStore(database: temporary.database)
        #expect(try await store.markStepUsed(userID: "ana", step: 100))
        #expect(try await store.markStepUsed(userID: "bo", step: 100))
        try temporary.dropStrict("totp_steps")
        try temporary.editByHand("UPDATE totp_steps SET last = 'late' WHERE user_id = 'ana'")
        let reopened = try SQLiteDatabase(path: temporary.path)
        defer { try? reopened.close() }
        let store2 = SQLiteTOTPStore(database: reopened)
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store2.lastUsedStep(userID: "ana") }
        // Text sorts after every integer, so the conditional upsert changes nothing: an error, not a silent
        // refusal of every code.
        await #expect(throws: SQLiteStoreError.corruptedRecord) {
            try await store2.markStepUsed(userID: "ana", step: 101)
        }
        #expect(try await store2.lastUsedStep(userID: "bo") == 100)
        #expect(try await store2.markStepUsed(userID: "bo", step: 101))
        try await store2.removeSteps(userID: "ana")
        #expect(try await store2.markStepUsed(userID: "ana", step: 101))
    }
}
