extension PostgresSchema {
    /// The `lockout_counters` table (``PostgresLockoutStore``), keyed by dimension, account digest (32
    /// bytes, or an empty `BYTEA`) and source prefix (family 0 for none, 4 or 6, and the prefix's 64 bits
    /// as a signed integer); and `lockout_counter_total`, one row counting them, so the store's bound
    /// costs no scan. The store keeps the count itself, in the transaction that inserts or deletes
    /// counters, and takes that row's lock after every counter row it locks (a trigger would lock it at
    /// the first insert, before the other counters, and let two admissions deadlock).
    static let lockoutTables = [
        """
        CREATE TABLE lockout_counters (
            dimension TEXT COLLATE "C" NOT NULL,
            account BYTEA NOT NULL,
            source_family BIGINT NOT NULL,
            source_value BIGINT NOT NULL,
            failures BIGINT NOT NULL,
            streak_failures BIGINT NOT NULL,
            last_failure DOUBLE PRECISION NOT NULL,
            temporary_locks BIGINT NOT NULL,
            locked_until DOUBLE PRECISION,
            administrator_locked BOOLEAN NOT NULL,
            expires_at DOUBLE PRECISION NOT NULL,
            PRIMARY KEY (dimension, account, source_family, source_value)
        )
        """,
        "CREATE INDEX lockout_counters_by_expiry ON lockout_counters (expires_at)",
        """
        CREATE TABLE lockout_counter_total (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            counters BIGINT NOT NULL
        )
        """,
        "INSERT INTO lockout_counter_total (id, counters) VALUES (1, 0)",
    ]
}
