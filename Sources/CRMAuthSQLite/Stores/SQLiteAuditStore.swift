public import AuditLog
import AuthCore
import CRMAuthStoreSupport
import Foundation
import GRDB

/// An `AuditStore` (AuditLog) in a ``SQLiteDatabase``: table `audit_records`, one row per record as
/// linked, and the chain's head in the one-row table `audit_head`.
///
/// How the chain stays one chain across processes sharing the file:
/// - `append` is one `BEGIN IMMEDIATE` transaction: SQLite's write lock is taken before the head is
///   read, the events are linked after it with `AuditChain.link`, every record is inserted, and the
///   head moves with `UPDATE audit_head ... WHERE sequence = :expected AND hash = :expected`, which must
///   change the row; then `COMMIT`. A batch is all or nothing, and no other connection or process can
///   append between the read and the move (the primary key on `sequence` would refuse a fork anyway).
/// - `prune` is one `DELETE FROM audit_records WHERE sequence <= ?`; the head row stays.
/// - `records` and `query` read one snapshot each (`sequence` is the rowid: records come in chain
///   order without sorting); `query` filters in SQL, newest first, and reads one row more than the page
///   to know whether another page follows.
///
/// Records are stored as linked and never recomputed: a row changed by hand still reads (when its
/// values are valid) and `AuditVerifier` reports it at its sequence number (`record_altered`,
/// `link_broken`). A row that cannot be read back as an event (a value of the wrong type, an unknown
/// outcome, an invalid kind or id, a hash that is not 32 bytes) throws
/// ``SQLiteStoreError/corruptedRecord`` naming its sequence number from every read that reaches it;
/// reads of other ranges still work. A filter compares stored values in SQL, so a row whose filtered
/// column holds a value of another type (written past `STRICT`) does not match that filter; the
/// unfiltered reads and verification reach it.
public final class SQLiteAuditStore: AuditStore {
    private let database: SQLiteDatabase

    /// A store over `database`'s audit tables.
    /// - Parameter database: the open database.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// See `AuditStore.append(_:)`.
    public func append(_ events: [AuditEvent]) async throws -> [AuditRecord] {
        guard !events.isEmpty else { return [] }
        return try await database.pool.writeWithoutTransaction { db in
            var records: [AuditRecord] = []
            // Named `.immediate`: the write lock is held from the head's read to the commit.
            try db.inTransaction(.immediate) {
                let head = try Self.head(db)
                guard head.sequence <= UInt64(Int64.max) - UInt64(events.count) else {
                    throw SQLiteStoreError(.corruptedRecord, "audit_head: the sequence number is at its limit")
                }
                records = AuditChain.link(events, after: head)
                let insert = try db.cachedStatement(sql: Self.insertSQL)
                do {
                    for record in records {
                        try insert.execute(arguments: Self.arguments(record))
                    }
                } catch let error as DatabaseError where error.isUniqueViolation {
                    throw SQLiteStoreError(
                        .corruptedRecord, "audit_head: sequence \(head.sequence) is behind the stored records",
                        underlying: error)
                }
                let last = records[records.count - 1]
                try db.cachedStatement(sql: Self.moveHeadSQL).execute(arguments: [
                    Int64(last.sequence), Data(last.hash.bytes), Int64(head.sequence), Data(head.hash.bytes),
                ])
                guard db.changesCount == 1 else {
                    throw SQLiteStoreError(.corruptedRecord, "audit_head moved during the append")
                }
                return .commit
            }
            return records
        }
    }

    /// See `AuditStore.head()`.
    public func head() async throws -> AuditChainHead {
        try await database.pool.read { db in try Self.head(db) }
    }

    /// See `AuditStore.records(from:limit:)`.
    public func records(from: UInt64, limit: Int) async throws -> [AuditRecord] {
        guard limit > 0 else { return [] }
        return try await database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: "SELECT \(Self.columns.select) FROM audit_records WHERE sequence >= ? ORDER BY sequence LIMIT ?",
                arguments: [Int64(clamping: from), limit]
            )
            .map(Self.record(from:))
        }
    }

    /// See `AuditStore.query(_:)`.
    public func query(_ query: AuditQuery) async throws -> AuditPage {
        try query.validate()
        var conditions: [String] = []
        var arguments: StatementArguments = []
        if let cursor = query.cursor {
            conditions.append("sequence < ?")
            arguments += [Int64(clamping: cursor.before)]
        }
        if let user = query.user {
            conditions.append("(actor = CAST(? AS TEXT) OR subject = CAST(? AS TEXT))")
            arguments += [user.rawValue.sqlText, user.rawValue.sqlText]
        }
        if let tenant = query.tenant {
            conditions.append("tenant = CAST(? AS TEXT)")
            arguments += [tenant.rawValue.sqlText]
        }
        if let kinds = query.kinds {
            if kinds.isEmpty {
                conditions.append("0")
            } else {
                conditions.append(
                    "kind IN (\(Array(repeating: "CAST(? AS TEXT)", count: kinds.count).joined(separator: ", ")))")
                arguments += StatementArguments(kinds.map { $0.name.sqlText })
            }
        }
        if let outcome = query.outcome {
            conditions.append("outcome = CAST(? AS TEXT)")
            arguments += [outcome.rawValue.sqlText]
        }
        if let since = query.since {
            conditions.append("time >= ?")
            arguments += [AuditQuery.milliseconds(since)]
        }
        if let until = query.until {
            conditions.append("time < ?")
            arguments += [AuditQuery.milliseconds(until)]
        }
        arguments += [query.limit + 1]
        let filter = conditions.isEmpty ? "" : "WHERE " + conditions.joined(separator: " AND ")
        let sql = "SELECT \(Self.columns.select) FROM audit_records \(filter) ORDER BY sequence DESC LIMIT ?"
        let bound = arguments
        let found = try await database.pool.read { db in
            try Row.fetchAll(db, sql: sql, arguments: bound).map(Self.record(from:))
        }
        guard found.count > query.limit else { return AuditPage(records: found, nextCursor: nil) }
        let page = Array(found.prefix(query.limit))
        return AuditPage(records: page, nextCursor: AuditCursor(before: page[page.count - 1].sequence))
    }

    /// See `AuditStore.prune(through:)`.
    public func prune(through sequence: UInt64) async throws -> Int {
        try await database.pool.write { db in
            try db.execute(
                sql: "DELETE FROM audit_records WHERE sequence <= ?", arguments: [Int64(clamping: sequence)])
            return db.changesCount
        }
    }

    private static let columns = ColumnList(
        all: [
            "sequence", "time", "kind", "outcome", "actor", "subject", "tenant", "source_address", "user_agent",
            "reason", "metadata", "previous_hash", "hash",
        ],
        text: ["kind", "outcome", "actor", "subject", "tenant", "source_address", "user_agent", "reason", "metadata"])

    private static let insertSQL = """
        INSERT INTO audit_records (\(columns.all.joined(separator: ", ")))
        VALUES (?, ?, \(Array(repeating: "CAST(? AS TEXT)", count: 9).joined(separator: ", ")), ?, ?)
        """

    private static let moveHeadSQL = """
        UPDATE audit_head SET sequence = ?, hash = ? WHERE id = 1 AND sequence = ? AND hash = ?
        """

    private static func arguments(_ record: AuditRecord) -> StatementArguments {
        let event = record.event
        return [
            Int64(record.sequence), event.milliseconds, event.kind.name.sqlText, event.outcome.rawValue.sqlText,
            event.actor?.rawValue.sqlText, event.subject?.rawValue.sqlText, event.tenant?.rawValue.sqlText,
            event.sourceAddress.sqlText, event.userAgent.sqlText, event.reason.sqlText,
            AuditMetadataText.encode(event.metadata).sqlText, Data(record.previousHash.bytes), Data(record.hash.bytes),
        ]
    }

    static func head(_ db: Database) throws -> AuditChainHead {
        guard let row = try Row.fetchOne(db, sql: "SELECT sequence, hash FROM audit_head WHERE id = 1") else {
            throw SQLiteStoreError(.corruptedRecord, "audit_head: the row is missing")
        }
        return try AuditChainHead.stored(RowReader(row, record: "audit_head"))
    }

    private static func record(from row: Row) throws(SQLiteStoreError) -> AuditRecord {
        let name: String
        if case .int64(let sequence) = row["sequence"].map({ $0.databaseValue.storage }) {
            name = "audit_records sequence \(sequence)"
        } else {
            name = "audit_records row"
        }
        return try AuditRecord.stored(RowReader(row, record: name))
    }
}
