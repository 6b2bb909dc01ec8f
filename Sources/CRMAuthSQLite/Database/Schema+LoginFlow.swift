extension Schema {
    /// The `remembered_devices` table (``SQLiteRememberedDeviceStore``), keyed by the device token's
    /// 32-byte digest, the device id unique; and `mfa_challenges` (``SQLiteMFAChallengeStore``), keyed by
    /// the challenge token's digest.
    static let loginFlowTables = """
        CREATE TABLE remembered_devices (
            digest BLOB NOT NULL PRIMARY KEY,
            id TEXT NOT NULL UNIQUE,
            user_id TEXT NOT NULL,
            label TEXT NOT NULL,
            security_stamp TEXT NOT NULL,
            created_at REAL NOT NULL,
            last_used_at REAL NOT NULL,
            expires_at REAL NOT NULL
        ) STRICT;
        CREATE INDEX remembered_devices_by_user ON remembered_devices (user_id, last_used_at);
        CREATE INDEX remembered_devices_by_expiry ON remembered_devices (expires_at);
        CREATE TABLE mfa_challenges (
            digest BLOB NOT NULL PRIMARY KEY,
            user_id TEXT NOT NULL,
            tenant_id TEXT,
            methods TEXT NOT NULL,
            security_stamp TEXT NOT NULL,
            created_at REAL NOT NULL,
            expires_at REAL NOT NULL,
            failures INTEGER NOT NULL
        ) STRICT;
        CREATE INDEX mfa_challenges_by_expiry ON mfa_challenges (expires_at);

        """
}
