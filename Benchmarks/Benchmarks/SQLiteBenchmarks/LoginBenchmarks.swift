// The login flow on SQLite (`AuthSystem.sqlite`), under `synchronous` NORMAL and FULL: a full login
// (lockout admission and success, password verification, session issue, last-login write, audit
// events) against the bare verification of the same hash with the same hasher, and a request's work
// (session validation, then a permission check). Each system is built once per process on a WAL file
// in a temporary folder.

import AuthCore
import Benchmark
import CRMAuth
import CRMAuthSQLite
import Foundation
import LoginFlow
import PasswordHashing
import RBAC
import StoreBenchmarkFixtures

/// One system per `synchronous` setting, each on its own file, with one active user (`ana@example.com`,
/// `sales` in `acme`, allowed `leads:update` on her own leads) and one signed-in session.
private actor LoginSystems {
    private var built: [SQLiteDatabase.Synchronous: (system: AuthSystem, token: String)] = [:]
    private let folder = FileManager.default.temporaryDirectory
        .appendingPathComponent("crmauth-sqlite-login-bench-\(UUID().uuidString)", isDirectory: true)
    private let pool = HashingPool(workerCount: 1, queueLimit: 4)

    func system(_ synchronous: SQLiteDatabase.Synchronous) async throws -> (AuthSystem, String) {
        if let existing = built[synchronous] { return existing }
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let system = try await AuthSystem.sqlite(
            path: folder.appendingPathComponent("\(synchronous).sqlite").path,
            configuration: AuthFlowConfiguration(issuer: "Bench CRM"), secrets: try .random(), hashingPool: pool,
            synchronous: synchronous)
        let policy = RolePolicy(
            roles: ["sales"],
            rules: [
                PolicyRule(
                    role: "sales", effect: .allow, permissions: try PermissionPattern("leads:update"), scope: .own)
            ],
            assignments: [RoleAssignment(user: "u-ana", role: "sales", tenant: "acme")])
        _ = try await system.flow.replaceRolePolicy(with: policy, by: ConsoleOperator(name: "bench"))
        let hash = try await system.flow.hasher.hash(NormalizedPassword(StoreBenchmark.loginPassword))
        _ = try await system.flow.stores.users.insert(
            User(
                id: "u-ana", email: try LoginIdentifier(email: "ana@example.com"), displayName: "Ana",
                status: .active, homeTenant: "acme", passwordHash: hash, createdAt: Date()))
        guard
            case .authenticated(let login) = try await system.flow.login(
                identifier: "ana@example.com", password: StoreBenchmark.loginPassword,
                client: StoreBenchmark.loginClient)
        else { fatalError("the benchmark user could not sign in") }
        built[synchronous] = (system, login.session.token.revealedText)
        return (system, login.session.token.revealedText)
    }
}

private let loginSystems = LoginSystems()

func loginBenchmarks() {
    for synchronous in [SQLiteDatabase.Synchronous.normal, .full] {
        Benchmark(
            "AuthFlow.login, right password, SQLite \(synchronous)", configuration: StoreBenchmark.loginConfiguration
        ) {
            benchmark in
            let (system, _) = try await loginSystems.system(synchronous)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(
                    try await system.flow.login(
                        identifier: "ana@example.com", password: StoreBenchmark.loginPassword,
                        client: StoreBenchmark.loginClient))
            }
            benchmark.stopMeasurement()
            try await system.flow.flushAudit()
        }

        Benchmark(
            "Bare verify of the same hash, SQLite \(synchronous) system",
            configuration: StoreBenchmark.loginConfiguration
        ) {
            benchmark in
            let (system, _) = try await loginSystems.system(synchronous)
            let stored = try await system.flow.stores.users.user(id: "u-ana")?.passwordHash ?? ""
            let normalized = try NormalizedPassword(StoreBenchmark.loginPassword)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try await system.flow.hasher.verify(normalized, against: stored))
            }
        }

        Benchmark(
            "validate(sessionToken:) + authorize(leads:update, own), SQLite \(synchronous)",
            configuration: StoreBenchmark.requestConfiguration
        ) { benchmark in
            let (system, token) = try await loginSystems.system(synchronous)
            let permission = try Permission("leads:update")
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let principal = try await system.flow.validate(sessionToken: token)
                blackHole(await system.flow.authorize(principal, permission, owner: "u-ana"))
            }
        }
    }
}
