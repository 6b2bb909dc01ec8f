extension Schema {
    /// The `password_history` table (``SQLitePasswordHistoryStore``). `seq` is the rowid: a new row
    /// always gets a larger one than every row present, so it orders a user's entries by append.
    static let passwordHistoryTables = """
        CREATE TABLE password_history (
            seq INTEGER PRIMARY KEY,
            user_id TEXT NOT NULL,
            stored_hash TEXT NOT NULL,
            changed_at REAL NOT NULL
        ) STRICT;
        CREATE INDEX password_history_by_user ON password_history (user_id, seq);

        """
}
