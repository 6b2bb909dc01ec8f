import CRMAuthTestSupport
import Foundation
import Testing

extension PostgreSQLTests {
    /// `crm-auth --database postgres://...`: every operator subcommand, run as the built binary against
    /// a schema of its own, with the exit statuses the SQLite suites check (CRMAuthCommandTests).
    @Suite("crm-auth on PostgreSQL")
    struct CommandOnPostgresTests {
        static let password = "Quiet-Lantern-Orbit-7281"
        static let policy = """
            {"formatVersion":1,"roles":["agent","admin"],"rules":[{"role":"agent","effect":"allow",\
            "permission":"contacts:read"}],"inheritance":[{"role":"admin","inherits":"agent"}],"assignments":[],\
            "constraints":[]}
            """

        @Test("Every operator subcommand works on a postgres:// URL")
        func everySubcommand() async throws {
            try await TemporarySchema.with { schema, _ in
                // A schema of the command's own: `db migrate` creates it and its key file.
                let console = try Console(schema: schema, schemaName: schema.name + "_cli")
                defer { console.remove() }
                #expect(try console.run(["db", "status"]).status == 1, "no CRMAuth schema yet")
                let migrated = try console.run(["db", "migrate"])
                #expect(migrated.status == 0, "\(migrated)")
                #expect(migrated.output.contains("created; keys in"), "\(migrated)")
                #expect(try console.run(["db", "status"]).status == 0)
                #expect(try console.run(["db", "migrate"]).status == 0, "again: nothing to do")
                // The test's own schema was migrated by the test, without a key file: refused, not re-keyed.
                let unkeyed = try Console(schema: schema)
                defer { unkeyed.remove() }
                #expect(try unkeyed.run(["db", "migrate"]).status == 2)

                let noKeys = try console.run(["users", "list"], keys: false)
                #expect(noKeys.status == 2, "\(noKeys)")
                #expect(noKeys.error.contains("--keys"), "\(noKeys)")

                let created = try console.run(
                    ["users", "create", "--email", "dana@example.com", "--name", "Dana Scully"],
                    input: Self.password + "\n")
                #expect(created.status == 0, "\(created)")
                let id = created.output.trimmingCharacters(in: .whitespacesAndNewlines)
                let list = try console.run(["users", "list"])
                #expect(list.lines == ["\(id)\tdana@example.com\t-\tactive\t-"], "\(list)")
                #expect(try console.run(["users", "show", "dana@example.com"]).lines.contains("id: \(id)"))
                #expect(try console.run(["users", "show", "nobody@example.com"]).status == 1)
                for action in ["disable", "enable", "unlock", "force-password-change"] {
                    let run = try console.run(["users", action, id])
                    #expect(run.status == 0, "\(action): \(run)")
                }

                #expect(try console.run(["sessions", "list", id]).status == 0)
                let revoked = try console.run(["sessions", "revoke", id, "--all"])
                #expect([0, 1].contains(revoked.status), "\(revoked)")
                #expect(try console.run(["sessions", "revoke", id, "no-such-session"]).status == 1)

                let file = console.folder.appendingPathComponent("policy.json").path
                try Self.policy.write(toFile: file, atomically: false, encoding: .utf8)
                #expect(try console.run(["roles", "import", file]).status == 0)
                #expect(try console.run(["roles", "grant", id, "admin", "--tenant", "acme"]).status == 0)
                let explained = try console.run([
                    "roles", "explain", "--user", id, "--tenant", "acme", "--permission", "contacts:read",
                ])
                #expect(explained.status == 0, "\(explained)")
                #expect(try console.run(["roles", "revoke", id, "admin", "--tenant", "acme"]).status == 0)
                let exported = try console.run(["roles", "export"])
                #expect(exported.status == 0 && exported.output.contains("contacts:read"), "\(exported)")

                let status = try console.run(["lockout", "status", id])
                #expect(status.status == 0, "\(status)")
                #expect(try console.run(["lockout", "unlock", id]).status == 0)

                let verified = try console.run(["audit", "verify"])
                #expect(verified.status == 0, "\(verified)")
                let tail = try console.run(["audit", "tail", "--count", "100"])
                #expect(tail.status == 0 && tail.output.contains("operator:ops-alice"), "\(tail)")
                let export = try console.run(["audit", "export", "--since", "2000-01-01T00:00:00Z"])
                #expect(export.status == 0 && export.output.contains("user.created"), "\(export)")
                let exportFile = console.folder.appendingPathComponent("export.jsonl").path
                try export.output.write(toFile: exportFile, atomically: false, encoding: .utf8)
                #expect(try console.run(["audit", "verify", "--file", exportFile]).status == 0)

                // The password was read from standard input and is in no output.
                #expect(!list.output.contains(Self.password) && !tail.output.contains(Self.password))
                try await schema.editByHand("DROP SCHEMA \(schema.name)_cli CASCADE")
            }
        }

        @Test("An unreachable server is exit status 2 with a clear message, within the request timeout")
        func unreachable() throws {
            let console = try Console(url: "postgres://crmauth@127.0.0.1:1/crmauth?sslmode=disable&request_timeout=2")
            defer { console.remove() }
            let run = try console.run(["users", "list"])
            #expect(run.status == 2, "\(run)")
            #expect(run.error.contains("127.0.0.1"), "\(run)")
        }
    }
}

/// The built `crm-auth`, run against one PostgreSQL schema with its own key file.
struct Console {
    let url: String
    let folder: URL
    var keyFile: String { folder.appendingPathComponent("keys").path }

    init(schema: TemporarySchema, schemaName: String? = nil) throws {
        let base = try #require(PostgresTestEnvironment.url)
        try self.init(url: base + (base.contains("?") ? "&" : "?") + "schema=\(schemaName ?? schema.name)")
    }

    init(url: String) throws {
        self.url = url
        folder = FileManager.default.temporaryDirectory.appendingPathComponent("crm-auth-pg-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    }

    func remove() { try? FileManager.default.removeItem(at: folder) }

    struct Run: CustomStringConvertible {
        let status: Int32
        let output: String
        let error: String
        var lines: [String] { output.split(separator: "\n").map(String.init) }
        var description: String { "exit \(status)\nstdout: \(output)\nstderr: \(error)" }
    }

    /// Whether the subcommand changes something (or reads secrets' surroundings) and so names its operator.
    static func takesOperator(_ arguments: [String]) -> Bool {
        switch (arguments[0], arguments.count > 1 ? arguments[1] : "") {
        case ("users", "create"), ("users", "disable"), ("users", "enable"), ("users", "unlock"),
            ("users", "force-password-change"), ("sessions", _), ("lockout", _), ("roles", "grant"),
            ("roles", "revoke"), ("roles", "import"), ("audit", "export"):
            true
        default: false
        }
    }

    /// Runs `crm-auth arguments --database URL [--keys FILE] --operator ops-alice` with `input`.
    func run(_ arguments: [String], input: String = "", keys: Bool = true) throws -> Run {
        let id = UUID().uuidString
        let paths = ["in", "out", "err"].map { folder.appendingPathComponent("\($0)-\(id)").path }
        try input.write(toFile: paths[0], atomically: false, encoding: .utf8)
        // `audit verify --file` checks an export without a database.
        let file = arguments.contains("--file")
        var all = arguments + (file ? [] : ["--database", url])
        if keys && !file { all += ["--keys", keyFile] }
        if Self.takesOperator(arguments) { all += ["--operator", "ops-alice"] }
        let child = try ChildProcess.start(
            try BuiltExecutable.url("crm-auth").path, arguments: all,
            environment: ["PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"],
            input: .file(paths[0]), output: .file(paths[1]), error: .file(paths[2]))
        let status: Int32
        switch child.wait() {
        case .exited(let code): status = code
        case .signaled(let signal): status = 128 + signal
        }
        return Run(
            status: status, output: try String(contentsOfFile: paths[1], encoding: .utf8),
            error: try String(contentsOfFile: paths[2], encoding: .utf8))
    }
}
