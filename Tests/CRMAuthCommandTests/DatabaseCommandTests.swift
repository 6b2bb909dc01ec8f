import Foundation
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

@Suite("crm-auth: db, --database and the key file", .serialized)
struct DatabaseCommandTests {
    @Test("db migrate creates the database and its key file, both 0600; db status then answers current")
    func migrateAndStatus() throws {
        let fixture = try CommandFixture()
        let created = try fixture.run(["db", "migrate", "--database", fixture.database])
        #expect(created.status == 0, "\(created)")
        #expect(created.output.contains("schema version 1"))
        for path in [fixture.database, fixture.keyFile] {
            let mode = try #require(FileManager.default.attributesOfItem(atPath: path)[.posixPermissions] as? Int)
            #expect(mode & 0o077 == 0, "\(path) has mode \(String(mode, radix: 8))")
        }
        let keys = try String(contentsOfFile: fixture.keyFile, encoding: .utf8)
        #expect(keys.contains("crmauth-keys 1"))
        let status = try fixture.read(["db", "status"])
        #expect(status.status == 0, "\(status)")
        #expect(status.output.contains("current"))
        // Migrating again keeps the key file (new keys would orphan sealed data).
        #expect(try fixture.run(["db", "migrate", "--database", fixture.database]).status == 0)
        #expect(try String(contentsOfFile: fixture.keyFile, encoding: .utf8) == keys)
    }

    @Test("The database comes from CRM_AUTH_DATABASE when --database is not given")
    func environment() throws {
        let fixture = try CommandFixture()
        let created = try fixture.run(["db", "migrate"], environment: ["CRM_AUTH_DATABASE": fixture.database])
        #expect(created.status == 0, "\(created)")
        #expect(FileManager.default.fileExists(atPath: fixture.database))
        #expect(try fixture.run(["db", "status"], environment: ["CRM_AUTH_DATABASE": fixture.database]).status == 0)
    }

    @Test("No database is exit status 2: none named, a missing file, an unusable postgres:// URL, an unknown scheme")
    func noDatabase() throws {
        let fixture = try CommandFixture()
        let unnamed = try fixture.run(["db", "status"])
        #expect(unnamed.status == 2)
        #expect(unnamed.error.contains("--database"))
        let missing = try fixture.read(["users", "list"])
        #expect(missing.status == 2)
        #expect(missing.error.contains("db migrate"))
        #expect(!FileManager.default.fileExists(atPath: fixture.database), "a reading command created the file")
        let status = try fixture.read(["db", "status"])
        #expect(status.status == 2)
        let postgres = try fixture.run(["users", "list", "--database", "postgres://db.example/crm"])
        #expect(postgres.status == 2)
        #expect(postgres.error.contains("no user name"), "\(postgres)")
        let keyless = try fixture.run(["users", "list", "--database", "postgres://crm@db.example/crm"])
        #expect(keyless.status == 2)
        #expect(keyless.error.contains("--keys"), "\(keyless)")
        let mysql = try fixture.run(["users", "list", "--database", "mysql://crm@db.example/crm"])
        #expect(mysql.status == 2)
        #expect(mysql.error.contains("does not know"), "\(mysql)")
    }

    @Test("A file that is not a database is exit status 2, and is left as it was")
    func notADatabase() throws {
        let fixture = try CommandFixture()
        let junk = Data("this is not a database, just some text that is long enough\n".utf8)
        _ = FileManager.default.createFile(atPath: fixture.database, contents: junk)
        #expect(try fixture.read(["db", "status"]).status == 2)
        #expect(try fixture.run(["db", "migrate", "--database", fixture.database]).status == 2)
        #expect(try Data(contentsOf: URL(fileURLWithPath: fixture.database)) == junk)
    }

    @Test("A missing, shared or malformed key file is exit status 2")
    func keyFileProblems() throws {
        let fixture = try CommandFixture()
        try fixture.migrate()
        let keys = try String(contentsOfFile: fixture.keyFile, encoding: .utf8)
        chmod(fixture.keyFile, 0o644)
        let shared = try fixture.read(["users", "list"])
        #expect(shared.status == 2)
        #expect(shared.error.contains("chmod 600"))
        chmod(fixture.keyFile, 0o600)
        #expect(try fixture.read(["users", "list"]).status == 0)
        try (keys + "surprise-key 00\n").write(toFile: fixture.keyFile, atomically: false, encoding: .utf8)
        let malformed = try fixture.read(["users", "list"])
        #expect(malformed.status == 2)
        #expect(malformed.error.contains("surprise-key"))
        try FileManager.default.removeItem(atPath: fixture.keyFile)
        let missing = try fixture.read(["users", "list"])
        #expect(missing.status == 2)
        #expect(missing.error.contains("no key file"))
        // An existing database never gets new keys silently.
        #expect(try fixture.run(["db", "migrate", "--database", fixture.database]).status == 2)
    }

    @Test("A usage error (unknown option, missing argument) is exit status 2, not ArgumentParser's 64")
    func usageError() throws {
        let fixture = try CommandFixture()
        #expect(try fixture.run(["users", "show"]).status == 2)
        #expect(try fixture.run(["db", "status", "--no-such-option"]).status == 2)
        #expect(try fixture.run(["--help"]).status == 0)
    }
}
