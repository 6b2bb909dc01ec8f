import ArgumentParser
import CRMAuth
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
        let location = try database.location()
        let keyFile = try database.keyFilePath(for: location)
        let before: SchemaInspection? = location.exists ? try await location.inspect() : nil
        if let before, before.isTooNew {
            throw StandardInput.fail(
                "\(location.name) has schema version \(before.storedVersion), newer than this release knows "
                    + "(\(before.knownVersion)): use a newer crm-auth")
        }
        // New: no file, or a PostgreSQL schema CRMAuth has not written yet.
        let isNew = (before?.storedVersion ?? 0) == 0
        let secrets =
            isNew && !FileManager.default.fileExists(atPath: keyFile)
            ? try KeyFile.create(at: keyFile) : try KeyFile.load(keyFile)
        try await OperatorConsole.withSystem(location, secrets: secrets) { _ in }
        let version = try await location.inspect().storedVersion
        print("\(location.name): schema version \(version)\(isNew ? " (created; keys in \(keyFile))" : "")")
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
        let location = try database.location()
        guard location.exists else {
            throw StandardInput.fail("no database at \(location.name): create it with crm-auth db migrate")
        }
        let inspection = try await location.inspect()
        let state =
            inspection.isCurrent
            ? "current"
            : inspection.needsMigration ? "migrations pending: run crm-auth db migrate" : "newer than this release"
        print("\(location.name): schema version \(inspection.storedVersion) of \(inspection.knownVersion) (\(state))")
        if !inspection.isCurrent { throw ExitCode(1) }
    }
}
