import ArgumentParser
import CRMAuthSQLite
import Foundation

/// `crm-auth db`
struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Create or migrate the database, and report its schema version.",
        subcommands: [MigrateCommand.self, StatusCommand.self]
    )
}

/// `crm-auth db migrate`
struct MigrateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "migrate",
        abstract: "Create the database (mode 0600) or bring its schema up to date.",
        discussion: """
            A new database gets a new key file beside it (the database path followed by .keys, or \
            --keys), mode 0600, holding the deployment keys: TOTP sealing, lockout digests and the \
            audit signing key. The keys are never stored in the database. An existing database needs \
            its key file: migrate does not make new keys for it, since data sealed under the old keys \
            would become unreadable. Exit status 0, or 2 (a schema newer than this release, a missing \
            key file, a file that is not a database).
            """
    )

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let path = try database.databasePath()
        let keyFile = database.keyFilePath(for: path)
        let isNew = !FileManager.default.fileExists(atPath: path)
        if !isNew {
            do {
                let inspection = try SQLiteDatabase.inspect(path: path)
                if inspection.isTooNew {
                    throw StandardInput.fail(
                        "\(path) has schema version \(inspection.storedVersion), newer than this release knows "
                            + "(\(inspection.knownVersion)): use a newer crm-auth")
                }
            } catch let error as SQLiteStoreError {
                throw StandardInput.fail(error.reason)
            }
        }
        let secrets =
            isNew && !FileManager.default.fileExists(atPath: keyFile)
            ? try KeyFile.create(at: keyFile) : try KeyFile.load(keyFile)
        let version = try await OperatorConsole.withSystem(path: path, secrets: secrets) { _ in
            try SQLiteDatabase.inspect(path: path).storedVersion
        }
        print("\(path): schema version \(version)\(isNew ? " (created; keys in \(keyFile))" : "")")
    }
}

/// `crm-auth db status`
struct StatusCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "status",
        abstract: "Report the database's schema version without changing anything.",
        discussion: """
            Exit status: 0 when the schema is the one this release knows, 1 when migrations are pending \
            or a newer release wrote it, 2 when there is no database or it cannot be read.
            """
    )

    @OptionGroup var database: DatabaseOptions

    func run() async throws {
        let path = try database.databasePath()
        guard FileManager.default.fileExists(atPath: path) else {
            throw StandardInput.fail("no database at \(path): create it with crm-auth db migrate")
        }
        let inspection: SQLiteDatabase.Inspection
        do {
            inspection = try SQLiteDatabase.inspect(path: path)
        } catch {
            throw StandardInput.fail(error.reason)
        }
        let state =
            inspection.isCurrent
            ? "current"
            : inspection.needsMigration ? "migrations pending: run crm-auth db migrate" : "newer than this release"
        print("\(path): schema version \(inspection.storedVersion) of \(inspection.knownVersion) (\(state))")
        if !inspection.isCurrent { throw ExitCode(1) }
    }
}
