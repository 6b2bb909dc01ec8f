import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import GRDB
import TOTP
import Testing

@Suite("SQLiteHOTPCounterStore")
struct SQLiteHOTPCounterStoreTests {
    @Test("keeps the HOTPCounterStore contract", arguments: HOTPCounterStoreConformance.Check.allCases)
    func conformance(check: HOTPCounterStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        try await HOTPCounterStoreConformance { _ in SQLiteHOTPCounterStore(database: temporary.database) }.run(check)
    }

    @Test("counters are stored order-preservingly: 0 as Int64.min, 2^63 as 0, UInt64.max as Int64.max")
    func storedForm() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteHOTPCounterStore(database: temporary.database)
        for (user, counter) in [("a", UInt64.zero), ("b", UInt64(1) << 63), ("c", UInt64.max)] {
            #expect(try await store.advanceCounter(userID: UserID(user), to: counter))
        }
        let queue = try DatabaseQueue(path: temporary.path)
        defer { try? queue.close() }
        let stored = try await queue.read { db in
            try Int64.fetchAll(db, sql: "SELECT last FROM hotp_counters ORDER BY user_id")
        }
        #expect(stored == [Int64.min, 0, Int64.max])
    }

    @Test("a counter of the wrong type, written past STRICT, is a corrupted-record error for that user only")
    func wrongType() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteHOTPCounterStore(database: temporary.database)
        #expect(try await store.advanceCounter(userID: "ana", to: 5))
        #expect(try await store.advanceCounter(userID: "bo", to: 5))
        try temporary.dropStrict("hotp_counters")
        try temporary.editByHand("UPDATE hotp_counters SET last = x'00' WHERE user_id = 'ana'")
        let reopened = try SQLiteDatabase(path: temporary.path)
        defer { try? reopened.close() }
        let store2 = SQLiteHOTPCounterStore(database: reopened)
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store2.lastAcceptedCounter(userID: "ana") }
        await #expect(throws: SQLiteStoreError.corruptedRecord) {
            try await store2.advanceCounter(userID: "ana", to: 6)
        }
        #expect(try await store2.lastAcceptedCounter(userID: "bo") == 5)
        try await store2.removeCounter(userID: "ana")
        #expect(try await store2.advanceCounter(userID: "ana", to: 6))
    }
}
