import Foundation
import GRDB

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One SQLite database file shared by every CRMAuth store: opened in WAL mode with foreign keys on
/// and a busy timeout, through a pool of connections (one writer, several readers), its schema brought
/// up to date on open.
///
/// ```swift
/// let database = try SQLiteDatabase(path: "/var/lib/crm/auth.sqlite")
/// let users = SQLiteUserStore(database: database)
/// let sessions = SQLiteSessionStore(database: database)
/// ```
///
/// - A file that does not exist is created with mode 0600 (owner read and write only) before SQLite
///   opens it; SQLite gives its `-wal` and `-shm` files the same mode. An existing file keeps its mode.
/// - Migrations are versioned and applied in order on open, each in its own transaction. A file whose
///   schema is newer than this code knows throws ``SQLiteStoreError/schemaTooNew`` and is left untouched:
///   an older release never downgrades or misreads a newer schema.
/// - Several processes may open the same file: SQLite's file locks serialize writers, and each store
///   requirement the contracts call atomic is one statement or one `BEGIN IMMEDIATE` transaction.
/// - Every connection runs with the ``Synchronous`` setting given at open (`FULL` by default).
public final class SQLiteDatabase: Sendable {
    /// How often SQLite waits for the disk (`PRAGMA synchronous`), set on every connection.
    ///
    /// In WAL mode both settings keep the file consistent after a crash of the process or of the
    /// machine; they differ in what a power failure or OS crash may take back:
    public enum Synchronous: Sendable, Hashable, CustomStringConvertible {
        /// `NORMAL`: a commit appends to the WAL without waiting for the disk; SQLite syncs the WAL
        /// only at checkpoints. A power failure or OS crash may roll back the last commits (a session
        /// issued, a code marked used); the file stays consistent. A crash of the process alone loses
        /// nothing. Faster writes.
        case normal
        /// `FULL` (the default): each commit waits until the WAL is on disk, so every acknowledged
        /// write survives a power failure. A single-use record (a used refresh token, an accepted TOTP
        /// step, a redeemed recovery code) can then never come back after a crash.
        case full

        var pragmaValue: Int {
            switch self {
            case .normal: 1
            case .full: 2
            }
        }

        init?(pragmaValue: Int) {
            switch pragmaValue {
            case 1: self = .normal
            case 2: self = .full
            default: return nil
            }
        }

        /// The pragma's keyword: `NORMAL` or `FULL`.
        public var description: String {
            switch self {
            case .normal: "NORMAL"
            case .full: "FULL"
            }
        }
    }

    /// The schema version this code writes and reads (`PRAGMA user_version` once migrated).
    public static let schemaVersion = Schema.version

    /// The database file's path.
    public let path: String
    /// The `synchronous` setting every connection runs with.
    public let synchronous: Synchronous
    let pool: DatabasePool
    let lookups: LookupConnections

    /// Opens the database at `path`, creating it (mode 0600) if absent, and applies pending migrations.
    /// - Parameters:
    ///   - path: the database file; its folder must exist.
    ///   - busyTimeout: how long a statement waits for another process's lock before failing, in seconds.
    ///   - synchronous: how often commits wait for the disk (see ``Synchronous``); `FULL` by default.
    /// - Throws: ``SQLiteStoreError/cannotOpen`` if the file cannot be created or opened,
    ///   ``SQLiteStoreError/schemaTooNew`` if a newer release wrote its schema; GRDB's `DatabaseError`
    ///   if a migration fails (nothing of that migration is kept).
    public init(path: String, busyTimeout: Double = 5, synchronous: Synchronous = .full) throws {
        self.path = path
        self.synchronous = synchronous
        try Self.createIfAbsent(path: path)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(busyTimeout)
        configuration.label = "CRMAuthSQLite"
        let pragma = "PRAGMA synchronous = \(synchronous.pragmaValue)"
        configuration.prepareDatabase { db in
            // New pages zeroed and deleted rows (revoked sessions, used links) overwritten, whatever
            // the SQLite build's default (Debian's is already on; others may not be): nothing the
            // process freed or the stores deleted is left to rest in the file.
            try db.execute(sql: "PRAGMA secure_delete = ON")
            try db.execute(sql: pragma)
        }
        let lookupConfiguration = {
            var readOnly = configuration
            readOnly.readonly = true
            readOnly.label = "CRMAuthSQLite.lookup"
            return readOnly
        }()
        // One per core and a few more: a connection is held only while its holder's thread runs one
        // statement, so more threads than that rarely want one at once (and those that find none busy
        // take the async path).
        lookups = LookupConnections(maximum: 4 + 2 * ProcessInfo.processInfo.activeProcessorCount) {
            try DatabaseQueue(path: path, configuration: lookupConfiguration)
        }
        do {
            pool = try DatabasePool(path: path, configuration: configuration)
            // GRDB sets `synchronous = NORMAL` on the writer when it turns WAL on, after
            // `prepareDatabase` ran: set the chosen value again on that one connection.
            try pool.writeWithoutTransaction { db in try db.execute(sql: pragma) }
        } catch {
            throw SQLiteStoreError(.cannotOpen, "cannot open \(path)", underlying: error)
        }
        try Schema.migrate(pool, path: path)
    }

    /// The schema version stored in the file (`PRAGMA user_version`).
    /// - Throws: GRDB's `DatabaseError` if the file cannot be read.
    public func storedSchemaVersion() async throws -> Int {
        try await pool.read { db in try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0 }
    }

    /// Whether SQLite enforces foreign keys on this database's connections (always `true`).
    /// - Throws: GRDB's `DatabaseError` if the file cannot be read.
    public func foreignKeysEnabled() async throws -> Bool {
        try await pool.read { db in try Bool.fetchOne(db, sql: "PRAGMA foreign_keys") ?? false }
    }

    /// Whether `secure_delete` is on for the writer connection and for a reader connection (always
    /// both): new pages are zeroed and deleted content overwritten, so no stale process memory or
    /// deleted row rests in the file.
    /// - Throws: GRDB's `DatabaseError` if the file cannot be read.
    public func secureDeleteInEffect() async throws -> (writer: Bool, reader: Bool) {
        let query = "PRAGMA secure_delete"
        let writer = try await pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: query) }
        let reader = try await pool.read { db in try Int.fetchOne(db, sql: query) }
        return (writer == 1, reader == 1)
    }

    /// The `synchronous` setting in effect on the writer connection and on a reader connection, as
    /// SQLite reports it (`nil` for a value other than `NORMAL` or `FULL`).
    /// - Throws: GRDB's `DatabaseError` if the file cannot be read.
    public func synchronousInEffect() async throws -> (writer: Synchronous?, reader: Synchronous?) {
        let query = "PRAGMA synchronous"
        let writer = try await pool.writeWithoutTransaction { db in try Int.fetchOne(db, sql: query) }
        let reader = try await pool.read { db in try Int.fetchOne(db, sql: query) }
        return (writer.flatMap(Synchronous.init(pragmaValue:)), reader.flatMap(Synchronous.init(pragmaValue:)))
    }

    /// Runs one read-only statement's work without an explicit transaction, on the calling thread when
    /// a lookup connection is free: for the hot single-`SELECT` lookups (session validation, the
    /// account's security stamp, the sign-in's account).
    ///
    /// The `async` `pool.read` hops to a reader's queue and back (two thread switches, 100-200 µs on a
    /// 2-vCPU VM) and wraps the read in `BEGIN`/`COMMIT` plus a schema-version check; one `SELECT` is
    /// its own consistent snapshot in SQLite, and a WAL reader never waits for a writer, so running the
    /// statement's own few microseconds on the calling thread costs less than the hops. The connection
    /// comes from ``LookupConnections``, never from GRDB's reader pool, and is never waited for: when
    /// every one is in use the read takes the `async` path (`pool.unsafeRead`), so no thread of Swift's
    /// cooperative pool ever blocks on a connection that only that pool could give back.
    /// - Parameter block: the read; it must run exactly one statement.
    /// - Throws: whatever `block` or the pool throws.
    func readNow<T: Sendable>(_ block: @escaping @Sendable (Database) throws -> T) async throws -> T {
        if let value = try lookups.withConnection(block) { return value }
        return try await pool.unsafeRead(block)
    }

    /// Closes every connection; stores over this database fail afterwards. Waits for running statements.
    /// - Throws: GRDB's `DatabaseError` if a connection cannot be closed.
    public func close() throws {
        try lookups.close()
        try pool.close()
    }

    private static func createIfAbsent(path: String) throws(SQLiteStoreError) {
        // O_CREAT without O_EXCL: an existing file is opened as it is and keeps its mode; a new one is
        // created 0600 (the umask can only remove bits) before SQLite ever sees the path.
        let descriptor = open(path, O_RDWR | O_CREAT | O_CLOEXEC, 0o600)
        guard descriptor >= 0 else {
            let number = errno
            throw SQLiteStoreError(
                .cannotOpen, "cannot create \(path): \(String(cString: strerror(number)))")
        }
        closeDescriptor(descriptor)
    }
}

private func closeDescriptor(_ descriptor: Int32) {
    _ = close(descriptor)
}
