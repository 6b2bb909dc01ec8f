// Benchmarks of RBAC checks on a compiled snapshot: allowed and denied checks with 1,000 to
// 1,000,000 rules, and the time to compile each policy. The policies are Casbin policies made by the
// same formula as Benchmarks/Reference/casbin_reference.py, which times pycasbin on them, and are
// imported with CasbinPolicyImporter, so both sides decide the same requests on the same rules.
//
// Run from Benchmarks/: `swift package --disable-sandbox benchmark --target RBACBenchmarks`.
// Memory per snapshot: `swift run -c release RBACSnapshotMemory`.
// Documentation/Performance.md records the figures and the machine they ran on.

import AuthCore
import Benchmark
import RBAC

/// A thousand calls per sample, so figures are per call in nanoseconds.
private var fastConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 10,
        scalingFactor: .kilo,
        maxDuration: .seconds(3),
        maxIterations: 2_000
    )
}

private var compileConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .peakMemoryResident],
        timeUnits: .milliseconds,
        warmupIterations: 0,
        maxDuration: .seconds(10),
        maxIterations: 5
    )
}

/// The benchmark policy with `rules` p lines, as Casbin CSV (the formula of casbin_reference.py):
/// 100 roles in 10 tenants; rule i is `p, role(i % 100), tenant((i / 100) % 10), res(i / 8),
/// act(i % 8), allow`; within each group of five roles each inherits the one below it, in every
/// tenant; 1,000 users, user u holding role(u % 100) in tenant(u % 10).
func casbinPolicy(rules: Int) -> String {
    var lines: [String] = []
    lines.reserveCapacity(rules + 2_000)
    for index in 0..<rules {
        lines.append("p, role\(index % 100), tenant\((index / 100) % 10), res\(index / 8), act\(index % 8), allow")
    }
    for tenant in 0..<10 {
        for role in 0..<100 where role % 5 != 0 {
            lines.append("g, role\(role), role\(role - 1), tenant\(tenant)")
        }
    }
    for user in 0..<1_000 {
        lines.append("g, user\(user), role\(user % 100), tenant\(user % 10)")
    }
    return lines.joined(separator: "\n")
}

/// The requests: for each user, an allowed one (a rule of the user's own role in the user's tenant)
/// and a denied one (the same resource, the next action, which a role the user does not reach holds).
struct Request: Sendable {
    let user: UserID
    let tenant: TenantID
    let permission: Permission
}

func requests(allowed: Bool) -> [Request] {
    (0..<1_000).map { user in
        let index = user % 100 + 100 * (user % 10)
        let action = allowed ? index % 8 : (index % 8 + 1) % 8
        return Request(
            user: try! UserID("user\(user)"), tenant: try! TenantID("tenant\(user % 10)"),
            permission: try! Permission(resource: "res\(index / 8)", action: "act\(action)"))
    }
}

private actor Snapshots {
    private var built: [Int: CompiledPolicy] = [:]

    func snapshot(rules: Int) throws -> CompiledPolicy {
        if let snapshot = built[rules] { return snapshot }
        let snapshot = try CompiledPolicy(CasbinPolicyImporter.importPolicy(casbinPolicy(rules: rules)))
        for request in requests(allowed: true) {
            precondition(snapshot.isAllowed(user: request.user, tenant: request.tenant, permission: request.permission))
        }
        for request in requests(allowed: false) {
            precondition(
                !snapshot.isAllowed(user: request.user, tenant: request.tenant, permission: request.permission))
        }
        built = [rules: snapshot]  // one size in memory at a time
        return snapshot
    }
}

private let snapshots = Snapshots()

let benchmarks: @Sendable () -> Void = {
    for rules in [1_000, 10_000, 100_000, 1_000_000] {
        for allowed in [true, false] {
            Benchmark(
                "CompiledPolicy.isAllowed, \(allowed ? "allowed" : "denied"), \(rules) rules",
                configuration: fastConfiguration,
                closure: { benchmark, snapshot in
                    let requests = requests(allowed: allowed)
                    var index = 0
                    benchmark.startMeasurement()
                    for _ in benchmark.scaledIterations {
                        let request = requests[index]
                        blackHole(
                            snapshot.isAllowed(
                                user: request.user, tenant: request.tenant, permission: request.permission))
                        index = index + 1 == requests.count ? 0 : index + 1
                    }
                },
                setup: { try await snapshots.snapshot(rules: rules) })
        }
        for allowed in [true, false] {
            Benchmark(
                "CompiledPolicy.isAllowed, prepared, \(allowed ? "allowed" : "denied"), \(rules) rules",
                configuration: fastConfiguration,
                closure: { benchmark, snapshot in
                    // Prepared once, as an app prepares its permissions at start-up and the subject
                    // once per request.
                    let prepared = requests(allowed: allowed).map {
                        (snapshot.prepare(user: $0.user, tenant: $0.tenant), snapshot.prepare($0.permission))
                    }
                    var index = 0
                    benchmark.startMeasurement()
                    for _ in benchmark.scaledIterations {
                        let (subject, permission) = prepared[index]
                        blackHole(snapshot.isAllowed(subject, permission))
                        index = index + 1 == prepared.count ? 0 : index + 1
                    }
                },
                setup: { try await snapshots.snapshot(rules: rules) })
        }
        Benchmark(
            "CompiledPolicy compile, \(rules) rules",
            configuration: compileConfiguration,
            closure: { benchmark, policy in
                for _ in benchmark.scaledIterations {
                    blackHole(try CompiledPolicy(policy))
                }
            },
            setup: { try CasbinPolicyImporter.importPolicy(casbinPolicy(rules: rules)) })
    }
}
