import AuthCore
import CRMAuth
import CRMAuthSQLite
import CRMAuthTestSupport
import Foundation
import LockoutPolicy
import LoginFlow
import Testing

/// What one run of `crm-auth` did.
struct CommandRun: CustomStringConvertible {
    let status: Int32
    let output: String
    let error: String

    /// Standard output's lines.
    var lines: [String] { output.split(separator: "\n").map(String.init) }

    var description: String { "exit \(status)\nstdout: \(output)\nstderr: \(error)" }
}

/// A temporary folder holding one database, and the built `crm-auth` binary to run against it.
final class CommandFixture: Sendable {
    let folder: URL
    /// The operator every administrative run names.
    static let operatorName = "ops-alice"
    /// A password the default policy accepts.
    static let password = "Quiet-Lantern-Orbit-7281"

    init() throws {
        folder = FileManager.default.temporaryDirectory.appendingPathComponent(
            "crm-auth-tests-\(UUID().uuidString)", isDirectory: true)
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
    }

    deinit { try? FileManager.default.removeItem(at: folder) }

    /// The database file (absent until `db migrate`).
    var database: String { folder.appendingPathComponent("auth.sqlite").path }
    /// Its key file.
    var keyFile: String { database + ".keys" }

    /// The `crm-auth` binary SwiftPM built beside the test bundle.
    static let binary: URL =
        (try? BuiltExecutable.url("crm-auth")) ?? Bundle.main.bundleURL.appendingPathComponent("crm-auth")

    /// Runs `crm-auth arguments` with `input` on standard input and only the environment given (plus
    /// PATH): no `USER`, no `CRM_AUTH_*` unless a test sets them.
    func run(_ arguments: [String], input: String = "", environment: [String: String] = [:]) throws -> CommandRun {
        #expect(
            FileManager.default.isExecutableFile(atPath: Self.binary.path),
            "crm-auth is not built at \(Self.binary.path)")
        var env = environment
        env["PATH"] = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        let id = UUID().uuidString
        let outURL = folder.appendingPathComponent("out-\(id)")
        let errURL = folder.appendingPathComponent("err-\(id)")
        let inURL = folder.appendingPathComponent("in-\(id)")
        _ = FileManager.default.createFile(atPath: inURL.path, contents: Data(input.utf8))
        // posix_spawn rather than Foundation's Process: see ChildProcess.
        let child = try ChildProcess.start(
            Self.binary.path, arguments: arguments, environment: env, input: .file(inURL.path),
            output: .file(outURL.path), error: .file(errURL.path))
        let status: Int32
        switch child.wait() {
        case .exited(let code): status = code
        case .signaled(let signal): status = 128 + signal
        }
        let output = String(decoding: try Data(contentsOf: outURL), as: UTF8.self)
        let error = String(decoding: try Data(contentsOf: errURL), as: UTF8.self)
        return CommandRun(status: status, output: output, error: error)
    }

    /// Runs an administrative command against the fixture's database as ``operatorName``.
    func admin(_ arguments: [String], input: String = "") throws -> CommandRun {
        try run(arguments + ["--database", database, "--operator", Self.operatorName], input: input)
    }

    /// Runs a reading command against the fixture's database.
    func read(_ arguments: [String]) throws -> CommandRun {
        try run(arguments + ["--database", database])
    }

    /// `db migrate`, expected to succeed.
    func migrate() throws {
        let run = try run(["db", "migrate", "--database", database])
        #expect(run.status == 0, "\(run)")
    }

    /// `users create`, expected to succeed; the new user's id.
    func createUser(_ email: String, name: String = "Test Person") throws -> String {
        let run = try admin(["users", "create", "--email", email, "--name", name], input: Self.password + "\n")
        #expect(run.status == 0, "\(run)")
        return run.output.trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// The audit lines (`audit tail`) naming the operator as actor, of `kind`.
    func operatorEvents(_ kind: String) throws -> [String] {
        let tail = try read(["audit", "tail", "--count", "1000"])
        #expect(tail.status == 0, "\(tail)")
        return tail.lines.filter { line in
            let fields = line.split(separator: "\t").map(String.init)
            return fields.count >= 5 && fields[2] == kind && fields[4] == "operator:" + Self.operatorName
        }
    }

    /// The deployment keys in the fixture's key file, read as the format specifies.
    func secrets() throws -> AuthFlowSecrets {
        let text = try String(contentsOfFile: keyFile, encoding: .utf8)
        var totp: SealingKey?
        var lockout: LockoutSecret?
        var signing: Ed25519SigningKey?
        for line in text.split(separator: "\n") {
            let fields = line.split(separator: " ").map(String.init)
            switch fields.first {
            case "totp-key": totp = try SealingKey(id: fields[1], material: Self.bytes(fields[2]))
            case "lockout-key": lockout = try LockoutSecret(key: Self.bytes(fields[1]))
            case "audit-signing-key": signing = try Ed25519SigningKey(id: fields[1], seed: Self.bytes(fields[2]))
            default: continue
            }
        }
        return AuthFlowSecrets(
            totpKeys: try KeyRing(current: try #require(totp)), lockout: try #require(lockout),
            auditSigningKey: try #require(signing))
    }

    /// Opens the fixture's database in this process, as the CRM server would, under the key file's keys.
    func withSystem<T>(clock: any WallClock = SystemClock(), _ body: (AuthSystem) async throws -> T) async throws -> T {
        let system = try await AuthSystem.sqlite(
            path: database, configuration: AuthFlowConfiguration(issuer: "CRMAuth"), clock: clock,
            secrets: try secrets())
        do {
            let result = try await body(system)
            try await system.shutdown()
            return result
        } catch {
            try? await system.shutdown()
            throw error
        }
    }

    /// Signs `email` in from the server side: one session in the database.
    func signIn(_ email: String) async throws {
        try await withSystem { system in
            let outcome = try await system.flow.login(
                identifier: email, password: Self.password,
                client: ClientContext(address: try SourceAddress(parsing: "192.0.2.10")))
            guard case .authenticated = outcome else {
                Issue.record("the login did not authenticate: \(outcome)")
                return
            }
        }
    }

    private static func bytes(_ hex: String) -> [UInt8] {
        let digits = Array(hex.utf8)
        return stride(from: 0, to: digits.count, by: 2).map {
            UInt8(String(decoding: digits[$0..<$0 + 2], as: UTF8.self), radix: 16)!
        }
    }
}
