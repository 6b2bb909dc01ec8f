// Benchmarks of the login flow as a CRM server runs it (`AuthFlow` over in-memory stores):
// - a full login (lockout admission, password verification, session issue, audit events) against the
//   bare verification of the same hash with the same hasher configuration: the flow's overhead;
// - a request's work: session validation to a principal, then a permission check;
// - the same while a login flood keeps the hashing pool saturated (busy answers): validation never
//   touches the pool, so its rate should hold within noise.
//
// Run from Benchmarks/: `swift package --disable-sandbox benchmark --target LoginFlowBenchmarks`.
// Documentation/Performance.md records the figures and the machine they ran on.

import AuthCore
import Benchmark
import Foundation
import LockoutPolicy
import LoginFlow
import PasswordHashing
import RBAC
import SessionTokens
import Synchronization

private let password = "correct horse battery staple"

private func slowConfiguration(maxIterations: Int) -> Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
        timeUnits: .milliseconds,
        warmupIterations: 2,
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: maxIterations
    )
}

/// A thousand calls per sample, so figures are per call in nanoseconds.
private var fastConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .throughput],
        timeUnits: .nanoseconds,
        warmupIterations: 10,
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 2_000
    )
}

/// A million calls per sample (about two seconds), so a login flood runs many hashes during each sample;
/// figures are per call in nanoseconds.
private var longConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .throughput],
        timeUnits: .nanoseconds,
        warmupIterations: 1,
        scalingFactor: .mega,
        maxDuration: .seconds(12),
        maxIterations: 5
    )
}

/// A flow with one active user (`ana@example.com`, holding `sales` in `acme`, allowed `leads:update` on
/// her own leads), hashing with the default configuration (Argon2id m=19456 t=2 p=1) on `pool`.
private func makeFlow(pool: HashingPool) async throws -> AuthFlow {
    let policy = RolePolicy(
        roles: ["sales"],
        rules: [
            PolicyRule(role: "sales", effect: .allow, permissions: try PermissionPattern("leads:update"), scope: .own)
        ],
        assignments: [RoleAssignment(user: "u-ana", role: "sales", tenant: "acme")])
    let flow = try await AuthFlow(
        configuration: AuthFlowConfiguration(issuer: "Bench CRM"), stores: try .inMemory(roles: policy),
        secrets: try .random(), clock: ManualClock(), hashingPool: pool)
    let hash = try await flow.hasher.hash(NormalizedPassword(password))
    _ = try await flow.stores.users.insert(
        User(
            id: "u-ana", email: try LoginIdentifier(email: "ana@example.com"), displayName: "Ana", status: .active,
            homeTenant: "acme", passwordHash: hash, createdAt: Date(timeIntervalSince1970: 1_700_000_000)))
    return flow
}

private let client = ClientContext(
    address: SourceAddress(ipv4: 0xCB00_7107), userAgent: "Mozilla/5.0 (Macintosh; Intel Mac OS X 14_0) Safari/605.1.15"
)

/// A signed-in session's token text.
private func signIn(_ flow: AuthFlow) async throws -> String {
    guard
        case .authenticated(let login) = try await flow.login(
            identifier: "ana@example.com", password: password, client: client)
    else { fatalError("the benchmark user could not sign in") }
    return login.session.token.revealedText
}

/// One request's work per iteration: validate the session, then check a permission on one's own lead.
///
/// With `yielding`, the loop yields every 64 requests, as a server interleaves requests from many
/// connections: other tasks (a login flood) get the executor's threads in between.
private func validateAndAuthorize(_ benchmark: Benchmark, yielding: Bool = false) async throws {
    let pool = HashingPool(workerCount: 1, queueLimit: 4)
    defer { pool.shutdown() }
    let flow = try await makeFlow(pool: pool)
    let token = try await signIn(flow)
    let permission = try Permission("leads:update")
    let owner: UserID = "u-ana"
    benchmark.startMeasurement()
    for iteration in benchmark.scaledIterations {
        let principal = try await flow.validate(sessionToken: token)
        blackHole(await flow.authorize(principal, permission, owner: owner))
        if yielding, iteration & 63 == 0 { await Task.yield() }
    }
}

/// One flow and session built on first use and kept for every later sample, as a server keeps its flow:
/// samples then measure requests on a running system, not the first requests after an Argon2 hash
/// (19 MiB of memory written) has just evicted the caches.
private actor SharedFlow {
    private var built: (flow: AuthFlow, token: String, pool: HashingPool)?

    func flowAndToken() async throws -> (AuthFlow, String) {
        if let built { return (built.flow, built.token) }
        let pool = HashingPool(workerCount: 1, queueLimit: 4)
        let flow = try await makeFlow(pool: pool)
        let token = try await signIn(flow)
        built = (flow, token, pool)
        return (flow, token)
    }
}

private let sharedFlow = SharedFlow()

/// What the flood did, counted from its tasks.
private final class FloodCounters: Sendable {
    let logins = Atomic<Int>(0)
    let busy = Atomic<Int>(0)
}

let benchmarks: @Sendable () -> Void = {
    // MARK: Login against the bare hash

    Benchmark(
        "Full login: lockout + verify + session + audit (Argon2id m=19456 t=2 p=1)",
        configuration: slowConfiguration(maxIterations: 60)
    ) { benchmark in
        let pool = HashingPool(workerCount: 1, queueLimit: 4)
        defer { pool.shutdown() }
        let flow = try await makeFlow(pool: pool)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await flow.login(identifier: "ana@example.com", password: password, client: client))
        }
        benchmark.stopMeasurement()
        try await flow.flushAudit()
    }

    Benchmark(
        "Bare verify, same hasher configuration (Argon2id m=19456 t=2 p=1)",
        configuration: slowConfiguration(maxIterations: 60)
    ) { benchmark in
        let pool = HashingPool(workerCount: 1, queueLimit: 4)
        defer { pool.shutdown() }
        let flow = try await makeFlow(pool: pool)
        let stored = try await flow.stores.users.user(id: "u-ana")?.passwordHash ?? ""
        let normalized = try NormalizedPassword(password)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try await flow.hasher.verify(normalized, against: stored))
        }
    }

    // MARK: A request's work

    Benchmark("validate(sessionToken:) + authorize(leads:update, own)", configuration: fastConfiguration) {
        benchmark in
        try await validateAndAuthorize(benchmark)
    }

    // The same on one flow built once for all samples (a running server), instead of a new flow and
    // sign-in (an Argon2 hash) just before each sample.
    Benchmark(
        "validate(sessionToken:) + authorize(leads:update, own), flow built once", configuration: fastConfiguration
    ) { benchmark in
        let (flow, token) = try await sharedFlow.flowAndToken()
        let permission = try Permission("leads:update")
        let owner: UserID = "u-ana"
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            let principal = try await flow.validate(sessionToken: token)
            blackHole(await flow.authorize(principal, permission, owner: owner))
        }
    }

    Benchmark(
        "validate(sessionToken:) + authorize(leads:update, own), 1000000 per sample, yielding every 64",
        configuration: longConfiguration
    ) {
        benchmark in
        try await validateAndAuthorize(benchmark, yielding: true)
    }

    // Eight tasks sign in against a pool of one worker and four queue places, each at a fixed pace of
    // 1,000 attempts a second (8,000/s in all, far more than the pool hashes), so the pool is always full
    // and most of them get "busy" at once, as in a password-spraying flood. The pace follows the clock,
    // not the request loop, so the flood's rate does not depend on how often the loop yields. The flood's
    // own work shares the two cores with the validations.
    Benchmark(
        "validate(sessionToken:) + authorize(leads:update, own), 1000000 per sample, yielding every 64, hashing pool saturated by a login flood",
        configuration: longConfiguration
    ) { benchmark in
        let pool = HashingPool(workerCount: 1, queueLimit: 4)
        defer { pool.shutdown() }
        let flow = try await makeFlow(pool: pool)
        let token = try await signIn(flow)
        let permission = try Permission("leads:update")
        let owner: UserID = "u-ana"
        let counters = FloodCounters()
        let flood = Task {
            await withTaskGroup(of: Void.self) { group in
                for index in 0..<8 {
                    group.addTask {
                        // A new identifier and address on every attempt, so lockout never refuses one
                        // before it reaches the pool (a spraying botnet).
                        var attempt: UInt32 = 0
                        let start = ContinuousClock.now
                        while !Task.isCancelled {
                            attempt &+= 1
                            try? await Task.sleep(until: start + .milliseconds(Int(attempt)), clock: .continuous)
                            let attacker = ClientContext(
                                address: SourceAddress(ipv4: 0x0A00_0000 | UInt32(index) << 20 | attempt & 0xF_FFFF))
                            let outcome = try? await flow.login(
                                identifier: "guess\(index)-\(attempt)@example.com", password: "guess", client: attacker)
                            counters.logins.add(1, ordering: .relaxed)
                            if case .busy = outcome { counters.busy.add(1, ordering: .relaxed) }
                        }
                    }
                }
            }
        }
        while pool.waitingCount < 4 { await Task.yield() }
        let before = (counters.logins.load(ordering: .relaxed), counters.busy.load(ordering: .relaxed))
        let started = ContinuousClock.now
        benchmark.startMeasurement()
        for iteration in benchmark.scaledIterations {
            let principal = try await flow.validate(sessionToken: token)
            blackHole(await flow.authorize(principal, permission, owner: owner))
            if iteration & 63 == 0 { await Task.yield() }
        }
        benchmark.stopMeasurement()
        let elapsed = ContinuousClock.now - started
        // The flood's progress during the sample, so the figure shows the pool was saturated throughout.
        FileHandle.standardError.write(
            Data(
                "flood during the sample (\(elapsed)): \(counters.logins.load(ordering: .relaxed) - before.0) logins, \(counters.busy.load(ordering: .relaxed) - before.1) busy, \(pool.waitingCount) waiting\n"
                    .utf8))
        flood.cancel()
        await flood.value
    }
}
