import CRMAuthStoreSupport
public import Foundation
public import LockoutPolicy
import PostgresNIO

/// A `LockoutStore` (LockoutPolicy) in a ``PostgresAuthDatabase``: table `lockout_counters`, one row per
/// counter, keyed by dimension, account digest (the keyed HMAC `AccountDigest`, never what was typed)
/// and source prefix; bounded to ``capacity`` counters.
///
/// How each atomic requirement stays atomic across every server sharing the database (each call is one
/// transaction under `READ COMMITTED`):
/// - `admit` first locks every charged key's row, one key after another in one fixed order (dimension,
///   account, source as PostgreSQL orders them), so two admissions never wait on each other in a cycle:
///   `INSERT ... ON CONFLICT DO NOTHING RETURNING 1` makes the row exist (a placeholder, read as no
///   counter, when this call inserted it), then `SELECT ... FOR UPDATE` locks it and reads the latest
///   committed counter. With every row held until the commit, the decision (`LockoutDecision`, the
///   library's rules) and the write of every key's `LockoutCounter.recordingFailure` (one `UPDATE` each)
///   happen with no other writer in between, on any server: a thousand failures racing at one account
///   through two servers are counted 1 through N once each, and exactly one of them starts the lock. A
///   refused attempt deletes the placeholders it inserted and changes nothing else.
/// - `settleSuccess` and `clear` are one transaction each, visiting the keys in the same order: one
///   `DELETE` per cleared key, one `UPDATE ... SET failures = GREATEST(failures - 1, 0), streak_failures
///   = GREATEST(streak_failures - 1, 0)` per refunded key (what `LockoutCounter.refundingFailure()`
///   does), each locking its row until the commit.
/// - `removeExpired` is one transaction: one `DELETE` of the counters with `expires_at <= $1`, which it
///   locks in the same order first (administrator locks expire in `Date.distantFuture`, so they stay).
///
/// **Bound.** The table never holds more than ``capacity`` counters. The one row of
/// `lockout_counter_total` counts them, so `admit` knows the size without a scan; every call that adds
/// or removes counters updates it in its own transaction, always after every counter row it locks, and
/// a call holding it never waits for a counter row, so the count cannot deadlock anyone. When an admitted
/// attempt needs new counters and the table is full, the same transaction recounts the table (correcting
/// the count after hand edits), then removes expired counters, then, to leave a sixteenth of the
/// capacity free, unlocked counters (fewest streak failures first, then least recently failed), then
/// temporary locks (soonest ending first): the order of `InMemoryLockoutStore`. It skips rows another
/// call holds (`FOR UPDATE SKIP LOCKED`: that call is using them). Administrator locks and the keys
/// being charged are never removed; if only they remain, `admit` throws
/// `LockoutError.capacityExceeded` and charges nothing.
///
/// A row that cannot be read back (a negative count, left by a hand edit) throws
/// ``PostgresStoreError/corruptedRecord`` naming its key (the redacted `LockoutKey` description), from
/// `counters(for:)` and from `admit` of an attempt charging that key, which then writes nothing: the
/// attempt is not admitted on a counter nobody can read (it fails closed) until an operator clears the
/// key. Other keys read and count as before; `clear`, `settleSuccess` and `removeExpired` remove the row
/// without reading it.
public final class PostgresLockoutStore: LockoutStore {
    /// The default ``capacity``: one million counters.
    public static let defaultCapacity = 1_000_000

    /// The most counters the table holds.
    public let capacity: Int
    private let database: PostgresAuthDatabase

    /// A store over `database`'s `lockout_counters` table.
    /// - Parameters:
    ///   - database: the open database.
    ///   - capacity: the most counters kept, at least 16.
    public init(database: PostgresAuthDatabase, capacity: Int = PostgresLockoutStore.defaultCapacity) {
        self.database = database
        self.capacity = max(16, capacity)
    }

    /// How many counters the table holds, expired ones included until they are removed.
    /// - Throws: ``PostgresStoreError/unavailable`` when the server cannot answer.
    public func count() async throws -> Int {
        try await database.run("count lockout counters") { [database] in
            let rows = try await database.client.query(
                "SELECT counters FROM lockout_counter_total WHERE id = 1", logger: database.logger
            ).collect()
            return try Self.total(rows)
        }
    }

    /// See `LockoutStore.admit(_:at:)`.
    public func admit(_ charges: [LockoutCharge], at instant: Date) async throws -> LockoutAdmission {
        guard !charges.isEmpty else { return LockoutAdmission(admitted: true, counters: []) }
        let keys = charges.map { KeyColumns($0.key) }
        let order = keys.indices.sorted { keys[$0] < keys[$1] }
        let capacity = capacity
        return try await transaction("admit a login attempt") { database, connection in
            var stored = [LockoutCounter?](repeating: nil, count: charges.count)
            var created: [Int] = []
            for position in order {
                let locked = try await Self.lock(
                    keys[position], name: charges[position].key, at: instant, database, connection)
                stored[position] = locked.counter
                if locked.created { created.append(position) }
            }
            let live = stored.map { counter in counter.flatMap { $0.expiresAt > instant ? $0 : nil } }
            let admitted = charges.indices.allSatisfy { position in
                LockoutDecision(
                    counter: live[position], rules: charges[position].rules, dimension: charges[position].key.dimension,
                    at: instant
                )
                .isAllowed
            }
            guard admitted else {
                for position in created { try await Self.delete(keys[position], database, connection) }
                return LockoutAdmission(admitted: false, counters: live)
            }
            if !created.isEmpty {
                try await Self.reserve(
                    created.count, capacity: capacity, at: instant, keeping: keys, database, connection)
            }
            var charged: [LockoutCounter?] = []
            for position in charges.indices {
                let counter = LockoutCounter.recordingFailure(
                    to: live[position], at: instant, rules: charges[position].rules)
                charged.append(counter)
                try await Self.write(counter, keys[position], database, connection)
            }
            return LockoutAdmission(admitted: true, counters: charged)
        }
    }

    /// See `LockoutStore.settleSuccess(clearing:refunding:)`.
    public func settleSuccess(clearing cleared: [LockoutKey], refunding refunded: [LockoutKey]) async throws {
        try await settle("settle a successful login", clearing: cleared, refunding: refunded)
    }

    /// See `LockoutStore.counters(for:)`.
    public func counters(for keys: [LockoutKey]) async throws -> [LockoutCounter?] {
        var queries: [PostgresQuery] = []
        for key in keys {
            var arguments = PostgresArguments()
            let match = try KeyColumns(key).match(&arguments)
            queries.append(arguments.query("SELECT \(Self.counterColumns) FROM lockout_counters WHERE \(match)"))
        }
        return try await database.run("read lockout counters") { [database, queries] in
            var counters: [LockoutCounter?] = []
            for (key, query) in zip(keys, queries) {
                let rows = try await database.client.query(query, logger: database.logger).collect()
                if let row = rows.first {
                    counters.append(try Self.counter(row, key))
                } else {
                    counters.append(nil)
                }
            }
            return counters
        }
    }

    /// See `LockoutStore.clear(_:)`.
    public func clear(_ keys: [LockoutKey]) async throws {
        try await settle("clear lockout counters", clearing: keys, refunding: [])
    }

    /// See `LockoutStore.removeExpired(at:)`.
    public func removeExpired(at instant: Date) async throws -> Int {
        var arguments = PostgresArguments()
        let now = arguments.date(instant)
        let query = arguments.query(
            """
            WITH gone AS (
                DELETE FROM lockout_counters WHERE (\(Self.keyColumns)) IN (
                    SELECT \(Self.keyColumns) FROM lockout_counters WHERE expires_at <= \(now)
                    ORDER BY \(Self.keyColumns) FOR UPDATE)
                RETURNING 1)
            SELECT COUNT(*) AS removed FROM gone
            """)
        return try await transaction("remove expired lockout counters") { database, connection in
            let removed = try await Self.integer(query, "removed", database, connection)
            try await Self.adjustTotal(by: -removed, database, connection)
            return removed
        }
    }

    // MARK: - Transactions

    /// Runs `body` in one transaction; a `LockoutError` it throws (capacity exceeded) is thrown as it is.
    private func transaction<T: Sendable>(
        _ what: String, _ body: @escaping @Sendable (PostgresAuthDatabase, PostgresConnection) async throws -> T
    ) async throws -> T {
        do {
            return try await database.run(what) { [database] in
                try await database.client.withTransaction(logger: database.logger) { connection in
                    try await body(database, connection)
                }
            }
        } catch let error as PostgresStoreError {
            if error.code == .unavailable, let refusal = error.underlying as? LockoutError { throw refusal }
            throw error
        }
    }

    /// Deletes the cleared keys and refunds the refunded ones in one transaction, in key order (a key
    /// both cleared and refunded is deleted first, as the SQLite store does), then adjusts the total.
    private func settle(_ what: String, clearing cleared: [LockoutKey], refunding refunded: [LockoutKey])
        async throws
    {
        let work =
            (cleared.map { (key: KeyColumns($0), deletes: true) }
            + refunded.map { (key: KeyColumns($0), deletes: false) })
            .sorted { $0.key == $1.key ? ($0.deletes && !$1.deletes) : $0.key < $1.key }
        guard !work.isEmpty else { return }
        var statements: [(query: PostgresQuery, deletes: Bool)] = []
        for item in work {
            var arguments = PostgresArguments()
            let match = try item.key.match(&arguments)
            let sql =
                item.deletes
                ? "WITH gone AS (DELETE FROM lockout_counters WHERE \(match) RETURNING 1) SELECT COUNT(*) AS n FROM gone"
                : """
                UPDATE lockout_counters
                SET failures = GREATEST(failures - 1, 0), streak_failures = GREATEST(streak_failures - 1, 0)
                WHERE \(match)
                """
            statements.append((arguments.query(sql), item.deletes))
        }
        try await transaction(what) { [statements] database, connection in
            var removed = 0
            for statement in statements {
                if statement.deletes {
                    removed += try await Self.integer(statement.query, "n", database, connection)
                } else {
                    _ = try await connection.query(statement.query, logger: database.logger).collect()
                }
            }
            try await Self.adjustTotal(by: -removed, database, connection)
        }
    }

    // MARK: - Statements

    /// A key as its four columns.
    private struct KeyColumns: Hashable, Comparable, Sendable {
        let dimension: String
        let account: [UInt8]
        let family: Int64
        let value: Int64

        init(_ key: LockoutKey) {
            dimension = key.dimension.rawValue
            account = key.account?.bytes ?? []
            family = key.source.map { $0.isIPv6 ? 6 : 4 } ?? 0
            value = key.source.map { Int64(bitPattern: $0.value) } ?? 0
        }

        /// PostgreSQL's order of the primary key: text under `"C"` and `BYTEA` byte by byte (a prefix
        /// first), integers as signed.
        static func < (lhs: Self, rhs: Self) -> Bool {
            if lhs.dimension.utf8.elementsEqual(rhs.dimension.utf8) == false {
                return lhs.dimension.utf8.lexicographicallyPrecedes(rhs.dimension.utf8)
            }
            if lhs.account != rhs.account { return lhs.account.lexicographicallyPrecedes(rhs.account) }
            if lhs.family != rhs.family { return lhs.family < rhs.family }
            return lhs.value < rhs.value
        }

        /// The four placeholders, bound into `arguments` in column order.
        func values(_ arguments: inout PostgresArguments) throws(PostgresStoreError) -> [String] {
            [
                try arguments.text(dimension, "the lockout dimension"), arguments.bytes(account),
                arguments.value(family), arguments.value(value),
            ]
        }

        /// `dimension = $n AND account = $n AND source_family = $n AND source_value = $n`.
        func match(_ arguments: inout PostgresArguments) throws(PostgresStoreError) -> String {
            let values = try values(&arguments)
            return zip(["dimension", "account", "source_family", "source_value"], values)
                .map { "\($0) = \($1)" }.joined(separator: " AND ")
        }
    }

    private static let keyColumns = "dimension, account, source_family, source_value"

    private static let counterColumns = """
        failures, streak_failures, last_failure, temporary_locks, locked_until, administrator_locked, expires_at
        """

    /// How often `lock` inserts a key again after its row was deleted between its `INSERT` and its
    /// `SELECT ... FOR UPDATE` (by a clear or a purge on another server) before giving up.
    private static let lockAttempts = 8

    private static func counter(_ row: PostgresRow, _ key: LockoutKey) throws(PostgresStoreError) -> LockoutCounter {
        try LockoutCounter.stored(PostgresRowReader(row, record: "lockout_counters row \(key)"))
    }

    /// Makes `key`'s row exist and locks it until the commit; returns its counter, or `nil` and
    /// `created` when this call inserted the row (a placeholder that expired long ago, replaced or
    /// deleted before the commit, so no other transaction ever sees it).
    private static func lock(
        _ key: KeyColumns, name: LockoutKey, at instant: Date, _ database: PostgresAuthDatabase,
        _ connection: PostgresConnection
    ) async throws -> (counter: LockoutCounter?, created: Bool) {
        var insertion = PostgresArguments()
        let values = try key.values(&insertion)
        let last = insertion.date(instant)
        let insert = insertion.query(
            """
            INSERT INTO lockout_counters (\(keyColumns), \(counterColumns))
            VALUES (\(values.joined(separator: ", ")), 0, 0, \(last), 0, NULL, FALSE, '-Infinity')
            ON CONFLICT DO NOTHING RETURNING 1
            """)
        var selection = PostgresArguments()
        let match = try key.match(&selection)
        let select = selection.query("SELECT \(counterColumns) FROM lockout_counters WHERE \(match) FOR UPDATE")
        for _ in 0..<lockAttempts {
            let inserted = try await connection.query(insert, logger: database.logger).collect()
            if !inserted.isEmpty { return (nil, true) }
            if let row = try await connection.query(select, logger: database.logger).collect().first {
                return (try counter(row, name), false)
            }
        }
        throw PostgresStoreError(
            .unavailable, "lockout_counters row \(name): removed by other calls \(lockAttempts) times while locking it")
    }

    /// Writes `counter` over `key`'s locked row.
    private static func write(
        _ counter: LockoutCounter, _ key: KeyColumns, _ database: PostgresAuthDatabase, _ connection: PostgresConnection
    ) async throws {
        var arguments = PostgresArguments()
        let assignments = [
            "failures = \(arguments.value(Int64(counter.failures)))",
            "streak_failures = \(arguments.value(Int64(counter.streakFailures)))",
            "last_failure = \(arguments.date(counter.lastFailure))",
            "temporary_locks = \(arguments.value(Int64(counter.temporaryLocks)))",
            "locked_until = \(arguments.optionalDate(counter.lockedUntil))",
            "administrator_locked = \(arguments.value(counter.administratorLocked))",
            "expires_at = \(arguments.date(counter.expiresAt))",
        ]
        let match = try key.match(&arguments)
        let sql = "UPDATE lockout_counters SET \(assignments.joined(separator: ", ")) WHERE \(match)"
        _ = try await connection.query(arguments.query(sql), logger: database.logger).collect()
    }

    /// Deletes `key`'s row (a placeholder this transaction inserted).
    private static func delete(
        _ key: KeyColumns, _ database: PostgresAuthDatabase, _ connection: PostgresConnection
    ) async throws {
        var arguments = PostgresArguments()
        let sql = "DELETE FROM lockout_counters WHERE \(try key.match(&arguments))"
        _ = try await connection.query(arguments.query(sql), logger: database.logger).collect()
    }

    /// The count in `column` of the one row `query` returns.
    private static func integer(
        _ query: PostgresQuery, _ column: String, _ database: PostgresAuthDatabase, _ connection: PostgresConnection
    ) async throws -> Int {
        guard let row = try await connection.query(query, logger: database.logger).collect().first else { return 0 }
        return try PostgresRowReader(row, record: "lockout_counters").count(column)
    }

    /// The count in the `lockout_counter_total` row among `rows`.
    private static func total(_ rows: [PostgresRow]) throws(PostgresStoreError) -> Int {
        guard let row = rows.first else {
            throw PostgresStoreError(.corruptedRecord, "lockout_counter_total: the row is missing")
        }
        return try PostgresRowReader(row, record: "lockout_counter_total row").count("counters")
    }

    /// Adds `change` to the total (after every counter row this transaction locks).
    private static func adjustTotal(
        by change: Int, _ database: PostgresAuthDatabase, _ connection: PostgresConnection
    ) async throws {
        guard change != 0 else { return }
        var arguments = PostgresArguments()
        let sql =
            "UPDATE lockout_counter_total SET counters = counters + \(arguments.value(Int64(change))) WHERE id = 1"
        _ = try await connection.query(arguments.query(sql), logger: database.logger).collect()
    }

    /// Counts the `needed` counters this admission inserted into the total and, if that passes
    /// `capacity`, makes room in the same transaction, never removing `keeping`, or throws
    /// `capacityExceeded`.
    private static func reserve(
        _ needed: Int, capacity: Int, at instant: Date, keeping: [KeyColumns], _ database: PostgresAuthDatabase,
        _ connection: PostgresConnection
    ) async throws {
        var arguments = PostgresArguments()
        let sql = """
            UPDATE lockout_counter_total SET counters = counters + \(arguments.value(Int64(needed))) WHERE id = 1
            RETURNING counters
            """
        let total = try total(try await connection.query(arguments.query(sql), logger: database.logger).collect())
        guard total > capacity else { return }
        try await makeRoom(for: needed, capacity: capacity, at: instant, keeping: keeping, database, connection)
    }

    /// Frees room for `needed` new counters (already in the table, as placeholders) and, past the expired
    /// ones, a sixteenth of the capacity more, then sets the total to the exact count.
    private static func makeRoom(
        for needed: Int, capacity: Int, at instant: Date, keeping: [KeyColumns], _ database: PostgresAuthDatabase,
        _ connection: PostgresConnection
    ) async throws {
        // The exact count (this transaction's placeholders included): the total row is locked, so every
        // call that changed rows without changing the total yet will change it after this commits.
        let counted = try await integer(
            PostgresQuery(unsafeSQL: "SELECT COUNT(*) AS counters FROM lockout_counters"), "counters", database,
            connection)
        var expiry = PostgresArguments()
        let expiredNow = expiry.date(instant)
        let expiredKept = try exclusion(keeping, &expiry)
        var removed = try await integer(
            expiry.query(
                """
                WITH gone AS (
                    DELETE FROM lockout_counters WHERE (\(keyColumns)) IN (
                        SELECT \(keyColumns) FROM lockout_counters
                        WHERE expires_at <= \(expiredNow) AND NOT (\(expiredKept))
                        FOR UPDATE SKIP LOCKED)
                    RETURNING 1)
                SELECT COUNT(*) AS removed FROM gone
                """), "removed", database, connection)
        let target = capacity - capacity / 16 - needed
        let surplus = counted - needed - removed - target
        if surplus > 0 {
            var eviction = PostgresArguments()
            let now = eviction.date(instant)
            let kept = try exclusion(keeping, &eviction)
            let limit = eviction.value(Int64(surplus))
            removed += try await integer(
                eviction.query(
                    """
                    WITH gone AS (
                        DELETE FROM lockout_counters WHERE (\(keyColumns)) IN (
                            SELECT \(keyColumns) FROM lockout_counters
                            WHERE NOT administrator_locked AND NOT (\(kept))
                            ORDER BY COALESCE(locked_until > \(now), FALSE),
                                CASE WHEN COALESCE(locked_until > \(now), FALSE) THEN locked_until
                                    ELSE CAST(streak_failures AS DOUBLE PRECISION) END,
                                last_failure
                            LIMIT \(limit) FOR UPDATE SKIP LOCKED)
                        RETURNING 1)
                    SELECT COUNT(*) AS removed FROM gone
                    """), "removed", database, connection)
        }
        let total = counted - removed
        var update = PostgresArguments()
        let sql = "UPDATE lockout_counter_total SET counters = \(update.value(Int64(total))) WHERE id = 1"
        _ = try await connection.query(update.query(sql), logger: database.logger).collect()
        guard total <= capacity else {
            throw LockoutError(.capacityExceeded, "every counter is administrator-locked or being charged")
        }
    }

    /// `(key 1) OR (key 2) ...`: the keys being charged, which room is never made by removing.
    private static func exclusion(
        _ keys: [KeyColumns], _ arguments: inout PostgresArguments
    ) throws(PostgresStoreError) -> String {
        var matches: [String] = []
        for key in keys { matches.append("(\(try key.match(&arguments)))") }
        return matches.joined(separator: " OR ")
    }
}
