// Audit appends per second from two processes at once on one PostgreSQL database (issue 17): two app
// servers, each its own process, pool and `PostgresAuditStore`, appending to one chain on a fresh schema,
// then the chain read back and verified. Prints one JSON object per scenario (batch size and appends in
// flight per process), and the schema is dropped afterwards.
//
//     CRMAUTH_POSTGRES_URL=postgres://... swift run -c release --package-path Benchmarks PostgresAuditRace \
//         [--events N]
//
// N is the events each process appends per scenario (4,000 by default). The processes are this same
// executable started again with `worker` as its first argument; they begin at an agreed instant so that
// both append at once, and write their own timings to a file the coordinator reads.

import AuditLog
import AuthCore
import CRMAuthPostgres
import Foundation
import PostgresNIO

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// One scenario: events per `append` call, and calls in flight in each process.
struct Scenario: Sendable {
    let batch: Int
    let inFlight: Int
}

let scenarios = [
    Scenario(batch: 1, inFlight: 1), Scenario(batch: 1, inFlight: 8), Scenario(batch: 10, inFlight: 8),
    Scenario(batch: 100, inFlight: 4),
]

/// What a worker reports.
struct WorkerReport: Codable {
    var appended: Int
    var milliseconds: Double
}

func fail(_ message: String) -> Never {
    FileHandle.standardError.write(Data("PostgresAuditRace: \(message)\n".utf8))
    exit(2)
}

func configuration(schema: String) throws -> PostgresConfiguration {
    guard let url = ProcessInfo.processInfo.environment["CRMAUTH_POSTGRES_URL"], !url.isEmpty else {
        fail("set CRMAUTH_POSTGRES_URL to the server's URL")
    }
    var configuration = try PostgresConfiguration(url: url)
    configuration.schema = schema
    return configuration
}

func milliseconds(_ duration: Duration) -> Double {
    Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
}

/// `worker SCHEMA START_UNIX_TIME EVENTS BATCH IN_FLIGHT SERVER REPORT_FILE`.
func worker(_ arguments: [String]) async throws {
    guard arguments.count == 8, let start = Double(arguments[2]), let events = Int(arguments[3]),
        let batch = Int(arguments[4]), let inFlight = Int(arguments[5]), let server = Int(arguments[6])
    else { fail("usage: worker SCHEMA START EVENTS BATCH IN_FLIGHT SERVER REPORT_FILE") }
    let database = try await PostgresAuthDatabase(configuration: try configuration(schema: arguments[1]))
    let store = PostgresAuditStore(database: database)
    let wait = start - Date().timeIntervalSince1970
    if wait > 0 { try await Task.sleep(for: .milliseconds(Int64(wait * 1000))) }
    let began = ContinuousClock.now
    let calls = (events + batch - 1) / batch
    let appended = try await withThrowingTaskGroup(of: Int.self) { group in
        var total = 0
        var running = 0
        for call in 0..<calls {
            if running == inFlight, let done = try await group.next() {
                total += done
                running -= 1
            }
            let count = min(batch, events - call * batch)
            group.addTask {
                let batch = try (0..<count).map { index in
                    try AuditEvent(
                        kind: .loginSucceeded, at: Date(), subject: UserID("server\(server)-\(call)-\(index)"),
                        outcome: .success)
                }
                return try await store.append(batch).count
            }
            running += 1
        }
        for try await done in group { total += done }
        return total
    }
    let elapsed = ContinuousClock.now - began
    await database.close()
    let report = WorkerReport(appended: appended, milliseconds: milliseconds(elapsed))
    try JSONEncoder().encode(report).write(to: URL(fileURLWithPath: arguments[7]))
}

/// Starts this executable again with `arguments`, its output and errors going where ours go.
func spawnSelf(_ arguments: [String]) throws -> pid_t {
    let executable = CommandLine.arguments[0]
    let argv = ([executable] + arguments).map { strdup($0) } + [nil]
    defer { for pointer in argv { free(pointer) } }
    var pid: pid_t = 0
    let status = posix_spawn(&pid, executable, nil, nil, argv, environ)
    guard status == 0 else { fail("could not start a worker: errno \(status)") }
    return pid
}

/// Waits for `pid`; true when it exited with status 0.
func succeeded(_ pid: pid_t) -> Bool {
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    return status & 0x7f == 0 && (status >> 8) & 0xff == 0
}

/// Runs one scenario on a schema of its own and prints its JSON line.
func race(_ scenario: Scenario, events: Int) async throws {
    let schema = "race_" + String(UUID().uuidString.replacingOccurrences(of: "-", with: "").lowercased().prefix(16))
    let setup = try await PostgresAuthDatabase(configuration: try configuration(schema: schema))
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(schema)
    try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: folder) }
    do {
        let start = Date().timeIntervalSince1970 + 3
        let reports = (1...2).map { folder.appendingPathComponent("server\($0).json").path }
        let workers = try (1...2).map { server in
            try spawnSelf([
                "worker", schema, String(start), String(events), String(scenario.batch), String(scenario.inFlight),
                String(server), reports[server - 1],
            ])
        }
        let finished = workers.map(succeeded)
        guard finished.allSatisfy({ $0 }) else { throw CocoaError(.executableLoad) }
        let results = try reports.map {
            try JSONDecoder().decode(WorkerReport.self, from: Data(contentsOf: URL(fileURLWithPath: $0)))
        }

        let store = PostgresAuditStore(database: setup)
        var records: [AuditRecord] = []
        while true {
            let page = try await store.records(from: UInt64(records.count + 1), limit: 5_000)
            if page.isEmpty { break }
            records += page
        }
        let intact =
            records.map(\.sequence) == (0..<UInt64(records.count)).map { $0 + 1 }
            && AuditVerifier.withoutSignatures.verify(records: records, checkpoints: []).isIntact
        let slowest = results.map(\.milliseconds).max() ?? 0
        let appended = results.map(\.appended).reduce(0, +)
        let fields: [(String, String)] = [
            ("batch", "\(scenario.batch)"), ("in_flight_per_process", "\(scenario.inFlight)"),
            ("events", "\(appended)"), ("records_read_back", "\(records.count)"), ("chain_intact", "\(intact)"),
            ("milliseconds_process_1", String(format: "%.0f", results[0].milliseconds)),
            ("milliseconds_process_2", String(format: "%.0f", results[1].milliseconds)),
            ("events_per_second", String(format: "%.0f", Double(appended) / (slowest / 1000))),
        ]
        print("{" + fields.map { "\"\($0)\": \($1)" }.joined(separator: ", ") + "}")
    } catch {
        await drop(schema, setup)
        throw error
    }
    await drop(schema, setup)
}

/// Closes `database`, then drops `schema` on a bare PostgresNIO connection of its own.
func drop(_ schema: String, _ database: PostgresAuthDatabase) async {
    await database.close()
    do {
        let configuration = try configuration(schema: schema)
        var context = TLSConfiguration.makeClientConfiguration()
        context.certificateVerification = .none  // a benchmark's own server, only to drop a schema
        let client = PostgresClient(
            configuration: PostgresClient.Configuration(
                host: configuration.host, port: configuration.port, username: configuration.username,
                password: configuration.password, database: configuration.database,
                tls: configuration.tls == .disable ? .disable : .prefer(context)))
        let runner = Task { await client.run() }
        defer { runner.cancel() }
        try await client.query(PostgresQuery(unsafeSQL: "DROP SCHEMA IF EXISTS \(schema) CASCADE"))
    } catch {
        FileHandle.standardError.write(Data("PostgresAuditRace: could not drop schema \(schema): \(error)\n".utf8))
    }
}

let arguments = Array(CommandLine.arguments.dropFirst())
do {
    if arguments.first == "worker" {
        try await worker(arguments)
    } else {
        var events = 4_000
        if arguments.count == 2, arguments[0] == "--events", let value = Int(arguments[1]), value > 0 {
            events = value
        } else if !arguments.isEmpty {
            fail("usage: PostgresAuditRace [--events N]")
        }
        for scenario in scenarios { try await race(scenario, events: events) }
    }
} catch {
    fail(String(reflecting: error))
}
