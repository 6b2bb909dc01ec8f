extension Schema {
    /// The `users` table (``SQLiteUserStore``).
    static let usersTables = """
        CREATE TABLE users (
            id TEXT NOT NULL PRIMARY KEY,
            email_text TEXT NOT NULL,
            email_key TEXT NOT NULL UNIQUE,
            username_text TEXT,
            username_key TEXT UNIQUE,
            display_name TEXT NOT NULL,
            status TEXT NOT NULL,
            home_tenant TEXT,
            password_hash TEXT,
            password_changed_at REAL,
            password_change_required INTEGER NOT NULL,
            security_stamp TEXT NOT NULL,
            mfa TEXT NOT NULL,
            external_identities TEXT NOT NULL,
            created_at REAL NOT NULL,
            last_login_at REAL,
            version INTEGER NOT NULL
        ) STRICT;
        """
}
