import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import TOTP
import Testing

@Suite("SQLiteRecoveryCodeStore")
struct SQLiteRecoveryCodeStoreTests {
    @Test("keeps the RecoveryCodeStore contract", arguments: RecoveryCodeStoreConformance.Check.allCases)
    func conformance(check: RecoveryCodeStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        try await RecoveryCodeStoreConformance { _ in SQLiteRecoveryCodeStore(database: temporary.database) }.run(check)
    }

    @Test("a damaged digest is a corrupted-record error for that user only, never counted")
    func damagedDigest() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteRecoveryCodeStore(database: temporary.database)
        let codes = try (1...3).map { try RecoveryCodeDigest(bytes: [UInt8](repeating: $0, count: 32)) }
        try await store.replaceCodes(userID: "ana", digests: codes)
        try await store.replaceCodes(userID: "bo", digests: codes)
        try temporary.editByHand(
            "UPDATE recovery_codes SET digest = substr(digest, 1, 16) WHERE user_id = 'ana' AND digest = x'\(String(repeating: "01", count: 32))'"
        )
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.remainingCodes(userID: "ana") }
        #expect(try await store.remainingCodes(userID: "bo") == 3)
        // The damaged code never matches; the intact ones still redeem once.
        #expect(try await store.consumeCode(userID: "ana", digest: codes[0]) == false)
        #expect(try await store.consumeCode(userID: "ana", digest: codes[1]))
        #expect(try await store.consumeCode(userID: "ana", digest: codes[1]) == false)
        // Regenerating clears the damaged row with the rest.
        try await store.replaceCodes(userID: "ana", digests: [codes[2]])
        #expect(try await store.remainingCodes(userID: "ana") == 1)
    }

    @Test("only the digests are stored")
    func digestsOnly() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteRecoveryCodeStore(database: temporary.database)
        let codes = try RecoveryCode.generate()
        try await store.replaceCodes(userID: "ana", digests: codes.map(\.digest))
        #expect(try await store.remainingCodes(userID: "ana") == codes.count)
        let file =
            try Data(contentsOf: URL(fileURLWithPath: temporary.path))
            + ((try? Data(contentsOf: URL(fileURLWithPath: temporary.path + "-wal"))) ?? Data())
        for code in codes {
            #expect(file.range(of: Data(code.revealedText.utf8)) == nil)
            #expect(file.range(of: Data(code.digest.bytes)) != nil)
        }
    }
}
