// What the SQLite and PostgreSQL benchmarks share, so that both measure the same work and a change to
// it reaches both: the sample configurations, the CRM-shaped role policy and its requests, the audit
// events, the login's password and client, and the session population's constants and validation loops.
// Each backend keeps only how it opens its stores.

public import AuditLog
public import AuthCore
public import Benchmark
public import Foundation
import LockoutPolicy
public import LoginFlow
public import RBAC
public import SessionTokens

/// The sample configurations and inputs of the store benchmarks.
public enum StoreBenchmark {
    /// A thousand calls per sample, so figures are per call in nanoseconds.
    public static var checkConfiguration: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: [.wallClock, .mallocCountTotal], timeUnits: .nanoseconds, warmupIterations: 10,
            scalingFactor: .kilo, maxDuration: .seconds(3), maxIterations: 2_000)
    }

    /// One store call per sample, in microseconds.
    public static var storeConfiguration: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: [.wallClock, .cpuTotal], timeUnits: .microseconds, warmupIterations: 10, scalingFactor: .one,
            maxDuration: .seconds(5), maxIterations: 5_000)
    }

    /// One load per sample, in milliseconds.
    public static var loadConfiguration: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: [.wallClock, .peakMemoryResident], timeUnits: .milliseconds, warmupIterations: 1,
            scalingFactor: .one, maxDuration: .seconds(10), maxIterations: 20)
    }

    /// Sixty logins at most per benchmark: each is an Argon2id hash (tens of milliseconds).
    public static var loginConfiguration: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: [.wallClock, .mallocCountTotal], timeUnits: .milliseconds, warmupIterations: 2,
            scalingFactor: .one, maxDuration: .seconds(10), maxIterations: 60)
    }

    /// A thousand requests per sample, so figures are per request in nanoseconds.
    public static var requestConfiguration: Benchmark.Configuration {
        Benchmark.Configuration(
            metrics: [.wallClock], timeUnits: .nanoseconds, warmupIterations: 10, scalingFactor: .kilo,
            maxDuration: .seconds(5), maxIterations: 200)
    }

    /// A CRM-shaped policy: 100 roles in 10 tenants, `rules` grants spread over them (rule i: role
    /// i % 100 may do `res(i / 8):act(i % 8)` in tenant (i / 100) % 10), and 1,000 users, user u holding
    /// role u % 100 in tenant u % 10.
    public static func policy(rules: Int) throws -> RolePolicy {
        var policy = RolePolicy(roles: Set(try (0..<100).map { try RoleID("role\($0)") }))
        for index in 0..<rules {
            policy.rules.insert(
                PolicyRule(
                    role: try RoleID("role\(index % 100)"), effect: .allow,
                    permissions: try PermissionPattern("res\(index / 8):act\(index % 8)"),
                    tenant: try TenantID("tenant\((index / 100) % 10)")))
        }
        for user in 0..<1_000 {
            policy.assignments.insert(
                RoleAssignment(
                    user: try UserID("user\(user)"), role: try RoleID("role\(user % 100)"),
                    tenant: try TenantID("tenant\(user % 10)")))
        }
        try policy.validate()
        return policy
    }

    /// For each user, an allowed request (a rule of the user's role in the user's tenant) or a denied
    /// one (the same resource, the next action, which that role does not hold there).
    public static func requests(allowed: Bool) throws -> [(UserID, TenantID, Permission)] {
        try (0..<1_000).map { user in
            let index = user % 100 + 100 * (user % 10)
            let action = allowed ? index % 8 : (index % 8 + 1) % 8
            return (
                try UserID("user\(user)"), try TenantID("tenant\(user % 10)"),
                try Permission(resource: "res\(index / 8)", action: "act\(action)")
            )
        }
    }

    /// The demo account's password in the login benchmarks.
    public static let loginPassword = "correct horse battery staple"

    /// The client of the login benchmarks: 203.0.113.7, a fixed user agent.
    public static let loginClient = ClientContext(address: SourceAddress(ipv4: 0xCB00_7107), userAgent: "Bench/1.0")
}

/// Realistic audit events, as the in-memory audit benchmarks use: every field set, two metadata entries.
public enum AuditInputs {
    /// The first event's instant; each next one is a millisecond later.
    public static let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// Event `index`: one in seven a failure, one in ten by an administrator.
    public static func event(_ index: Int) -> AuditEvent {
        let failed = index % 7 == 0
        // Every argument satisfies AuditEvent's bounds (short ids, a known kind): it cannot throw.
        return try! AuditEvent(
            kind: AuditEventKind.builtIn[index % AuditEventKind.builtIn.count],
            at: start.addingTimeInterval(Double(index) / 1000), actor: index % 10 == 0 ? "admin" : nil,
            subject: UserID("user\(index % 5000)@example.com"), tenant: TenantID("tenant\(index % 50)"),
            sourceAddress: "203.0.113.\(index % 250)",
            userAgent: "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0",
            outcome: failed ? .failure : .success, reason: failed ? "wrong_password" : nil,
            metadata: ["request_id": "req-\(index)", "ui.page": "login"])
    }

    /// Events 0..<1000.
    public static let batch = (0..<1000).map(event)

    /// A fixed checkpoint signing key (a benchmark's, never a deployment's).
    public static let key = try! Ed25519SigningKey(id: "bench", seed: [UInt8](repeating: 7, count: 32))
}

/// The session benchmarks' population: 10,000 sessions, two per user, one security stamp for all.
public enum SessionPopulation {
    /// How many sessions a population holds.
    public static let count = 10_000
    /// When they were issued.
    public static let issuedAt = Date(timeIntervalSince1970: 1_700_000_000)
    /// Every user's current stamp.
    public static let stamp = "Zm9yLWJlbmNobWFya3Mtb25seQ"

    /// Every user's current stamp, one constant, as in the SessionTokens benchmarks.
    public struct Stamps: SecurityStampProvider {
        public init() {}
        public func securityStamp(userID: UserID) async throws -> String? { SessionPopulation.stamp }
    }

    /// The stamps of every manager the benchmarks build.
    public static let stamps = Stamps()

    /// The manager that fills a population: the default policy, the clock at ``issuedAt``.
    public static func issuingManager(_ store: some SessionStore) -> SessionManager {
        SessionManager(store: store, clock: ManualClock(now: issuedAt), stamps: stamps)
    }

    /// `tokens` shuffled, each text made anew in presentation order (see the SessionTokens benchmarks).
    public static func presentationOrder(_ tokens: [String]) -> [String] {
        tokens.shuffled().map { String(decoding: Array($0.utf8), as: UTF8.self) }
    }

    /// Validates `tokens` in turn, one second after issue (the 300 s last-seen write is not due): each
    /// call is exactly the work of one authenticated request, a read.
    public static func validating(_ benchmark: Benchmark, store: any SessionStore, tokens: [String]) async throws {
        let manager = SessionManager(store: store, clock: ManualClock(now: issuedAt + 1), stamps: stamps)
        var index = Int.random(in: 0..<tokens.count)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await manager.validate(tokens[index]))
            index = index + 1 == tokens.count ? 0 : index + 1
        }
    }

    /// Validates with a policy that writes last seen on every call and a clock moving 1 ms per call, so
    /// each validation commits the store's `touch` (the worst case of the throttled write).
    public static func validatingWithWrite(
        _ benchmark: Benchmark, store: any SessionStore, tokens: [String]
    ) async throws {
        let clock = ManualClock(now: issuedAt + 1)
        let policy = SessionPolicy(absoluteTimeout: 24 * 3600, idleTimeout: 3600, lastSeenWriteInterval: 0)
        let manager = SessionManager(store: store, policy: policy, clock: clock, stamps: stamps)
        var index = Int.random(in: 0..<tokens.count)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            clock.advance(by: 0.001)
            blackHole(try await manager.validate(tokens[index]))
            index = index + 1 == tokens.count ? 0 : index + 1
        }
    }
}
