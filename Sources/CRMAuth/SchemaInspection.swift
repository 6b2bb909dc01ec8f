/// What a database holds, read without changing it: the schema version stored against the one this
/// release knows. The database backends report it (`SQLiteDatabase.inspect(path:)`,
/// `PostgresAuthDatabase.inspect(configuration:)`), for an operator's status report and to refuse
/// working on a database that still needs migrating.
public struct SchemaInspection: Sendable, Hashable {
    /// The schema version stored in the database, 0 for one CRMAuth has not written yet.
    public let storedVersion: Int
    /// The schema version this code writes and reads.
    public let knownVersion: Int

    /// A report of `storedVersion` against `knownVersion`.
    public init(storedVersion: Int, knownVersion: Int) {
        self.storedVersion = storedVersion
        self.knownVersion = knownVersion
    }

    /// Whether the database holds exactly the schema this code knows.
    public var isCurrent: Bool { storedVersion == knownVersion }
    /// Whether migrations are pending (opening the database applies them).
    public var needsMigration: Bool { storedVersion < knownVersion }
    /// Whether a newer release wrote the database (opening it fails with a "schema too new" error).
    public var isTooNew: Bool { storedVersion > knownVersion }
}
