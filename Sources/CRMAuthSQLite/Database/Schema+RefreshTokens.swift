extension Schema {
    /// The `refresh_tokens` table (``SQLiteRefreshTokenStore``): one row per token of a family, used or
    /// not, keyed by the token's digest; indexed by family (revocation, reuse) and by expiry (purge).
    static let refreshTokenTables = """
        CREATE TABLE refresh_tokens (
            digest BLOB NOT NULL PRIMARY KEY,
            family_id TEXT NOT NULL,
            user_id TEXT NOT NULL,
            security_stamp TEXT NOT NULL,
            family_created_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            used INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX refresh_tokens_by_family ON refresh_tokens (family_id);
        CREATE INDEX refresh_tokens_by_expiry ON refresh_tokens (expires_at);

        """
}
