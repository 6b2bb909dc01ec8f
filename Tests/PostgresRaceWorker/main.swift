// One of the two app servers of issue 17's several-servers test (CRMAuthPostgresTests,
// SeveralServersTests): a separate process with its own `AuthSystem` and connection pool on the test's
// schema. It connects, waits for the agreed start instant so that both servers fire at once, runs one
// race, and prints its counts as one JSON object on standard output.
//
//     PostgresRaceWorker TASK URL KEY_FILE START_UNIX_TIME SERVER_NUMBER COUNT
//
// Tasks: `logins` (COUNT wrong passwords at ana@example.com), `resets` (every token in the file
// KEY_FILE.tokens, one per line), `recovery` (COUNT users' ten codes each), `refresh` (COUNT families'
// first tokens rotated), `audit` (COUNT events appended one at a time, 8 in flight).

import AuditLog
import AuthCore
import CRMAuth
import CRMAuthPostgres
import Foundation
import LockoutPolicy
import LoginFlow
import PasswordHashing
import PostgresRaceSupport
import SessionTokens
import TOTP

@main
struct PostgresRaceWorker {
    static func main() async {
        let arguments = CommandLine.arguments
        guard arguments.count == 7, let start = Double(arguments[4]), let server = UInt8(arguments[5]),
            let count = Int(arguments[6])
        else {
            FileHandle.standardError.write(
                Data("usage: PostgresRaceWorker TASK URL KEY_FILE START SERVER COUNT\n".utf8))
            exit(2)
        }
        do {
            let system = try await AuthSystem.postgres(
                url: arguments[2], flow: try RaceFixture.configuration(),
                secrets: try DeploymentKeyFile.load(arguments[3]))
            let tokens = (try? String(contentsOfFile: arguments[3] + ".tokens", encoding: .utf8)) ?? ""
            let wait = start - Date().timeIntervalSince1970
            if wait > 0 { try await Task.sleep(for: .milliseconds(Int64(wait * 1000))) }
            let began = ContinuousClock.now
            let counts = try await run(
                arguments[1], url: arguments[2], system: system, server: server, count: count,
                tokens: tokens.split(separator: "\n").map(String.init))
            let elapsed = ContinuousClock.now - began
            try await system.shutdown()
            var output = counts
            output["milliseconds"] = Int(
                elapsed.components.seconds * 1000 + elapsed.components.attoseconds / 1_000_000_000_000_000)
            let json = try JSONEncoder().encode(output)
            print(String(decoding: json, as: UTF8.self))
        } catch {
            FileHandle.standardError.write(Data("PostgresRaceWorker: \(error)\n".utf8))
            exit(1)
        }
    }

    static func run(
        _ task: String, url: String, system: AuthSystem, server: UInt8, count: Int, tokens: [String]
    ) async throws -> [String: Int] {
        switch task {
        case "logins":
            let client = ClientContext(
                address: try SourceAddress(parsing: "203.0.113.\(server)"), userAgent: "Server \(server)")
            return try await tally(0..<count) { _ in
                try await system.flow.login(identifier: "ana@example.com", password: "wrong wrong", client: client).name
            }
        case "resets":
            // One address per token: lockout would throttle one address presenting many used tokens.
            return try await tally(tokens.enumerated()) { index, token in
                let client = ClientContext(
                    address: try SourceAddress(parsing: "10.\(server).\(index / 256).\(index % 256)"), userAgent: nil)
                do throws(LoginFlowError) {
                    _ = try await system.flow.resetPassword(
                        token: token, newPassword: "a new passphrase from server \(server)", client: client)
                    return "reset"
                } catch {
                    return "\(error.code)"
                }
            }
        case "recovery":
            let codes = (0..<count).flatMap { user in (0..<10).map { (user, $0) } }
            return try await tally(codes) { user, code in
                let consumed = try await system.stores.recoveryCodes.consumeCode(
                    userID: try RaceFixture.recoveryUser(user), digest: try RaceFixture.recoveryDigest(user, code))
                return consumed ? "consumed" : "refused"
            }
        case "refresh":
            // Refresh tokens are not part of the login flow's stores: a database of their own.
            let database = try await PostgresAuthDatabase(configuration: try PostgresConfiguration(url: url))
            let store = PostgresRefreshTokenStore(database: database)
            let counts = try await tally(0..<count) { family in
                switch try await store.rotate(
                    digest: try RaceFixture.digest(family, server: 0),
                    to: try RaceFixture.digest(family, server: server))
                {
                case .rotated: "rotated"
                case .reuseDetected: "reuse_detected"
                case .notFound: "not_found"
                }
            }
            await database.close()
            return counts
        case "audit":
            let store = system.stores.audit
            return try await tally(0..<count, inFlight: 8) { index in
                _ = try await store.append([
                    try AuditEvent(
                        kind: .loginSucceeded, at: Date(), subject: UserID("server\(server)-\(index)"),
                        outcome: .success)
                ])
                return "appended"
            }
        default:
            FileHandle.standardError.write(Data("PostgresRaceWorker: unknown task \(task)\n".utf8))
            exit(2)
        }
    }

    /// Runs `body` for every item, `inFlight` at a time, and counts the answers.
    static func tally<Item: Sendable>(
        _ items: some Sequence<Item>, inFlight: Int = 64, _ body: @escaping @Sendable (Item) async throws -> String
    ) async throws -> [String: Int] {
        try await withThrowingTaskGroup(of: String.self) { group in
            var counts: [String: Int] = [:]
            var running = 0
            for item in items {
                if running == inFlight, let answer = try await group.next() {
                    counts[answer, default: 0] += 1
                    running -= 1
                }
                group.addTask { try await body(item) }
                running += 1
            }
            for try await answer in group { counts[answer, default: 0] += 1 }
            return counts
        }
    }
}
