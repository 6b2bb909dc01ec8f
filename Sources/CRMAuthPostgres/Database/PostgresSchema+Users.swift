extension PostgresSchema {
    /// The `users` table (``PostgresUserStore``).
    static let usersTables = [
        """
        CREATE TABLE users (
            id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            email_text TEXT NOT NULL,
            email_key TEXT COLLATE "C" NOT NULL,
            username_text TEXT,
            username_key TEXT COLLATE "C",
            display_name TEXT NOT NULL,
            status TEXT COLLATE "C" NOT NULL,
            home_tenant TEXT COLLATE "C",
            password_hash TEXT,
            password_changed_at DOUBLE PRECISION,
            password_change_required BOOLEAN NOT NULL,
            security_stamp TEXT COLLATE "C" NOT NULL,
            mfa TEXT COLLATE "C" NOT NULL,
            external_identities TEXT NOT NULL,
            created_at DOUBLE PRECISION NOT NULL,
            last_login_at DOUBLE PRECISION,
            version BIGINT NOT NULL,
            CONSTRAINT users_email_key_unique UNIQUE (email_key),
            CONSTRAINT users_username_key_unique UNIQUE (username_key)
        )
        """
    ]
}
