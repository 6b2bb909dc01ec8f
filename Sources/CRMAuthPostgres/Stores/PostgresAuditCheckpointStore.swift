public import AuditLog
import CRMAuthStoreSupport
import PostgresNIO

/// An `AuditCheckpointStore` (AuditLog) in a ``PostgresAuthDatabase``: table `audit_checkpoints`,
/// keyed by sequence number and key id.
///
/// - `save` is one `INSERT ... ON CONFLICT (sequence, key_id) DO UPDATE`: saving the same sequence
///   number and key id again replaces the checkpoint (on whichever server), another key id is kept
///   beside it.
/// - `checkpoints` is one `SELECT`, ascending by sequence number, then key id in byte order.
///
/// Checkpoints are stored as given: a signature changed by hand still reads and `AuditVerifier`
/// reports it. A row that cannot be read back (a record hash that is not 32 bytes, a negative sequence
/// number) throws ``PostgresStoreError/corruptedRecord`` naming its sequence number and key id from
/// every read whose range includes it.
public final class PostgresAuditCheckpointStore: AuditCheckpointStore {
    private let database: PostgresAuthDatabase

    /// A store over `database`'s `audit_checkpoints` table.
    /// - Parameter database: the open database.
    public init(database: PostgresAuthDatabase) {
        self.database = database
    }

    /// See `AuditCheckpointStore.save(_:)`.
    ///
    /// - Throws: `AuditError.invalidQuery` for a sequence number beyond 2^63 - 1, which a `BIGINT`
    ///   cannot hold (no chain reaches it).
    public func save(_ checkpoint: AuditCheckpoint) async throws {
        guard let sequence = Int64(exactly: checkpoint.sequence) else {
            throw AuditError(.invalidQuery, "a checkpoint's sequence number is at most 2^63 - 1")
        }
        var arguments = PostgresArguments()
        let values = [
            arguments.value(sequence), try arguments.text(checkpoint.keyID, "the key id"),
            arguments.bytes(checkpoint.recordHash.bytes), arguments.value(checkpoint.milliseconds),
            arguments.bytes(checkpoint.signature),
        ]
        let sql = """
            INSERT INTO audit_checkpoints (sequence, key_id, record_hash, time, signature)
            VALUES (\(values.joined(separator: ", ")))
            ON CONFLICT (sequence, key_id) DO UPDATE SET
                record_hash = EXCLUDED.record_hash, time = EXCLUDED.time, signature = EXCLUDED.signature
            """
        try await database.run("save an audit checkpoint") { [database, query = arguments.query(sql)] in
            try await database.client.query(query, logger: database.logger)
        }
    }

    /// See `AuditCheckpointStore.checkpoints(from:through:)`.
    public func checkpoints(from: UInt64, through: UInt64) async throws -> [AuditCheckpoint] {
        guard from <= through else { return [] }
        var arguments = PostgresArguments()
        let sql = """
            SELECT sequence, key_id, record_hash, time, signature FROM audit_checkpoints
            WHERE sequence BETWEEN \(arguments.value(Int64(clamping: from))) \
            AND \(arguments.value(Int64(clamping: through)))
            ORDER BY sequence, key_id
            """
        return try await database.run("read audit checkpoints") { [database, query = arguments.query(sql)] in
            var checkpoints: [AuditCheckpoint] = []
            for try await row in try await database.client.query(query, logger: database.logger) {
                checkpoints.append(try Self.checkpoint(from: row))
            }
            return checkpoints
        }
    }

    private static func checkpoint(from row: PostgresRow) throws(PostgresStoreError) -> AuditCheckpoint {
        let columns = row.makeRandomAccess()
        var name = "audit_checkpoints row"
        if let sequence = try? columns["sequence"].decode(Int64.self) {
            name = "audit_checkpoints sequence \(sequence)"
        }
        if let key = try? columns["key_id"].decode(String.self) { name += " key '\(key)'" }
        return try AuditCheckpoint.stored(PostgresRowReader(row, record: name))
    }
}
