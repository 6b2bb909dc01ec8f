extension PostgresSchema {
    /// The `password_history` table (``PostgresPasswordHistoryStore``), with the SQLite table's name and
    /// columns. `seq` is an identity column: an append draws it after the previous append for the same
    /// user committed (the store serializes them), so it orders a user's entries by append.
    static let passwordHistoryTables = [
        """
        CREATE TABLE password_history (
            seq BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
            user_id TEXT COLLATE "C" NOT NULL,
            stored_hash TEXT COLLATE "C" NOT NULL,
            changed_at DOUBLE PRECISION NOT NULL
        )
        """,
        "CREATE INDEX password_history_by_user ON password_history (user_id, seq)",
    ]
}
