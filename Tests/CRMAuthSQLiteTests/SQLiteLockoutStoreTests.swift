import AuthCore
import CRMAuthSQLite
import CRMAuthTesting
import Foundation
import LockoutPolicy
import Testing

@Suite("SQLiteLockoutStore")
struct SQLiteLockoutStoreTests {
    @Test("keeps the LockoutStore contract", arguments: LockoutStoreConformance.Check.allCases)
    func conformance(check: LockoutStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        try await LockoutStoreConformance { _ in SQLiteLockoutStore(database: temporary.database) }.run(check)
    }

    @Test(
        "keeps the LockoutStore contract on two connections to one file",
        arguments: LockoutStoreConformance.Check.allCases)
    func twoServers(check: LockoutStoreConformance.Check) async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLiteLockoutStore(database: $0) }
        try await LockoutStoreConformance { _ in servers }.run(check)
    }

    static let start = Date(timeIntervalSinceReferenceDate: 800_000_000)

    static func rules(threshold: Int, administratorAfter: Int? = nil) throws -> CounterRules {
        try CounterRules(
            threshold: threshold, failureWindow: 600, freeFailures: threshold, firstDelay: 0, maximumDelay: 0,
            firstLockDuration: 60, maximumLockDuration: 480, administratorLockAfter: administratorAfter,
            lockMemory: 86_400)
    }

    static func account(_ number: Int) throws -> AccountDigest {
        try AccountDigest(
            bytes: withUnsafeBytes(of: UInt64(number).bigEndian) { Array($0) } + [UInt8](repeating: 7, count: 24))
    }

    @Test("1,000 failures racing at one account through two connections: counted 1 to 100 once each, one lock")
    func thousandRacersTwoServers() async throws {
        let temporary = try TemporaryDatabase()
        let servers = try TwoServers(temporary) { SQLiteLockoutStore(database: $0) }
        let rules = try Self.rules(threshold: 100)
        let key = LockoutKey.account(try Self.account(1))
        let charge = LockoutCharge(key: key, rules: rules)
        let admissions = try await withThrowingTaskGroup(of: LockoutAdmission.self) { group in
            for _ in 0..<1_000 { group.addTask { try await servers.admit([charge], at: Self.start) } }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        let admitted = admissions.filter(\.admitted).compactMap { $0.counters[0] }
        #expect(admitted.count == 100)
        #expect(admitted.map(\.streakFailures).sorted() == Array(1...100), "each count seen exactly once")
        #expect(admitted.filter { $0.temporaryLocks == 1 }.count == 1, "exactly one attempt starts the lock")
        #expect(admissions.count { !$0.admitted } == 900)
        let stored = try #require(try await servers.counters(for: [key])[0])
        #expect(stored.streakFailures == 100)
        #expect(stored.temporaryLocks == 1)
        #expect(stored.lockedUntil == Self.start.addingTimeInterval(60))
    }

    @Test("a full store drops the least important counters first, never the ones being charged, and stays bounded")
    func bounded() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteLockoutStore(database: temporary.database, capacity: 16)
        let rules = try Self.rules(threshold: 10)
        // One counter with three failures, fifteen with one, oldest first.
        let heavy = LockoutKey.account(try Self.account(0))
        for second in 0..<3 {
            _ = try await store.admit([LockoutCharge(key: heavy, rules: rules)], at: Self.start + Double(second))
        }
        for number in 1...15 {
            let key = LockoutKey.account(try Self.account(number))
            _ = try await store.admit([LockoutCharge(key: key, rules: rules)], at: Self.start + Double(number))
        }
        #expect(try await store.count() == 16)
        let newcomer = LockoutKey.pair(try Self.account(99), SourcePrefix(ipv4: 0x0A00_0001))
        let admission = try await store.admit([LockoutCharge(key: newcomer, rules: rules)], at: Self.start + 20)
        #expect(admission.admitted)
        // Room for the newcomer and a sixteenth of the capacity: the two oldest single failures left.
        #expect(try await store.count() == 15)
        let read = try await store.counters(
            for: [heavy, .account(try Self.account(1)), .account(try Self.account(2)), .account(try Self.account(3))])
        #expect(read[0]?.streakFailures == 3, "the counter with most failures stays")
        #expect(read[1] == nil && read[2] == nil, "the least recently failed single failures go first")
        #expect(read[3] != nil)
        // Once every counter has expired, a full store removes them before anything else.
        let later = Self.start + 10_000
        for number in 100..<117 {
            _ = try await store.admit([LockoutCharge(key: .account(try Self.account(number)), rules: rules)], at: later)
        }
        #expect(try await store.count() <= 16)
        #expect(try await store.counters(for: [heavy])[0] == nil, "expired counters were removed to make room")
    }

    @Test("a store full of administrator locks refuses a new counter and charges nothing")
    func capacityExceeded() async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteLockoutStore(database: temporary.database, capacity: 16)
        let rules = try Self.rules(threshold: 1, administratorAfter: 1)
        for number in 0..<16 {
            let admission = try await store.admit(
                [LockoutCharge(key: .account(try Self.account(number)), rules: rules)], at: Self.start)
            #expect(admission.counters[0]?.administratorLocked == true)
        }
        let newcomer = LockoutKey.account(try Self.account(16))
        await #expect(throws: LockoutError.capacityExceeded) {
            try await store.admit([LockoutCharge(key: newcomer, rules: rules)], at: Self.start + 1)
        }
        #expect(try await store.counters(for: [newcomer])[0] == nil)
        #expect(try await store.count() == 16)
    }

    @Test(
        "a damaged counter is a corrupted record for that key only; its attempt is not admitted; clearing removes it",
        arguments: [
            "failures = -1", "administrator_locked = 2", "temporary_locks = -3",
        ])
    func corruptedCounter(edit: String) async throws {
        let temporary = try TemporaryDatabase()
        let store = SQLiteLockoutStore(database: temporary.database)
        let rules = try Self.rules(threshold: 5)
        let damaged = LockoutKey.account(try Self.account(1))
        let intact = LockoutKey.account(try Self.account(2))
        let source = LockoutKey.source(SourcePrefix(ipv6Network: 0x2001_0DB8_0000_0007))
        for key in [damaged, intact] {
            _ = try await store.admit(
                [LockoutCharge(key: key, rules: rules), LockoutCharge(key: source, rules: rules)], at: Self.start)
        }
        try temporary.editByHand(
            "UPDATE lockout_counters SET \(edit) WHERE account = x'\(String(repeating: "00", count: 7))01\(String(repeating: "07", count: 24))'"
        )
        await #expect(throws: SQLiteStoreError.corruptedRecord) { try await store.counters(for: [damaged]) }
        await #expect(throws: SQLiteStoreError.corruptedRecord) {
            try await store.admit(
                [LockoutCharge(key: source, rules: rules), LockoutCharge(key: damaged, rules: rules)],
                at: Self.start + 1)
        }
        // The failed admission charged nothing, not even the readable source counter.
        #expect(try await store.counters(for: [source])[0]?.failures == 2)
        #expect(try await store.counters(for: [intact])[0]?.failures == 1)
        try await store.clear([damaged])
        #expect(try await store.admit([LockoutCharge(key: damaged, rules: rules)], at: Self.start + 2).admitted)
    }
}
