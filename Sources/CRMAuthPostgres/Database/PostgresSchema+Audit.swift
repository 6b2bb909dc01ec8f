extension PostgresSchema {
    /// The audit trail's tables (``PostgresAuditStore``, ``PostgresAuditCheckpointStore``).
    ///
    /// - `audit_records`: one row per record, exactly as linked, keyed by `sequence`. Times are the
    ///   event's whole milliseconds since 1970 (what the chain hashes), metadata a JSON object with its
    ///   keys in byte order (as text, not `jsonb`, so it reads back byte for byte).
    /// - `audit_head`: the chain's head in one row, created here as the empty head. Every append locks
    ///   it (`SELECT ... FOR UPDATE`) for its transaction: appends from every server are serialized on
    ///   this row. It survives pruning.
    /// - `audit_checkpoints`: signed checkpoints, one per sequence number and key id.
    static let auditTables = [
        """
        CREATE TABLE audit_records (
            sequence BIGINT NOT NULL PRIMARY KEY CHECK (sequence >= 1),
            time BIGINT NOT NULL,
            kind TEXT COLLATE "C" NOT NULL,
            outcome TEXT COLLATE "C" NOT NULL,
            actor TEXT COLLATE "C",
            subject TEXT COLLATE "C",
            tenant TEXT COLLATE "C",
            source_address TEXT COLLATE "C",
            user_agent TEXT COLLATE "C",
            reason TEXT COLLATE "C",
            metadata TEXT COLLATE "C" NOT NULL,
            previous_hash BYTEA NOT NULL,
            hash BYTEA NOT NULL
        )
        """,
        "CREATE INDEX audit_records_by_actor ON audit_records (actor, sequence) WHERE actor IS NOT NULL",
        "CREATE INDEX audit_records_by_subject ON audit_records (subject, sequence) WHERE subject IS NOT NULL",
        """
        CREATE TABLE audit_head (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            sequence BIGINT NOT NULL,
            hash BYTEA NOT NULL
        )
        """,
        "INSERT INTO audit_head (id, sequence, hash) VALUES (1, 0, decode(repeat('00', 32), 'hex'))",
        """
        CREATE TABLE audit_checkpoints (
            sequence BIGINT NOT NULL,
            key_id TEXT COLLATE "C" NOT NULL,
            record_hash BYTEA NOT NULL,
            time BIGINT NOT NULL,
            signature BYTEA NOT NULL,
            PRIMARY KEY (sequence, key_id)
        )
        """,
    ]
}
