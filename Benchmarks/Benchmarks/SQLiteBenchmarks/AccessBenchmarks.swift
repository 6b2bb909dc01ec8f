// Permission checks with the role policy on SQLite, and lockout admission on SQLite, as the login flow
// uses them:
// - `AccessChecker` loads the policy from `SQLiteRoleStore` (one read of the document and its version,
//   decoded and compiled), then checks against the compiled snapshot without touching the file; a
//   request path polls `refresh()`, one read of the version row. Changes go through `apply`, one
//   `BEGIN IMMEDIATE` transaction rewriting the document.
// - `LoginThrottle.admit` over `SQLiteLockoutStore`: three counters (account, source, pair) read,
//   decided and charged in one `BEGIN IMMEDIATE` transaction; `recordSuccess` settles them in another.
// Every write commits under the database's default `synchronous=FULL`.

import AuthCore
import Benchmark
import CRMAuthSQLite
import Foundation
import LockoutPolicy
import RBAC
import StoreBenchmarkFixtures

/// A temporary folder for one benchmark's database, made in its setup and removed in its teardown.
private final class ScratchFolder: Sendable {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent(
        "crmauth-bench-\(UUID().uuidString)", isDirectory: true)

    func open() throws -> SQLiteDatabase {
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: false)
        return try SQLiteDatabase(path: folder.appendingPathComponent("auth.sqlite").path)
    }

    func remove() {
        try? FileManager.default.removeItem(at: folder)
    }
}

/// A role store on a new file holding `StoreBenchmark.policy(rules:)`, written in one `apply`.
private func filledRoleStore(_ scratch: ScratchFolder, rules: Int) async throws -> SQLiteRoleStore {
    let store = SQLiteRoleStore(database: try scratch.open())
    try await store.replacePolicy(with: try StoreBenchmark.policy(rules: rules))
    return store
}

func permissionBenchmarks() {
    let rules = 10_000
    for allowed in [true, false] {
        let scratch = ScratchFolder()
        Benchmark(
            "AccessChecker.isAllowed, policy loaded from SQLiteRoleStore, \(allowed ? "allowed" : "denied"), \(rules) rules",
            configuration: StoreBenchmark.checkConfiguration,
            closure: { (benchmark, state: (AccessChecker, [(UserID, TenantID, Permission)])) in
                let (checker, requests) = state
                var index = 0
                benchmark.startMeasurement()
                for _ in benchmark.scaledIterations {
                    let (user, tenant, permission) = requests[index]
                    blackHole(checker.isAllowed(user: user, tenant: tenant, permission: permission))
                    index = index + 1 == requests.count ? 0 : index + 1
                }
            },
            setup: {
                let checker = try await AccessChecker(store: try await filledRoleStore(scratch, rules: rules))
                let requests = try StoreBenchmark.requests(allowed: allowed)
                for (user, tenant, permission) in requests {
                    precondition(checker.isAllowed(user: user, tenant: tenant, permission: permission) == allowed)
                }
                return (checker, requests)
            },
            teardown: { scratch.remove() })
    }

    let pollScratch = ScratchFolder()
    Benchmark(
        "AccessChecker.refresh on SQLiteRoleStore, version unchanged (one read), \(rules) rules",
        configuration: StoreBenchmark.storeConfiguration,
        closure: { benchmark, checker in
            for _ in benchmark.scaledIterations {
                blackHole(try await checker.refresh())
            }
        },
        setup: { try await AccessChecker(store: try await filledRoleStore(pollScratch, rules: rules)) },
        teardown: { pollScratch.remove() })

    let loadScratch = ScratchFolder()
    Benchmark(
        "AccessChecker.init from SQLiteRoleStore (read, decode, compile), \(rules) rules",
        configuration: StoreBenchmark.loadConfiguration,
        closure: { benchmark, store in
            for _ in benchmark.scaledIterations {
                blackHole(try await AccessChecker(store: store))
            }
        },
        setup: { try await filledRoleStore(loadScratch, rules: rules) },
        teardown: { loadScratch.remove() })

    for size in [1_000, 10_000] {
        let applyScratch = ScratchFolder()
        Benchmark(
            "SQLiteRoleStore.apply one assignment (FULL), \(size) rules",
            configuration: StoreBenchmark.loadConfiguration,
            closure: { benchmark, store in
                var index = 0
                for _ in benchmark.scaledIterations {
                    let assignment = RoleAssignment(
                        user: try UserID("new\(index)"), role: try RoleID("role\(index % 100)"),
                        tenant: "tenant0")
                    blackHole(try await store.apply([.assign(assignment)], expecting: nil))
                    index += 1
                }
            },
            setup: { try await filledRoleStore(applyScratch, rules: size) },
            teardown: { applyScratch.remove() })
    }
}

/// `count` strangers' attempts (distinct accounts and addresses, digested once as a login flow does per
/// request) on a throttle over a SQLite lockout store already holding their counters.
private func strangers(_ scratch: ScratchFolder, count: Int) async throws -> (
    LoginThrottle, [LoginAttempt], ManualClock
) {
    let clock = ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000))
    let throttle = LoginThrottle(
        store: SQLiteLockoutStore(database: try scratch.open()), secret: .random(), clock: clock)
    let attempts = (0..<count).map { index in
        throttle.attempt(account: "user\(index)@example.com", source: SourceAddress(ipv4: 0x0A00_0000 + UInt32(index)))
    }
    for attempt in attempts { _ = try await throttle.admit(attempt) }
    return (throttle, attempts, clock)
}

func lockoutBenchmarks() {
    // admit: the wrong-password path. The clock moves an hour and a second per call, past every failure
    // window, so every attempt is admitted and charged rather than refused by a delay; the counters are
    // updated in place.
    let admitScratch = ScratchFolder()
    Benchmark(
        "LoginThrottle.admit on SQLiteLockoutStore (FULL), 2000 strangers",
        configuration: StoreBenchmark.storeConfiguration,
        closure: { benchmark, state in
            let (throttle, attempts, clock) = state
            var index = 0
            for _ in benchmark.scaledIterations {
                clock.advance(by: 3_601)
                blackHole(try await throttle.admit(attempts[index % attempts.count]).decision)
                index += 1
            }
        },
        setup: { try await strangers(admitScratch, count: 2_000) },
        teardown: { admitScratch.remove() })

    // admit then recordSuccess: the right-password path, two transactions.
    let successScratch = ScratchFolder()
    Benchmark(
        "LoginThrottle.admit + recordSuccess on SQLiteLockoutStore (FULL), 2000 strangers",
        configuration: StoreBenchmark.storeConfiguration,
        closure: { benchmark, state in
            let (throttle, attempts, clock) = state
            var index = 0
            for _ in benchmark.scaledIterations {
                clock.advance(by: 3_601)
                let ticket = try await throttle.admit(attempts[index % attempts.count])
                blackHole(try await throttle.recordSuccess(ticket))
                index += 1
            }
        },
        setup: { try await strangers(successScratch, count: 2_000) },
        teardown: { successScratch.remove() })
}
