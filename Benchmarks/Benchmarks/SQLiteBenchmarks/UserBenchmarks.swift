// Account reads over `SQLiteUserStore`: the lookup by id every authenticated request makes (the
// account's security stamp) and a page of the account listing (an administrator's people page, a
// dashboard of the tenant's people), on a WAL file holding 1,000 accounts.

import AuthCore
import Benchmark
import CRMAuthSQLite
import Foundation
import LoginFlow

/// A thousand lookups per sample, so figures are per lookup in nanoseconds.
private var lookupConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 10,
        scalingFactor: .kilo,
        maxDuration: .seconds(5),
        maxIterations: 200
    )
}

/// One page of 100 accounts per sample.
private var pageConfiguration: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .microseconds,
        warmupIterations: 10,
        scalingFactor: .one,
        maxDuration: .seconds(5),
        maxIterations: 2_000
    )
}

private let accountCount = 1_000

/// The folder holding the benchmark's database file, removed when the process exits.
private let folder = FileManager.default.temporaryDirectory
    .appendingPathComponent("crmauth-sqlite-users-\(UUID().uuidString)", isDirectory: true).path

/// One file with `accountCount` accounts (every other one with a username), filled once per process.
private actor Accounts {
    private var store: SQLiteUserStore?

    func filled() async throws -> SQLiteUserStore {
        if let store { return store }
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        atexit { try? FileManager.default.removeItem(atPath: folder) }
        let database = try SQLiteDatabase(path: folder + "/auth.sqlite", synchronous: .normal)
        let users = SQLiteUserStore(database: database)
        for index in 0..<accountCount {
            _ = try await users.insert(
                User(
                    id: try UserID(String(format: "user-%04d", index)),
                    email: try LoginIdentifier(email: "person.\(index)@example.com"),
                    username: index.isMultiple(of: 2) ? try LoginIdentifier(username: "person\(index)") : nil,
                    displayName: "Person \(index)", status: .active, homeTenant: try TenantID("acme"),
                    passwordHash:
                        "$argon2id$v=19$m=19456,t=2,p=1$c2FsdHNhbHRzYWx0$aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaA",
                    createdAt: Date(timeIntervalSinceReferenceDate: 0)))
        }
        store = users
        return users
    }
}

private let accounts = Accounts()

/// Account reads on SQLite: by id, and a page of the listing.
func userBenchmarks() {
    Benchmark("SQLiteUserStore.user(id:), 1000 accounts", configuration: lookupConfiguration) { benchmark in
        let users = try await accounts.filled()
        let ids = try (0..<accountCount).map { try UserID(String(format: "user-%04d", ($0 * 7_919) % accountCount)) }
        benchmark.startMeasurement()
        for iteration in benchmark.scaledIterations {
            blackHole(try await users.user(id: ids[iteration % ids.count]))
        }
    }
    Benchmark("SQLiteUserStore.users(after:limit: 100), 1000 accounts", configuration: pageConfiguration) {
        benchmark in
        let users = try await accounts.filled()
        let cursors = try [nil] + (0..<9).map { try UserID(String(format: "user-%04d", $0 * 100 + 99)) }
        benchmark.startMeasurement()
        for iteration in benchmark.scaledIterations {
            blackHole(try await users.users(after: cursors[iteration % cursors.count], limit: 100))
        }
    }
}
