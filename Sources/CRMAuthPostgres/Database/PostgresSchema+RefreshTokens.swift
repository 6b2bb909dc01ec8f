extension PostgresSchema {
    /// The `refresh_tokens` table (``PostgresRefreshTokenStore``), with the SQLite table's name and
    /// columns: one row per token of a family, used or not, keyed by the token's digest; indexed by family
    /// (revocation, reuse) and by expiry (purge).
    static let refreshTokenTables = [
        """
        CREATE TABLE refresh_tokens (
            digest BYTEA NOT NULL PRIMARY KEY,
            family_id TEXT COLLATE "C" NOT NULL,
            user_id TEXT COLLATE "C" NOT NULL,
            security_stamp TEXT COLLATE "C" NOT NULL,
            family_created_at DOUBLE PRECISION NOT NULL,
            expires_at DOUBLE PRECISION NOT NULL,
            used BOOLEAN NOT NULL
        )
        """,
        "CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id)",
        "CREATE INDEX refresh_tokens_by_expiry ON refresh_tokens (expires_at)",
    ]
}
