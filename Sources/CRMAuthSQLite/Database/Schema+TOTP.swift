extension Schema {
    /// The TOTP tables: `totp_steps` (``SQLiteTOTPStore``), `hotp_counters` (``SQLiteHOTPCounterStore``),
    /// `totp_enrollments` (``SQLiteTOTPEnrollmentStore``) and `recovery_codes` (``SQLiteRecoveryCodeStore``).
    ///
    /// - `hotp_counters.last` holds the unsigned counter as `counter ^ 2^63` reinterpreted as signed, so
    ///   SQLite's signed `<` orders it as the counter.
    /// - A sealed secret is kept as the bytes given, beside its length: a value cut short (a partial copy,
    ///   a hand edit) is refused on read rather than handed on. A user with an active secret has nothing
    ///   pending (a `CHECK` keeps it so).
    /// - Recovery codes are their 32-byte SHA-256 digests, one row each, unique per user.
    static let totpTables = """
        CREATE TABLE totp_steps (
            user_id TEXT NOT NULL PRIMARY KEY,
            last INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE hotp_counters (
            user_id TEXT NOT NULL PRIMARY KEY,
            last INTEGER NOT NULL
        ) STRICT;
        CREATE TABLE totp_enrollments (
            user_id TEXT NOT NULL PRIMARY KEY,
            pending BLOB,
            pending_length INTEGER,
            pending_created_at REAL,
            active BLOB,
            active_length INTEGER,
            CHECK (pending IS NULL OR active IS NULL)
        ) STRICT;
        CREATE TABLE recovery_codes (
            user_id TEXT NOT NULL,
            digest BLOB NOT NULL,
            PRIMARY KEY (user_id, digest)
        ) STRICT;

        """
}
