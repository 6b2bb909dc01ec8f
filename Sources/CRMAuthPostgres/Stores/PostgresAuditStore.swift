public import AuditLog
import AuthCore
import CRMAuthStoreSupport
import PostgresNIO

/// An `AuditStore` (AuditLog) in a ``PostgresAuthDatabase``: table `audit_records`, one row per record
/// as linked, and the chain's head in the one-row table `audit_head`.
///
/// How the chain stays one chain across every server sharing the database:
/// - `append` is one transaction that begins with `SELECT sequence, hash FROM audit_head WHERE id = 1
///   FOR UPDATE`: the head row's lock is held until the commit, so appends from every server and
///   connection are serialized on the chain head. The events are linked after the head with
///   `AuditChain.link`, inserted (a batch in multi-row `INSERT`s), and the head moves with
///   `UPDATE audit_head ... WHERE sequence = $expected AND hash = $expected`, which must change the
///   row (one statement with the last `INSERT`, as a data-modifying `WITH`: one round trip less under
///   the lock). A batch is all or nothing; the primary key on `sequence` would refuse a fork in any case.
/// - `prune` is one `DELETE FROM audit_records WHERE sequence <= $1`; the head row stays.
/// - `records` and `query` are one `SELECT` each (one snapshot); `query` filters in SQL, newest first,
///   and reads one row more than the page to know whether another page follows.
///
/// Records are stored as linked and never recomputed: a row changed by hand still reads (when its
/// values are valid) and `AuditVerifier` reports it at its sequence number. A row that cannot be read
/// back as an event throws ``PostgresStoreError/corruptedRecord`` naming its sequence number from every
/// read that reaches it; reads of other ranges still work.
public final class PostgresAuditStore: AuditStore {
    private let database: PostgresAuthDatabase

    /// A store over `database`'s audit tables.
    /// - Parameter database: the open database.
    public init(database: PostgresAuthDatabase) {
        self.database = database
    }

    /// Records per `INSERT` statement: 13 bound values each, well under PostgreSQL's 65,535.
    private static let rowsPerInsert = 1_000

    /// See `AuditStore.append(_:)`.
    public func append(_ events: [AuditEvent]) async throws -> [AuditRecord] {
        guard !events.isEmpty else { return [] }
        return try await database.run("append audit events") { [database] in
            try await database.client.withTransaction(logger: database.logger) { connection in
                var head: AuditChainHead?
                for try await row in try await connection.query(
                    "SELECT sequence, hash FROM audit_head WHERE id = 1 FOR UPDATE", logger: database.logger)
                {
                    head = try AuditChainHead.stored(PostgresRowReader(row, record: "audit_head"))
                }
                guard let head else { throw PostgresStoreError(.corruptedRecord, "audit_head: the row is missing") }
                guard head.sequence <= UInt64(Int64.max) - UInt64(events.count) else {
                    throw PostgresStoreError(.corruptedRecord, "audit_head: the sequence number is at its limit")
                }
                let records = AuditChain.link(events, after: head)
                // Every chunk but the last alone; the last in one statement with the head's move, so
                // the lock is held for one round trip fewer.
                var start = 0
                var moved = 0
                while start < records.count {
                    let end = min(start + Self.rowsPerInsert, records.count)
                    var arguments = PostgresArguments()
                    var sql = try Self.insert(records[start..<end], into: &arguments)
                    if end == records.count {
                        let last = records[end - 1]
                        sql = """
                            WITH inserted AS (\(sql) RETURNING 1)
                            UPDATE audit_head SET sequence = \(arguments.value(Int64(last.sequence))), \
                            hash = \(arguments.bytes(last.hash.bytes))
                            WHERE id = 1 AND sequence = \(arguments.value(Int64(head.sequence))) \
                            AND hash = \(arguments.bytes(head.hash.bytes))
                            RETURNING 1
                            """
                    }
                    do {
                        for try await _ in try await connection.query(arguments.query(sql), logger: database.logger) {
                            moved += 1
                        }
                    } catch let error as PSQLError where error.isUniqueViolation {
                        throw PostgresStoreError(
                            .corruptedRecord, "audit_head: sequence \(head.sequence) is behind the stored records",
                            underlying: error)
                    }
                    start = end
                }
                guard moved == 1 else {
                    throw PostgresStoreError(.corruptedRecord, "audit_head moved during the append")
                }
                return records
            }
        }
    }

    /// See `AuditStore.head()`.
    public func head() async throws -> AuditChainHead {
        try await database.run("read the audit chain's head") { [database] in
            for try await row in try await database.client.query(
                "SELECT sequence, hash FROM audit_head WHERE id = 1", logger: database.logger)
            {
                return try AuditChainHead.stored(PostgresRowReader(row, record: "audit_head"))
            }
            throw PostgresStoreError(.corruptedRecord, "audit_head: the row is missing")
        }
    }

    /// See `AuditStore.records(from:limit:)`.
    public func records(from: UInt64, limit: Int) async throws -> [AuditRecord] {
        guard limit > 0 else { return [] }
        var arguments = PostgresArguments()
        let sql = """
            SELECT \(Self.columns) FROM audit_records WHERE sequence >= \(arguments.value(Int64(clamping: from)))
            ORDER BY sequence LIMIT \(arguments.value(Int64(limit)))
            """
        return try await fetch("read audit records", arguments.query(sql))
    }

    /// See `AuditStore.query(_:)`.
    public func query(_ query: AuditQuery) async throws -> AuditPage {
        try query.validate()
        var arguments = PostgresArguments()
        var conditions: [String] = []
        if let cursor = query.cursor {
            conditions.append("sequence < \(arguments.value(Int64(clamping: cursor.before)))")
        }
        if let user = query.user {
            let placeholder = try arguments.text(user.rawValue, "the user id")
            conditions.append("(actor = \(placeholder) OR subject = \(placeholder))")
        }
        if let tenant = query.tenant {
            conditions.append("tenant = \(try arguments.text(tenant.rawValue, "the tenant id"))")
        }
        if let kinds = query.kinds {
            if kinds.isEmpty {
                conditions.append("FALSE")
            } else {
                var placeholders: [String] = []
                for kind in kinds { placeholders.append(try arguments.text(kind.name, "an event kind")) }
                conditions.append("kind IN (\(placeholders.joined(separator: ", ")))")
            }
        }
        if let outcome = query.outcome {
            conditions.append("outcome = \(try arguments.text(outcome.rawValue, "the outcome"))")
        }
        if let since = query.since {
            conditions.append("time >= \(arguments.value(AuditQuery.milliseconds(since)))")
        }
        if let until = query.until {
            conditions.append("time < \(arguments.value(AuditQuery.milliseconds(until)))")
        }
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = """
            SELECT \(Self.columns) FROM audit_records \(filter)
            ORDER BY sequence DESC LIMIT \(arguments.value(Int64(query.limit) + 1))
            """
        let found = try await fetch("query audit records", arguments.query(sql))
        guard found.count > query.limit else { return AuditPage(records: found, nextCursor: nil) }
        let page = Array(found.prefix(query.limit))
        return AuditPage(records: page, nextCursor: AuditCursor(before: page[page.count - 1].sequence))
    }

    /// See `AuditStore.prune(through:)`.
    public func prune(through sequence: UInt64) async throws -> Int {
        var arguments = PostgresArguments()
        let sql =
            "DELETE FROM audit_records WHERE sequence <= \(arguments.value(Int64(clamping: sequence))) RETURNING 1"
        return try await database.run("prune audit records") { [database, query = arguments.query(sql)] in
            var count = 0
            for try await _ in try await database.client.query(query, logger: database.logger) { count += 1 }
            return count
        }
    }

    private func fetch(_ what: String, _ query: PostgresQuery) async throws -> [AuditRecord] {
        try await database.run(what) { [database] in
            var records: [AuditRecord] = []
            for try await row in try await database.client.query(query, logger: database.logger) {
                records.append(try Self.record(from: row))
            }
            return records
        }
    }

    private static let columns = """
        sequence, time, kind, outcome, actor, subject, tenant, source_address, user_agent, reason, metadata, \
        previous_hash, hash
        """

    /// One `INSERT` of `records`, every value bound.
    /// The multi-row `INSERT` of `records`, its values bound into `arguments`.
    private static func insert(
        _ records: ArraySlice<AuditRecord>, into arguments: inout PostgresArguments
    ) throws(PostgresStoreError) -> String {
        var rows: [String] = []
        rows.reserveCapacity(records.count)
        for record in records {
            let event = record.event
            let values = [
                arguments.value(Int64(record.sequence)), arguments.value(event.milliseconds),
                try arguments.text(event.kind.name, "the event kind"),
                try arguments.text(event.outcome.rawValue, "the outcome"),
                try arguments.optionalText(event.actor?.rawValue, "the actor"),
                try arguments.optionalText(event.subject?.rawValue, "the subject"),
                try arguments.optionalText(event.tenant?.rawValue, "the tenant"),
                try arguments.optionalText(event.sourceAddress, "the source address"),
                try arguments.optionalText(event.userAgent, "the user agent"),
                try arguments.optionalText(event.reason, "the reason"),
                try arguments.text(AuditMetadataText.encode(event.metadata), "the metadata"),
                arguments.bytes(record.previousHash.bytes), arguments.bytes(record.hash.bytes),
            ]
            rows.append("(\(values.joined(separator: ", ")))")
        }
        return "INSERT INTO audit_records (\(columns)) VALUES \(rows.joined(separator: ", "))"
    }

    private static func record(from row: PostgresRow) throws(PostgresStoreError) -> AuditRecord {
        let sequence = try? row.makeRandomAccess()["sequence"].decode(Int64.self)
        let name = sequence.map { "audit_records sequence \($0)" } ?? "audit_records row"
        return try AuditRecord.stored(PostgresRowReader(row, record: name))
    }
}
