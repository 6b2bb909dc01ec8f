import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import TOTP
import Testing

@Suite("SQLiteTOTPEnrollmentStore")
struct SQLiteTOTPEnrollmentStoreTests {
    @Test("keeps the TOTPEnrollmentStore contract", arguments: TOTPEnrollmentStoreConformance.Check.allCases)
    func conformance(check: TOTPEnrollmentStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        try await TOTPEnrollmentStoreConformance { _ in SQLiteTOTPEnrollmentStore(database: temporary.database) }
            .run(check)
    }

    /// A real sealed secret: what TOTPEnrollment hands the store.
    static func sealed(for user: UserID) throws -> SealedOTPSecret {
        let ring = try KeyRing(current: SealingKey(id: "k1", material: [UInt8](repeating: 7, count: 32)))
        return try OTPSecret.generate().sealed(with: ring, userID: user)
    }

    @Test("a truncated sealed secret is a corrupted-record error for that user only")
    func truncatedSecret() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteTOTPEnrollmentStore(database: temporary.database)
        let created = Date(timeIntervalSinceReferenceDate: 1000.125)
        let anaSecret = try Self.sealed(for: "ana")
        let boSecret = try Self.sealed(for: "bo")
        #expect(try await store.savePending(userID: "ana", secret: anaSecret, createdAt: created))
        #expect(try await store.activate(userID: "ana", pending: anaSecret))
        #expect(try await store.savePending(userID: "bo", secret: boSecret, createdAt: created))
        #expect(try await store.savePending(userID: "cy", secret: boSecret, createdAt: created))

        try temporary.editByHand("UPDATE totp_enrollments SET active = substr(active, 1, 40) WHERE user_id = 'ana'")
        try temporary.editByHand("UPDATE totp_enrollments SET pending = substr(pending, 2) WHERE user_id = 'bo'")
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.active(userID: "ana") }
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.pending(userID: "bo") }
        // The compare-and-swaps never match the damaged value; the others read.
        #expect(try await store.removeActive(userID: "ana", expected: anaSecret) == false)
        #expect(try await store.activate(userID: "bo", pending: boSecret) == false)
        #expect(try await store.pending(userID: "cy") == PendingOTPSecret(secret: boSecret, createdAt: created))
        #expect(try await store.active(userID: "bo") == nil)
        // An operator's reset removes the damaged row without reading it.
        try await store.remove(userID: "ana")
        #expect(try await store.active(userID: "ana") == nil)
        #expect(try await store.savePending(userID: "ana", secret: anaSecret, createdAt: created))
    }

    @Test("a value of the wrong type is a corrupted-record error")
    func wrongType() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteTOTPEnrollmentStore(database: temporary.database)
        let secret = try Self.sealed(for: "ana")
        #expect(
            try await store.savePending(
                userID: "ana", secret: secret, createdAt: Date(timeIntervalSinceReferenceDate: 5)))
        #expect(
            try await store.savePending(
                userID: "bo", secret: secret, createdAt: Date(timeIntervalSinceReferenceDate: 5)))
        try temporary.dropStrict("totp_enrollments")
        try temporary.editByHand(
            "UPDATE totp_enrollments SET pending_created_at = 'now', active_length = 3 WHERE user_id = 'ana'")
        try temporary.editByHand("UPDATE totp_enrollments SET pending = 'text' WHERE user_id = 'bo'")
        let reopened = try SQLiteDatabase(path: temporary.path)
        defer { try? reopened.close() }
        let store2 = SQLiteTOTPEnrollmentStore(database: reopened)
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store2.pending(userID: "ana") }
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store2.pending(userID: "bo") }
    }

    @Test("an empty sealed value is stored as empty bytes, not as nothing")
    func emptySecret() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteTOTPEnrollmentStore(database: temporary.database)
        let empty = SealedOTPSecret(bytes: [])
        #expect(
            try await store.savePending(
                userID: "ana", secret: empty, createdAt: Date(timeIntervalSinceReferenceDate: 0)))
        #expect(try await store.pending(userID: "ana")?.secret == empty)
        #expect(try await store.activate(userID: "ana", pending: empty))
        #expect(try await store.active(userID: "ana") == empty)
        #expect(try await store.removeActive(userID: "ana", expected: empty))
    }
}
