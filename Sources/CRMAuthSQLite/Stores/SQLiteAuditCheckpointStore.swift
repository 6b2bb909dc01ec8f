public import AuditLog
import CRMAuthStoreSupport
import Foundation
import GRDB

/// An `AuditCheckpointStore` (AuditLog) in a ``SQLiteDatabase``: table `audit_checkpoints`, keyed by
/// sequence number and key id.
///
/// - `save` is one `INSERT ... ON CONFLICT (sequence, key_id) DO UPDATE`: saving the same sequence
///   number and key id again replaces the checkpoint, another key id is kept beside it.
/// - `checkpoints` reads one snapshot, ascending by sequence number, then key id in byte order.
///
/// Checkpoints are stored as given: a signature changed by hand still reads and `AuditVerifier`
/// reports it (`checkpoint_signature_invalid`). A row that cannot be read back (a value of the wrong
/// type, a record hash that is not 32 bytes) throws ``SQLiteStoreError/corruptedRecord`` naming its
/// sequence number and key id from every read whose range includes it.
public final class SQLiteAuditCheckpointStore: AuditCheckpointStore {
    private let database: SQLiteDatabase

    /// A store over `database`'s `audit_checkpoints` table.
    /// - Parameter database: the open database.
    public init(database: SQLiteDatabase) {
        self.database = database
    }

    /// See `AuditCheckpointStore.save(_:)`.
    ///
    /// - Throws: `AuditError.invalidQuery` for a sequence number beyond 2^63 - 1, which SQLite cannot
    ///   hold (no chain reaches it).
    public func save(_ checkpoint: AuditCheckpoint) async throws {
        guard let sequence = Int64(exactly: checkpoint.sequence) else {
            throw AuditError(.invalidQuery, "a checkpoint's sequence number is at most 2^63 - 1")
        }
        let arguments: StatementArguments = [
            sequence, checkpoint.keyID.sqlText, Data(checkpoint.recordHash.bytes), checkpoint.milliseconds,
            Data(checkpoint.signature),
        ]
        try await database.pool.write { db in
            try db.execute(
                sql: """
                    INSERT INTO audit_checkpoints (sequence, key_id, record_hash, time, signature)
                    VALUES (?, CAST(? AS TEXT), ?, ?, ?)
                    ON CONFLICT (sequence, key_id) DO UPDATE SET
                        record_hash = excluded.record_hash, time = excluded.time, signature = excluded.signature
                    """,
                arguments: arguments)
        }
    }

    /// See `AuditCheckpointStore.checkpoints(from:through:)`.
    public func checkpoints(from: UInt64, through: UInt64) async throws -> [AuditCheckpoint] {
        guard from <= through else { return [] }
        return try await database.pool.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT sequence, CAST(key_id AS BLOB) AS key_id, record_hash, time, signature
                    FROM audit_checkpoints WHERE sequence BETWEEN ? AND ? ORDER BY sequence, key_id
                    """,
                arguments: [Int64(clamping: from), Int64(clamping: through)]
            )
            .map(Self.checkpoint(from:))
        }
    }

    private static func checkpoint(from row: Row) throws(SQLiteStoreError) -> AuditCheckpoint {
        let sequenceValue = row["sequence"].map { $0.databaseValue.storage }
        let keyValue = row["key_id"].map { $0.databaseValue.storage }
        var name = "audit_checkpoints row"
        if case .int64(let sequence) = sequenceValue { name = "audit_checkpoints sequence \(sequence)" }
        if case .blob(let key) = keyValue { name += " key '\(String(decoding: key, as: UTF8.self))'" }
        return try AuditCheckpoint.stored(RowReader(row, record: name))
    }
}
