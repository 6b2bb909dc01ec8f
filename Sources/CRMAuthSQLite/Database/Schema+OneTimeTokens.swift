extension Schema {
    /// The `one_time_tokens` table (``SQLiteOneTimeTokenStore``).
    static let oneTimeTokenTables = """
        CREATE TABLE one_time_tokens (
            digest BLOB NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL,
            purpose TEXT NOT NULL,
            purpose_lifetime REAL NOT NULL,
            security_stamp TEXT NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL
        ) STRICT;
        CREATE INDEX one_time_tokens_by_expiry ON one_time_tokens (expires_at);

        """
}
