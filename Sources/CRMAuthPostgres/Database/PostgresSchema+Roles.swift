extension PostgresSchema {
    /// The `rbac_policy` table (``PostgresRoleStore``): one row (`id = 1`), the policy document and its
    /// version. A new database has no row, which reads as the empty policy at version 0; the first
    /// `apply` inserts it (version 0, empty policy) before locking it.
    static let roleTables = [
        """
        CREATE TABLE rbac_policy (
            id INTEGER NOT NULL PRIMARY KEY CHECK (id = 1),
            version BIGINT NOT NULL,
            document TEXT NOT NULL
        )
        """
    ]
}
