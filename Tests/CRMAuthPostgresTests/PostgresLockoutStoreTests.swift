import AuthCore
import CRMAuthPostgres
import CRMAuthTesting
import Foundation
import LockoutPolicy
import Testing

extension PostgreSQLTests {
    @Suite("PostgresLockoutStore")
    struct PostgresLockoutStoreTests {
        @Test("keeps the LockoutStore contract", arguments: LockoutStoreConformance.Check.allCases)
        func conformance(check: LockoutStoreConformance.Check) async throws {
            try await TemporarySchema.with { _, database in
                try await LockoutStoreConformance { _ in PostgresLockoutStore(database: database) }.run(check)
            }
        }

        @Test("keeps the LockoutStore contract on two servers", arguments: LockoutStoreConformance.Check.allCases)
        func twoServers(check: LockoutStoreConformance.Check) async throws {
            try await TemporarySchema.with { schema, database in
                let other = try await schema.open()
                let servers = TwoServers([
                    PostgresLockoutStore(database: database), PostgresLockoutStore(database: other),
                ])
                do {
                    try await LockoutStoreConformance { _ in servers }.run(check)
                } catch {
                    await other.close()
                    throw error
                }
                await other.close()
            }
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

        @Test("1,000 failures racing at one account through two servers: counted 1 to 100 once each, one lock")
        func thousandRacersTwoServers() async throws {
            try await TemporarySchema.with { schema, _ in
                // A thousand calls queue for 2 × 20 connections; give the queue time beyond the default.
                var configuration = schema.configuration
                configuration.requestTimeout = 120
                let first = try await PostgresAuthDatabase(configuration: configuration)
                let second = try await PostgresAuthDatabase(configuration: configuration)
                let servers = TwoServers([
                    PostgresLockoutStore(database: first), PostgresLockoutStore(database: second),
                ])
                let rules = try Self.rules(threshold: 100)
                let key = LockoutKey.account(try Self.account(1))
                let charge = LockoutCharge(key: key, rules: rules)
                let outcome: Result<([LockoutAdmission], LockoutCounter?, Int), any Error>
                do {
                    let admissions = try await withThrowingTaskGroup(of: LockoutAdmission.self) { group in
                        for _ in 0..<1_000 { group.addTask { try await servers.admit([charge], at: Self.start) } }
                        return try await group.reduce(into: []) { $0.append($1) }
                    }
                    outcome = .success(
                        (admissions, try await servers.counters(for: [key])[0], try await servers.any.count()))
                } catch {
                    outcome = .failure(error)
                }
                await first.close()
                await second.close()
                let (admissions, stored, total) = try outcome.get()
                let admitted = admissions.filter(\.admitted).compactMap { $0.counters[0] }
                #expect(admitted.count == 100)
                #expect(admitted.map(\.streakFailures).sorted() == Array(1...100), "each count seen exactly once")
                #expect(admitted.filter { $0.temporaryLocks == 1 }.count == 1, "exactly one attempt starts the lock")
                #expect(admissions.count { !$0.admitted } == 900)
                #expect(stored?.streakFailures == 100)
                #expect(stored?.failures == 0, "the lock restarted the count")
                #expect(stored?.temporaryLocks == 1)
                #expect(stored?.lockedUntil == Self.start.addingTimeInterval(60))
                #expect(total == 1, "one counter, inserted once")
            }
        }

        @Test("Refused and racing first failures on new keys leave the count exact")
        func countFollowsChanges() async throws {
            try await TemporarySchema.with { schema, database in
                let other = try await schema.open()
                let servers = TwoServers([
                    PostgresLockoutStore(database: database), PostgresLockoutStore(database: other),
                ])
                let store = PostgresLockoutStore(database: database)
                let outcome: Result<[Int], any Error>
                do {
                    let rules = try Self.rules(threshold: 1)
                    let keys = try (0..<20).map { LockoutKey.account(try Self.account($0)) }
                    // Every racer charges one shared key and one new key: one is admitted, the rest are
                    // refused and must leave no counter behind for their new key.
                    let shared = LockoutKey.source(SourcePrefix(ipv4: 0x0A00_0001))
                    try await withThrowingTaskGroup(of: Void.self) { group in
                        for key in keys {
                            group.addTask {
                                _ = try await servers.admit(
                                    [LockoutCharge(key: shared, rules: rules), LockoutCharge(key: key, rules: rules)],
                                    at: Self.start)
                            }
                        }
                        try await group.waitForAll()
                    }
                    let present = try await store.counters(for: keys).count { $0 != nil }
                    var counts = [present, try await store.count()]
                    try await servers.settleSuccess(clearing: [shared], refunding: keys)
                    counts.append(try await store.count())
                    counts.append(try await servers.removeExpired(at: Self.start.addingTimeInterval(1_000_000)))
                    counts.append(try await store.count())
                    outcome = .success(counts)
                } catch {
                    outcome = .failure(error)
                }
                await other.close()
                #expect(try outcome.get() == [1, 2, 1, 1, 0])
            }
        }

        @Test(
            "Admissions, settlements, clears and purges racing over shared keys on two servers: no deadlock, exact count"
        )
        func racingOperations() async throws {
            try await TemporarySchema.with { schema, database in
                let other = try await schema.open()
                let servers = TwoServers([
                    PostgresLockoutStore(database: database), PostgresLockoutStore(database: other),
                ])
                let outcome: Result<(Int, Int, Int), any Error>
                do {
                    let rules = try Self.rules(threshold: 100)
                    let accounts = try (0..<4).map { LockoutKey.account(try Self.account($0)) }
                    let sources = (0..<3).map { LockoutKey.source(SourcePrefix(ipv4: 0x0A00_0000 + UInt32($0))) }
                    let all = accounts + sources
                    let admitted = try await withThrowingTaskGroup(of: Int.self) { group in
                        for racer in 0..<200 {
                            group.addTask {
                                switch racer % 10 {
                                case 0:
                                    try await servers.clear([all[racer % 7], all[(racer + 3) % 7]])
                                    return 0
                                case 1:
                                    try await servers.settleSuccess(
                                        clearing: [all[(racer + 1) % 7]],
                                        refunding: [all[(racer + 5) % 7], all[racer % 7]])
                                    return 0
                                case 2:
                                    _ = try await servers.removeExpired(at: Self.start + 700)
                                    return 0
                                default:
                                    // Each racer lists its keys in its own order.
                                    var keys = [accounts[racer % 4], sources[racer % 3]]
                                    if (racer / 4) % 4 != racer % 4 { keys.append(accounts[(racer / 4) % 4]) }
                                    if racer % 2 == 1 { keys.reverse() }
                                    let admission = try await servers.admit(
                                        keys.map { LockoutCharge(key: $0, rules: rules) },
                                        at: Self.start)
                                    return admission.admitted ? 1 : 0
                                }
                            }
                        }
                        return try await group.reduce(0, +)
                    }
                    let present = try await servers.counters(for: all).count { $0 != nil }
                    outcome = .success((admitted, present, try await servers.any.count()))
                } catch {
                    outcome = .failure(error)
                }
                await other.close()
                let (admitted, present, total) = try outcome.get()
                #expect(admitted == 140, "no key reaches the threshold of 100: every failure is admitted")
                #expect(total == present, "the total counts exactly the counters left")
            }
        }

        @Test("A full store drops the least important counters first, never the ones being charged, and stays bounded")
        func bounded() async throws {
            try await TemporarySchema.with { _, database in
                let store = PostgresLockoutStore(database: database, capacity: 16)
                let rules = try Self.rules(threshold: 10)
                // One counter with three failures, fifteen with one, oldest first.
                let heavy = LockoutKey.account(try Self.account(0))
                for second in 0..<3 {
                    _ = try await store.admit(
                        [LockoutCharge(key: heavy, rules: rules)], at: Self.start + Double(second))
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
                    for: [
                        heavy, .account(try Self.account(1)), .account(try Self.account(2)),
                        .account(try Self.account(3)),
                    ])
                #expect(read[0]?.streakFailures == 3, "the counter with most failures stays")
                #expect(read[1] == nil && read[2] == nil, "the least recently failed single failures go first")
                #expect(read[3] != nil)
                // Once every counter has expired, a full store removes them before anything else.
                let later = Self.start + 10_000
                for number in 100..<117 {
                    _ = try await store.admit(
                        [LockoutCharge(key: .account(try Self.account(number)), rules: rules)], at: later)
                }
                #expect(try await store.count() <= 16)
                #expect(try await store.counters(for: [heavy])[0] == nil, "expired counters were removed to make room")
            }
        }

        @Test("A store full of administrator locks refuses a new counter and charges nothing")
        func capacityExceeded() async throws {
            try await TemporarySchema.with { _, database in
                let store = PostgresLockoutStore(database: database, capacity: 16)
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
        }

        @Test("A count edited by hand is corrected when the store next makes room")
        func countCorrected() async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresLockoutStore(database: database, capacity: 16)
                let rules = try Self.rules(threshold: 10)
                for number in 0..<4 {
                    _ = try await store.admit(
                        [LockoutCharge(key: .account(try Self.account(number)), rules: rules)], at: Self.start)
                }
                try await schema.editByHand("UPDATE lockout_counter_total SET counters = 16")
                #expect(
                    try await store.admit(
                        [LockoutCharge(key: .account(try Self.account(9)), rules: rules)], at: Self.start
                    ).admitted)
                #expect(try await store.count() == 5)
                #expect(try await store.counters(for: [.account(try Self.account(0))])[0] != nil, "nothing was dropped")
            }
        }

        @Test(
            "A damaged counter is a corrupted record for that key only; its attempt is not admitted; clearing removes it",
            arguments: ["failures = -1", "streak_failures = -2", "temporary_locks = -3"])
        func corruptedCounter(edit: String) async throws {
            try await TemporarySchema.with { schema, database in
                let store = PostgresLockoutStore(database: database)
                let rules = try Self.rules(threshold: 5)
                let damaged = LockoutKey.account(try Self.account(1))
                let intact = LockoutKey.account(try Self.account(2))
                let source = LockoutKey.source(SourcePrefix(ipv6Network: 0x2001_0DB8_0000_0007))
                for key in [damaged, intact] {
                    _ = try await store.admit(
                        [LockoutCharge(key: key, rules: rules), LockoutCharge(key: source, rules: rules)],
                        at: Self.start)
                }
                try await schema.editByHand(
                    """
                    UPDATE lockout_counters SET \(edit)
                    WHERE account = '\\x\(String(repeating: "00", count: 7))01\(String(repeating: "07", count: 24))'
                    """)
                await #expect(throws: PostgresStoreError.corruptedRecord) { try await store.counters(for: [damaged]) }
                await #expect(throws: PostgresStoreError.corruptedRecord) {
                    try await store.admit(
                        [LockoutCharge(key: source, rules: rules), LockoutCharge(key: damaged, rules: rules)],
                        at: Self.start + 1)
                }
                // The failed admission charged nothing, not even the readable source counter.
                #expect(try await store.counters(for: [source])[0]?.failures == 2)
                #expect(try await store.counters(for: [intact])[0]?.failures == 1)
                try await store.clear([damaged])
                #expect(try await store.admit([LockoutCharge(key: damaged, rules: rules)], at: Self.start + 2).admitted)
                #expect(try await store.count() == 3)
            }
        }
    }
}
