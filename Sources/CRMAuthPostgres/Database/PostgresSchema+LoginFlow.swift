extension PostgresSchema {
    /// The `remembered_devices` table (``PostgresRememberedDeviceStore``), keyed by the device token's
    /// 32-byte digest, the device id unique, indexed by user (the limit's count and eviction) and by
    /// expiry (purge); and `mfa_challenges` (``PostgresMFAChallengeStore``), keyed by the challenge
    /// token's digest, its methods a JSON array of their names. The SQLite tables' names and columns;
    /// no foreign key to `users`, as in SQLite.
    static let loginFlowTables = [
        """
        CREATE TABLE remembered_devices (
            digest BYTEA NOT NULL PRIMARY KEY,
            id TEXT COLLATE "C" NOT NULL,
            user_id TEXT COLLATE "C" NOT NULL,
            label TEXT NOT NULL,
            security_stamp TEXT COLLATE "C" NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            last_used_at DOUBLE PRECISION NOT NULL,
            expires_at DOUBLE PRECISION NOT NULL,
            CONSTRAINT remembered_devices_id_unique UNIQUE (id)
        )
        """,
        "CREATE INDEX remembered_devices_by_user ON remembered_devices (user_id, last_used_at)",
        "CREATE INDEX remembered_devices_by_expiry ON remembered_devices (expires_at)",
        """
        CREATE TABLE mfa_challenges (
            digest BYTEA NOT NULL PRIMARY KEY,
            user_id TEXT COLLATE "C" NOT NULL,
            tenant_id TEXT COLLATE "C",
            methods TEXT NOT NULL,
            security_stamp TEXT COLLATE "C" NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            expires_at DOUBLE PRECISION NOT NULL,
            failures BIGINT NOT NULL
        )
        """,
        "CREATE INDEX mfa_challenges_by_expiry ON mfa_challenges (expires_at)",
    ]
}
