import ArgumentParser
import Foundation

/// `--database` and `--keys`: where the operator's commands find the system.
struct DatabaseOptions: ParsableArguments {
    @Option(
        name: .customLong("database"),
        help: ArgumentHelp(
            "The database: a SQLite file (default: $CRM_AUTH_DATABASE). A postgres:// URL is not available yet.",
            valueName: "path"))
    var database: String?

    @Option(
        name: .customLong("keys"),
        help: ArgumentHelp(
            "The deployment key file (default: $CRM_AUTH_KEYS, else the database path followed by .keys).",
            valueName: "path"))
    var keys: String?

    /// The SQLite file named by `--database` or `CRM_AUTH_DATABASE`; exit status 2 for none or a URL.
    func databasePath() throws -> String {
        let environment = ProcessInfo.processInfo.environment
        guard let location = database ?? environment["CRM_AUTH_DATABASE"], !location.isEmpty else {
            throw StandardInput.fail("no database: give --database PATH or set CRM_AUTH_DATABASE")
        }
        let lowered = location.lowercased()
        if lowered.hasPrefix("postgres://") || lowered.hasPrefix("postgresql://") {
            throw StandardInput.fail(
                "PostgreSQL is not available yet: --database takes a SQLite file path for now")
        }
        if lowered.contains("://") {
            throw StandardInput.fail("\(location) is a URL; --database takes a SQLite file path")
        }
        return location
    }

    /// The key file for the database at `databasePath`.
    func keyFilePath(for databasePath: String) -> String {
        if let keys, !keys.isEmpty { return keys }
        if let keys = ProcessInfo.processInfo.environment["CRM_AUTH_KEYS"], !keys.isEmpty { return keys }
        return databasePath + ".keys"
    }
}

/// `--operator`: who runs an administrative command, for the audit trail.
struct OperatorOption: ParsableArguments {
    @Option(
        name: .customLong("operator"),
        help: ArgumentHelp("Your name in the audit trail (default: $USER).", valueName: "name"))
    var name: String?
}
