extension Schema {
    /// The `sessions` table (``SQLiteSessionStore``).
    static let sessionTables = """
        CREATE TABLE sessions (
            digest BLOB NOT NULL PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            user_id TEXT NOT NULL,
            tenant_id TEXT,
            created_at REAL NOT NULL,
            last_seen_at REAL NOT NULL,
            idle_timeout REAL NOT NULL,
            absolute_timeout REAL NOT NULL,
            authentication_level TEXT NOT NULL,
            user_agent TEXT,
            address TEXT,
            device_label TEXT,
            security_stamp TEXT NOT NULL
        ) STRICT;
        CREATE INDEX sessions_by_user ON sessions (user_id, created_at);
        """
}
