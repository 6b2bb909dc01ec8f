import CRMAuthSQLite

extension TemporaryDatabase {
    /// Drops `STRICT` from `table`'s stored schema, as a tool that ignores it would leave the file, so a
    /// test can write a value of the wrong type (reopen the database afterwards).
    func dropStrict(_ table: String) throws {
        try editByHand(
            """
            PRAGMA writable_schema = ON;
            UPDATE sqlite_schema SET sql = replace(sql, ') STRICT', ')') WHERE name = '\(table)';
            """)
    }
}
