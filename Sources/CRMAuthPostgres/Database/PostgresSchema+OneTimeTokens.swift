extension PostgresSchema {
    /// The `one_time_tokens` table (``PostgresOneTimeTokenStore``).
    static let oneTimeTokenTables = [
        """
        CREATE TABLE one_time_tokens (
            digest BYTEA NOT NULL PRIMARY KEY,
            user_id TEXT COLLATE "C" NOT NULL,
            purpose TEXT COLLATE "C" NOT NULL,
            purpose_lifetime DOUBLE PRECISION NOT NULL,
            security_stamp TEXT COLLATE "C" NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            expires_at DOUBLE PRECISION NOT NULL
        )
        """,
        "CREATE INDEX one_time_tokens_by_expiry ON one_time_tokens (expires_at)",
    ]
}
