import CRMAuthStoreSupport
public import Foundation
import GRDB
public import LockoutPolicy

/// A `LockoutStore` (LockoutPolicy) in a ``SQLiteDatabase``: table `lockout_counters`, one row per
/// counter, keyed by dimension, account digest (the keyed HMAC `AccountDigest`, never what was typed)
/// and source prefix; bounded to ``capacity`` counters.
///
/// How each atomic requirement stays atomic across processes sharing the file:
/// - `admit` runs in one `BEGIN IMMEDIATE` transaction: SQLite's write lock is taken before the first
///   counter is read, so the read, the decision (`LockoutDecision`, the library's rules) and the write
///   of every key's `LockoutCounter.recordingFailure` happen with no other writer in between, in this
///   process or another. A thousand failures racing at one account through two connections are counted
///   1 through N once each, and exactly one of them starts the lock. A refused attempt writes nothing.
/// - `settleSuccess` is one `BEGIN IMMEDIATE` transaction: one `DELETE` per cleared key, then one
///   `UPDATE ... SET failures = MAX(failures - 1, 0), streak_failures = MAX(streak_failures - 1, 0)` per
///   refunded key (what `LockoutCounter.refundingFailure()` does).
/// - `clear` deletes the keys in one transaction; `removeExpired` is one `DELETE ... WHERE expires_at <= ?`
///   through an index on `expires_at` (administrator locks expire in `Date.distantFuture`, so they stay).
///
/// **Bound.** The table never holds more than ``capacity`` counters. A count kept by triggers in
/// `lockout_counter_total` lets `admit` know the size without a scan. When an admitted attempt needs new
/// counters and the table is full, the same transaction first removes expired counters, then, to leave a
/// sixteenth of the capacity free, unlocked counters (fewest streak failures first, then least recently
/// failed), then temporary locks (soonest ending first): the order of `InMemoryLockoutStore`.
/// Administrator locks and the keys being charged are never removed; if only they remain, `admit`
/// throws `LockoutError.capacityExceeded` and charges nothing.
///
/// A row that cannot be read back (a wrong type, a negative count, a flag neither 0 nor 1) throws
/// ``SQLiteStoreError/corruptedRecord`` naming its key (the redacted `LockoutKey` description), from
/// `counters(for:)` and from `admit` of an attempt charging that key, which then writes nothing: the
/// attempt is not admitted on a counter nobody can read (it fails closed) until an operator clears the
/// key. Other keys read and count as before; `clear`, `settleSuccess` and `removeExpired` remove the
/// row without reading it.
public final class SQLiteLockoutStore: LockoutStore {
    /// The default ``capacity``: one million counters.
    public static let defaultCapacity = 1_000_000

    /// The most counters the table holds.
    public let capacity: Int
    private let database: SQLiteDatabase

    /// A store over `database`'s `lockout_counters` table.
    /// - Parameters:
    ///   - database: the open database.
    ///   - capacity: the most counters kept, at least 16.
    public init(database: SQLiteDatabase, capacity: Int = SQLiteLockoutStore.defaultCapacity) {
        self.database = database
        self.capacity = max(16, capacity)
    }

    /// How many counters the table holds, expired ones included until they are removed.
    /// - Throws: GRDB's `DatabaseError` if the file cannot be read.
    public func count() async throws -> Int {
        try await database.pool.read { db in try Self.total(db) }
    }

    /// See `LockoutStore.admit(_:at:)`.
    public func admit(_ charges: [LockoutCharge], at instant: Date) async throws -> LockoutAdmission {
        let keys = charges.map { KeyColumns($0.key) }
        let now = instant.timeIntervalSinceReferenceDate
        let capacity = capacity
        return try await database.pool.writeWithoutTransaction { db in
            var admission = LockoutAdmission(admitted: false, counters: [])
            try db.inTransaction(.immediate) {
                var stored: [LockoutCounter?] = []
                var live: [LockoutCounter?] = []
                var admitted = true
                for (charge, key) in zip(charges, keys) {
                    let counter = try Self.counter(db, key, name: charge.key)
                    stored.append(counter)
                    let current = counter.flatMap { $0.expiresAt > instant ? $0 : nil }
                    live.append(current)
                    if admitted,
                        !LockoutDecision(
                            counter: current, rules: charge.rules, dimension: charge.key.dimension, at: instant
                        )
                        .isAllowed
                    {
                        admitted = false
                    }
                }
                guard admitted else {
                    admission = LockoutAdmission(admitted: false, counters: live)
                    return .commit
                }
                let missing = stored.count { $0 == nil }
                if missing > 0 { try Self.makeRoom(db, for: missing, capacity: capacity, at: now, keeping: keys) }
                var charged: [LockoutCounter?] = []
                for (position, charge) in charges.enumerated() {
                    let counter = LockoutCounter.recordingFailure(to: live[position], at: instant, rules: charge.rules)
                    charged.append(counter)
                    try Self.write(counter, db, keys[position], exists: stored[position] != nil)
                }
                admission = LockoutAdmission(admitted: true, counters: charged)
                return .commit
            }
            return admission
        }
    }

    /// See `LockoutStore.settleSuccess(clearing:refunding:)`.
    public func settleSuccess(clearing cleared: [LockoutKey], refunding refunded: [LockoutKey]) async throws {
        try await database.pool.writeWithoutTransaction { db in
            try db.inTransaction(.immediate) {
                for key in cleared { try Self.delete(db, KeyColumns(key)) }
                for key in refunded {
                    try db.cachedStatement(
                        sql: """
                            UPDATE lockout_counters
                            SET failures = MAX(failures - 1, 0), streak_failures = MAX(streak_failures - 1, 0)
                            WHERE \(KeyColumns.match)
                            """
                    ).execute(arguments: KeyColumns(key).arguments)
                }
                return .commit
            }
        }
    }

    /// See `LockoutStore.counters(for:)`.
    public func counters(for keys: [LockoutKey]) async throws -> [LockoutCounter?] {
        try await database.pool.read { db in
            try keys.map { key in try Self.counter(db, KeyColumns(key), name: key) }
        }
    }

    /// See `LockoutStore.clear(_:)`.
    public func clear(_ keys: [LockoutKey]) async throws {
        try await database.pool.write { db in
            for key in keys { try Self.delete(db, KeyColumns(key)) }
        }
    }

    /// See `LockoutStore.removeExpired(at:)`.
    public func removeExpired(at instant: Date) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM lockout_counters WHERE expires_at <= ?",
                arguments: [instant.timeIntervalSinceReferenceDate])
            return db.changesCount
        }
    }

    /// A key as its four columns.
    private struct KeyColumns: Hashable {
        let dimension: String
        let account: Data
        let family: Int64
        let value: Int64

        init(_ key: LockoutKey) {
            dimension = key.dimension.rawValue
            account = key.account.map { Data($0.bytes) } ?? Data()
            family = key.source.map { $0.isIPv6 ? 6 : 4 } ?? 0
            value = key.source.map { Int64(bitPattern: $0.value) } ?? 0
        }

        init(_ row: Row) {
            dimension = row["dimension"].flatMap { String.fromDatabaseValue($0.databaseValue) } ?? ""
            account = row["account"].flatMap { Data.fromDatabaseValue($0.databaseValue) } ?? Data()
            family = row["source_family"].flatMap { Int64.fromDatabaseValue($0.databaseValue) } ?? -1
            value = row["source_value"].flatMap { Int64.fromDatabaseValue($0.databaseValue) } ?? 0
        }

        static let match = "dimension = ? AND account = ? AND source_family = ? AND source_value = ?"

        var arguments: StatementArguments { [dimension, account, family, value] }
    }

    private static let counterColumns = """
        failures, streak_failures, last_failure, temporary_locks, locked_until, administrator_locked, expires_at
        """

    private static func counter(_ db: Database, _ key: KeyColumns, name: LockoutKey) throws -> LockoutCounter? {
        let statement = try db.cachedStatement(
            sql: "SELECT \(counterColumns) FROM lockout_counters WHERE \(KeyColumns.match)")
        guard let row = try Row.fetchOne(statement, arguments: key.arguments) else { return nil }
        return try counter(from: RowReader(row, record: "lockout_counters row \(name)"))
    }

    private static func counter(from reader: RowReader) throws(SQLiteStoreError) -> LockoutCounter {
        try LockoutCounter.stored(reader)
    }

    private static func write(_ counter: LockoutCounter, _ db: Database, _ key: KeyColumns, exists: Bool) throws {
        let values: StatementArguments = [
            Int64(counter.failures), Int64(counter.streakFailures), counter.lastFailure.timeIntervalSinceReferenceDate,
            Int64(counter.temporaryLocks), counter.lockedUntil?.timeIntervalSinceReferenceDate,
            counter.administratorLocked, counter.expiresAt.timeIntervalSinceReferenceDate,
        ]
        if exists {
            try db.cachedStatement(
                sql: """
                    UPDATE lockout_counters SET failures = ?, streak_failures = ?, last_failure = ?, temporary_locks = ?,
                        locked_until = ?, administrator_locked = ?, expires_at = ?
                    WHERE \(KeyColumns.match)
                    """
            ).execute(arguments: values + key.arguments)
        } else {
            try db.cachedStatement(
                sql: """
                    INSERT INTO lockout_counters (dimension, account, source_family, source_value, \(counterColumns))
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: key.arguments + values)
        }
    }

    private static func delete(_ db: Database, _ key: KeyColumns) throws {
        try db.cachedStatement(sql: "DELETE FROM lockout_counters WHERE \(KeyColumns.match)")
            .execute(arguments: key.arguments)
    }

    private static func total(_ db: Database) throws -> Int {
        let row = try Row.fetchOne(db, sql: "SELECT counters FROM lockout_counter_total WHERE id = 1")
        guard let row else { throw SQLiteStoreError(.corruptedRecord, "lockout_counter_total: the row is missing") }
        return Int(try RowReader(row, record: "lockout_counter_total row").integer("counters"))
    }

    /// Frees room for `needed` new counters (and a sixteenth of the capacity more, past the expired ones)
    /// in the caller's transaction, never removing `keeping`, or throws `capacityExceeded`.
    private static func makeRoom(
        _ db: Database, for needed: Int, capacity: Int, at now: Double, keeping: [KeyColumns]
    ) throws {
        guard try total(db) + needed > capacity else { return }
        let kept = Set(keeping)
        let keys = "dimension, account, source_family, source_value"
        // Expired counters first, except those being charged (their rows are updated in place).
        for row in try Row.fetchAll(
            db, sql: "SELECT \(keys) FROM lockout_counters WHERE expires_at <= ?", arguments: [now])
        where !kept.contains(KeyColumns(row)) {
            try delete(db, KeyColumns(row))
        }
        let target = capacity - capacity / 16 - needed
        let surplus = try total(db) - target
        if surplus > 0 {
            let candidates = try Row.fetchAll(
                db,
                sql: """
                    SELECT \(keys) FROM lockout_counters WHERE administrator_locked = 0
                    ORDER BY COALESCE(locked_until > :now, 0),
                        CASE WHEN COALESCE(locked_until > :now, 0) THEN locked_until ELSE streak_failures END,
                        last_failure
                    LIMIT :limit
                    """,
                arguments: ["now": now, "limit": surplus + keeping.count])
            for key in candidates.lazy.map(KeyColumns.init).filter({ !kept.contains($0) }).prefix(surplus) {
                try delete(db, key)
            }
        }
        guard try total(db) + needed <= capacity else {
            throw LockoutError(.capacityExceeded, "every counter is administrator-locked or being charged")
        }
    }
}
