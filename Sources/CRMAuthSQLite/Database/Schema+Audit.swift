extension Schema {
    /// The audit trail's tables (``SQLiteAuditStore``, ``SQLiteAuditCheckpointStore``).
    ///
    /// - `audit_records`: one row per record, exactly as linked; `sequence` is the rowid, so records
    ///   are kept and read in chain order. Times are the event's whole milliseconds since 1970 (what
    ///   the chain hashes), metadata a JSON object with its keys in byte order.
    /// - `audit_head`: the chain's head in one row, created here as the empty head. Appends compare
    ///   and move it in their transaction; it survives pruning.
    /// - `audit_checkpoints`: signed checkpoints, one per sequence number and key id.
    static let auditTables = """
        CREATE TABLE audit_records (
            sequence INTEGER NOT NULL PRIMARY KEY,
            time INTEGER NOT NULL,
            kind TEXT NOT NULL,
            outcome TEXT NOT NULL,
            actor TEXT,
            subject TEXT,
            tenant TEXT,
            source_address TEXT,
            user_agent TEXT,
            reason TEXT,
            metadata TEXT NOT NULL,
            previous_hash BLOB NOT NULL,
            hash BLOB NOT NULL
        ) STRICT;
        CREATE INDEX audit_records_by_actor ON audit_records (actor) WHERE actor IS NOT NULL;
        CREATE INDEX audit_records_by_subject ON audit_records (subject) WHERE subject IS NOT NULL;
        CREATE TABLE audit_head (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            sequence INTEGER NOT NULL,
            hash BLOB NOT NULL
        ) STRICT;
        INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, zeroblob(32));
        CREATE TABLE audit_checkpoints (
            sequence INTEGER NOT NULL,
            key_id TEXT NOT NULL,
            record_hash BLOB NOT NULL,
            time INTEGER NOT NULL,
            signature BLOB NOT NULL,
            PRIMARY KEY (sequence, key_id)
        ) STRICT, WITHOUT ROWID;
        """
}
