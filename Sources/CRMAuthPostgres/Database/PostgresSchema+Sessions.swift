extension PostgresSchema {
    /// The `sessions` table (``PostgresSessionStore``), with the SQLite table's name and columns: keyed by
    /// the token's 32-byte digest, the session id unique, indexed by user and creation (the limit's count
    /// and eviction order). A session's expiry is computed from its columns, never stored.
    static let sessionTables = [
        """
        CREATE TABLE sessions (
            digest BYTEA NOT NULL PRIMARY KEY,
            id TEXT COLLATE "C" NOT NULL,
            user_id TEXT COLLATE "C" NOT NULL,
            tenant_id TEXT COLLATE "C",
            created_at DOUBLE PRECISION NOT NULL,
            last_seen_at DOUBLE PRECISION NOT NULL,
            idle_timeout DOUBLE PRECISION NOT NULL,
            absolute_timeout DOUBLE PRECISION NOT NULL,
            authentication_level TEXT COLLATE "C" NOT NULL,
            user_agent TEXT,
            address TEXT,
            device_label TEXT,
            security_stamp TEXT COLLATE "C" NOT NULL,
            CONSTRAINT sessions_id_unique UNIQUE (id)
        )
        """,
        "CREATE INDEX sessions_by_user ON sessions (user_id, created_at)",
    ]
}
