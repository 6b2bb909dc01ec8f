import ArgumentParser
import CRMAuth
import CRMAuthPostgres
import CRMAuthSQLite
import Foundation

/// `--database` and `--keys`: where the operator's commands find the system.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            "The database: a SQLite file or a postgres:// URL (default: $CRM_AUTH_DATABASE).",
            valueName: "path-or-url"))
    var database: String?

    @Option(
        name: .customLong("keys"),
        help: ArgumentHelp(
            "The deployment key file (default: $CRM_AUTH_KEYS, else the SQLite path followed by .keys; "
                + "required for PostgreSQL).",
            valueName: "path"))
    var keys: String?

    /// The database named by `--database` or `CRM_AUTH_DATABASE`; exit status 2 for none or an unusable URL.
    func location() throws -> DatabaseLocation {
        let environment = ProcessInfo.processInfo.environment
        guard let location = database ?? environment["CRM_AUTH_DATABASE"], !location.isEmpty else {
            throw StandardInput.fail("no database: give --database PATH-OR-URL or set CRM_AUTH_DATABASE")
        }
        let lowered = location.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            do {
                return .postgres(try PostgresConfiguration(url: location))
            } catch {
                throw StandardInput.fail("--database: \(error.reason)")
            }
        }
        if lowered.contains("://") {
            throw StandardInput.fail("\(location) is a URL crm-auth does not know; give a SQLite path or postgres://")
        }
        return .sqlite(location)
    }

    /// The key file for the database at `location`.
    func keyFilePath(for location: DatabaseLocation) throws -> String {
        if let keys, !keys.isEmpty { return keys }
        if let keys = ProcessInfo.processInfo.environment["CRM_AUTH_KEYS"], !keys.isEmpty { return keys }
        switch location {
        case .sqlite(let path): return path + ".keys"
        case .postgres:
            throw StandardInput.fail("a PostgreSQL database needs its key file: give --keys PATH or set CRM_AUTH_KEYS")
        }
    }
}

/// A database the operator's commands work on.
enum DatabaseLocation {
    /// A SQLite file.
    case sqlite(String)
    /// A PostgreSQL server.
    case postgres(PostgresConfiguration)

    /// How messages name it: the path, or the URL without its password.
    var name: String {
        switch self {
        case .sqlite(let path): path
        case .postgres(let configuration):
            "postgres://\(configuration.username)@\(configuration.host):\(configuration.port)/\(configuration.database)"
                + (configuration.schema.map { "?schema=\($0)" } ?? "")
        }
    }

    /// Whether the database exists at all (a SQLite file; a PostgreSQL database always does, its
    /// schema may still be empty).
    var exists: Bool {
        switch self {
        case .sqlite(let path): FileManager.default.fileExists(atPath: path)
        case .postgres: true
        }
    }

    /// The stored and known schema versions, nothing changed; exit status 2 if it cannot be read.
    func inspect() async throws -> SchemaInspection {
        do {
            switch self {
            case .sqlite(let path): return try SQLiteDatabase.inspect(path: path)
            case .postgres(let configuration):
                return try await PostgresAuthDatabase.inspect(configuration: configuration)
            }
        } catch {
            throw StandardInput.fail("cannot read \(name): \(OperatorConsole.describe(error))")
        }
    }

    /// The system on this database, migrated on open.
    func open(configuration: AuthFlowConfiguration, secrets: AuthFlowSecrets) async throws -> AuthSystem {
        switch self {
        case .sqlite(let path):
            try await AuthSystem.sqlite(path: path, configuration: configuration, secrets: secrets)
        case .postgres(let postgres):
            try await AuthSystem.postgres(configuration: postgres, flow: configuration, secrets: secrets)
        }
    }
}

/// `--operator`: who runs an administrative command, for the audit trail.
struct OperatorOption: ParsableArguments {
    @Option(
        name: .customLong("operator"),
        help: ArgumentHelp("Your name in the audit trail (default: $USER).", valueName: "name"))
    var name: String?
}
