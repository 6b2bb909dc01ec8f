extension Schema {
    /// The `rbac_policy` table (``SQLiteRoleStore``): one row, the policy document and its version. A
    /// new database has no row, which reads as the empty policy at version 0.
    static let roleTables = """
        CREATE TABLE rbac_policy (
            id INTEGER PRIMARY KEY CHECK (id = 1),
            version INTEGER NOT NULL,
            document TEXT NOT NULL
        ) STRICT;

        """
}
