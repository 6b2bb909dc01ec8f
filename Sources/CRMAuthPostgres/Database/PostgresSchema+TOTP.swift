extension PostgresSchema {
    /// The TOTP tables: `totp_steps` (``PostgresTOTPStore``), `hotp_counters` (``PostgresHOTPCounterStore``),
    /// `totp_enrollments` (``PostgresTOTPEnrollmentStore``) and `recovery_codes` (``PostgresRecoveryCodeStore``),
    /// with the SQLite tables' names and columns.
    ///
    /// - `totp_steps.last` is the signed step as a `BIGINT`; `hotp_counters.last` the unsigned counter as
    ///   `counter ^ 2^63` reinterpreted as signed, so the signed `<` orders it as the counter.
    /// - A sealed secret is a `BYTEA` holding the bytes given (PostgreSQL keeps an empty `BYTEA` empty, so
    ///   no length column is needed). A user with an active secret has nothing pending (a `CHECK` keeps it
    ///   so).
    /// - Recovery codes are their 32-byte SHA-256 digests, one row each, unique per user.
    static let totpTables = [
        """
        CREATE TABLE totp_steps (
            user_id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            last BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE hotp_counters (
            user_id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            last BIGINT NOT NULL
        )
        """,
        """
        CREATE TABLE totp_enrollments (
            user_id TEXT COLLATE "C" NOT NULL PRIMARY KEY,
            pending BYTEA,
            pending_created_at DOUBLE PRECISION,
            active BYTEA,
            CONSTRAINT totp_enrollments_pending_or_active CHECK (pending IS NULL OR active IS NULL)
        )
        """,
        """
        CREATE TABLE recovery_codes (
            user_id TEXT COLLATE "C" NOT NULL,
            digest BYTEA NOT NULL,
            PRIMARY KEY (user_id, digest)
        )
        """,
    ]
}
