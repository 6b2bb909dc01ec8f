import AuditLog
import AuthCore
import CRMAuth
import CRMAuthPostgres
import CRMAuthTestSupport
import Foundation
import LoginFlow
import PostgresRaceSupport
import SessionTokens
import TOTP
import Testing

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

extension PostgreSQLTests {
    /// Issue 17's proof that several app servers keep every guarantee exact: two separate processes
    /// (`PostgresRaceWorker`, each its own `AuthSystem` and connection pool) fire at one database at the
    /// same instant. Each test prints its figures.
    @Suite("Several servers on one database", .timeLimit(.minutes(3)))
    struct SeveralServersTests {
        @Test("Parallel wrong logins at one account from two servers: the lock comes at exactly the threshold")
        func loginsLockAtTheThreshold() async throws {
            try await Race.with { race in
                let system = try await race.system()
                let console = try ConsoleOperator(name: "race-test")
                _ = try await system.flow.createUser(
                    email: "ana@example.com", displayName: "Ana", password: "violet tundra marmalade 1987",
                    tenant: nil, by: console)
                try await system.shutdown()
                let counts = try await race.run("logins", count: 30)
                #expect(counts["failed"] == RaceFixture.threshold, "\(counts)")
                #expect(counts["throttled"] == 60 - RaceFixture.threshold, "\(counts)")
                #expect(
                    counts.keys.filter { !$0.hasPrefix("milliseconds") }.sorted() == ["failed", "throttled"],
                    "\(counts)")
                race.report("60 wrong logins, 30 per server", counts)
            }
        }

        @Test("The same reset tokens redeemed on two servers: each token works exactly once")
        func resetTokensOnce() async throws {
            try await Race.with { race in
                let system = try await race.system()
                let console = try ConsoleOperator(name: "race-test")
                var tokens: [String] = []
                for index in 0..<40 {
                    // One address per request: lockout throttles one address asking for many resets.
                    let client = ClientContext(
                        address: try SourceAddress(parsing: "192.0.2.\(index + 1)"), userAgent: nil)
                    _ = try await system.flow.createUser(
                        email: "reset\(index)@example.com", displayName: "Reset \(index)",
                        password: "violet tundra marmalade 1987", tenant: nil, by: console)
                    let request = try await system.flow.requestPasswordReset(
                        email: "reset\(index)@example.com", client: client)
                    guard case .resetLink(_, let token, _) = request.mail else {
                        Issue.record("no reset link for an active account")
                        return
                    }
                    tokens.append(token.revealedText)
                }
                try await system.shutdown()
                try tokens.joined(separator: "\n").write(
                    toFile: race.keyFile + ".tokens", atomically: true, encoding: .utf8)
                let counts = try await race.run("resets", count: 0)
                #expect(counts["reset"] == 40, "\(counts)")
                #expect(counts["invalid token"] == 40, "\(counts)")
                race.report("40 reset tokens, each presented on both servers", counts)
            }
        }

        @Test("The same recovery codes redeemed on two servers: each code is consumed exactly once")
        func recoveryCodesOnce() async throws {
            try await Race.with { race in
                let system = try await race.system()
                for user in 0..<40 {
                    try await system.stores.recoveryCodes.replaceCodes(
                        userID: try RaceFixture.recoveryUser(user),
                        digests: try (0..<10).map { try RaceFixture.recoveryDigest(user, $0) })
                }
                try await system.shutdown()
                let counts = try await race.run("recovery", count: 40)
                #expect(counts["consumed"] == 400, "\(counts)")
                #expect(counts["refused"] == 400, "\(counts)")
                let after = try await race.system()
                for user in 0..<40 {
                    #expect(
                        try await after.stores.recoveryCodes.remainingCodes(userID: RaceFixture.recoveryUser(user)) == 0
                    )
                }
                try await after.shutdown()
                race.report("400 recovery codes, each presented on both servers", counts)
            }
        }

        @Test("The same refresh tokens rotated on two servers: one rotation, one reuse detection, the family gone")
        func refreshRotatedOnce() async throws {
            try await Race.with { race in
                let database = try await PostgresAuthDatabase(configuration: race.schema.configuration)
                let store = PostgresRefreshTokenStore(database: database)
                let start = Date()
                for family in 0..<200 {
                    try await store.insert(
                        RefreshTokenRecord(
                            familyID: RefreshFamilyID(rawValue: "family-\(family)"), userID: "ana",
                            securityStamp: "stamp", familyCreatedAt: start, expiresAt: start.addingTimeInterval(3600),
                            isUsed: false),
                        digest: try RaceFixture.digest(family, server: 0))
                }
                let counts = try await race.run("refresh", count: 200)
                #expect(counts["rotated"] == 200, "\(counts)")
                #expect(counts["reuse_detected"] == 200, "\(counts)")
                #expect(counts["not_found"] == nil, "\(counts)")
                for family in 0..<200 {
                    for server: UInt8 in 0...2 {
                        #expect(try await store.record(digest: RaceFixture.digest(family, server: server)) == nil)
                    }
                }
                await database.close()
                race.report("200 refresh tokens, each rotated on both servers", counts)
            }
        }

        @Test("Audit appends from two servers at once make one chain that verifies")
        func auditChainFromTwoServers() async throws {
            try await Race.with { race in
                let counts = try await race.run("audit", count: 2_000)
                #expect(counts["appended"] == 4_000, "\(counts)")
                let database = try await PostgresAuthDatabase(configuration: race.schema.configuration)
                let store = PostgresAuditStore(database: database)
                var records: [AuditRecord] = []
                while true {
                    let page = try await store.records(from: UInt64(records.count + 1), limit: 1_000)
                    if page.isEmpty { break }
                    records += page
                }
                await database.close()
                #expect(records.count == 4_000)
                #expect(records.map(\.sequence) == Array(1...4_000))
                #expect(AuditVerifier.withoutSignatures.verify(records: records, checkpoints: []).isIntact)
                let fromFirst = records.filter { $0.event.subject?.rawValue.hasPrefix("server1-") == true }.count
                #expect(fromFirst == 2_000)
                race.report("4,000 audit appends, one event each, 8 in flight per server", counts)
            }
        }
    }
}

/// One race: a schema of its own, a key file both servers load, and the two worker processes.
struct Race {
    let schema: TemporarySchema
    let folder: URL
    var keyFile: String { folder.appendingPathComponent("keys").path }

    static func with(_ body: (Race) async throws -> Void) async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("crmauth-race-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: folder) }
        try await TemporarySchema.with { schema, _ in
            let race = Race(schema: schema, folder: folder)
            _ = try DeploymentKeyFile.create(at: race.keyFile)
            try await body(race)
        }
    }

    /// The URL of the race's schema, as the servers are given it.
    var url: String {
        get throws {
            let base = try #require(PostgresTestEnvironment.url)
            return base + (base.contains("?") ? "&" : "?") + "schema=\(schema.name)"
        }
    }

    /// A system on the race's schema with the servers' keys and configuration (to seed and to check).
    func system() async throws -> AuthSystem {
        try await AuthSystem.postgres(
            configuration: schema.configuration, flow: try RaceFixture.configuration(),
            secrets: try DeploymentKeyFile.load(keyFile))
    }

    /// Starts both servers on `task`, both told to fire two seconds from now, and adds up their counts.
    func run(_ task: String, count: Int) async throws -> [String: Int] {
        let worker = try BuiltExecutable.url("PostgresRaceWorker").path
        let start = String(Date().timeIntervalSince1970 + 2)
        var environment = ProcessInfo.processInfo.environment
        environment["CRMAUTH_POSTGRES_URL"] = nil
        let children = try (1...2).map { server in
            try ChildProcess.start(
                worker, arguments: [task, try url, keyFile, start, "\(server)", "\(count)"], environment: environment,
                output: .file(folder.appendingPathComponent("out\(server)").path),
                error: .file(folder.appendingPathComponent("err\(server)").path))
        }
        var total: [String: Int] = [:]
        for (index, child) in children.enumerated() {
            // Waited for on a thread of its own: the cooperative pool is not blocked for the race.
            let status = await withCheckedContinuation { continuation in
                Thread { continuation.resume(returning: child.wait()) }.start()
            }
            let output = try String(contentsOf: folder.appendingPathComponent("out\(index + 1)"), encoding: .utf8)
            let errors =
                (try? String(contentsOf: folder.appendingPathComponent("err\(index + 1)"), encoding: .utf8)) ?? ""
            try #require(status == .exited(0), "server \(index + 1) ended \(status): \(errors)")
            let counts = try JSONDecoder().decode([String: Int].self, from: Data(output.utf8))
            for (key, value) in counts where key != "milliseconds" { total[key, default: 0] += value }
            total["milliseconds_server\(index + 1)"] = counts["milliseconds"]
        }
        return total
    }

    /// Prints the race's figures (the test log is where issue 17's numbers are read from).
    func report(_ what: String, _ counts: [String: Int]) {
        let figures = counts.sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: " ")
        print("several servers: \(what): \(figures)")
    }
}
