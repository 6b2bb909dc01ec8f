extension Schema {
    /// The `lockout_counters` table (``SQLiteLockoutStore``), keyed by dimension, account digest (32
    /// bytes, or an empty blob) and source prefix (family 0 for none, 4 or 6, and the prefix's 64 bits
    /// as a signed integer); and `lockout_counter_total`, one row counting them, kept by triggers so the
    /// store's bound costs no scan.
    static let lockoutTables = """
        CREATE TABLE lockout_counters (
            dimension TEXT NOT NULL,
            account BLOB NOT NULL,
            source_family INTEGER NOT NULL,
            source_value INTEGER NOT NULL,
            failures INTEGER NOT NULL,
            streak_failures INTEGER NOT NULL,
            last_failure REAL NOT NULL,
            temporary_locks INTEGER NOT NULL,
            locked_until REAL,
            administrator_locked INTEGER NOT NULL,
            expires_at REAL NOT NULL,
            PRIMARY KEY (dimension, account, source_family, source_value)
        ) STRICT, WITHOUT ROWID;
        CREATE INDEX lockout_counters_by_expiry ON lockout_counters (expires_at);
        CREATE TABLE lockout_counter_total (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            counters INTEGER NOT NULL
        ) STRICT;
        INSERT INTO lockout_counter_total (id, counters) VALUES (1, 0);
        CREATE TRIGGER lockout_counter_added AFTER INSERT ON lockout_counters
        BEGIN
            UPDATE lockout_counter_total SET counters = counters + 1 WHERE id = 1;
        END;
        CREATE TRIGGER lockout_counter_removed AFTER DELETE ON lockout_counters
        BEGIN
            UPDATE lockout_counter_total SET counters = counters - 1 WHERE id = 1;
        END;

        """
}
