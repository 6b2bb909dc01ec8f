// The login flow on PostgreSQL (`AuthSystem.postgres`): a full login (lockout admission and success,
// password verification, session issue, last-login write, audit events) against the bare verification
// of the same hash with the same hasher, and a request's work (session validation, then a permission
// check). Each benchmark builds its system in a schema of its own in setup and drops it in teardown.

import AuthCore
import Benchmark
import CRMAuth
import CRMAuthPostgres
import Foundation
import LoginFlow
import PasswordHashing
import RBAC
import StoreBenchmarkFixtures

/// A system on `scratch` with one active user (`ana@example.com`, `sales` in `acme`, allowed
/// `leads:update` on her own leads) and one signed-in session, whose token is returned beside it.
private func signedInSystem(_ scratch: ScratchSchema) async throws -> (AuthSystem, String) {
    let system = try await scratch.system(hashingPool: benchmarkHashingPool)
    let policy = RolePolicy(
        roles: ["sales"],
        rules: [
            PolicyRule(role: "sales", effect: .allow, permissions: try PermissionPattern("leads:update"), scope: .own)
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
            identifier: "ana@example.com", password: StoreBenchmark.loginPassword, client: StoreBenchmark.loginClient)
    else { fatalError("the benchmark user could not sign in") }
    return (system, login.session.token.revealedText)
}

func loginBenchmarks() {
    let loginScratch = ScratchSchema()
    Benchmark(
        "AuthFlow.login, right password, PostgreSQL", configuration: StoreBenchmark.loginConfiguration,
        closure: { benchmark, state in
            let (system, _) = state
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(
                    try await system.flow.login(
                        identifier: "ana@example.com", password: StoreBenchmark.loginPassword,
                        client: StoreBenchmark.loginClient))
            }
            benchmark.stopMeasurement()
            try await system.flow.flushAudit()
        },
        setup: { try await signedInSystem(loginScratch) },
        teardown: { await loginScratch.remove() })

    let verifyScratch = ScratchSchema()
    Benchmark(
        "Bare verify of the same hash, PostgreSQL system", configuration: StoreBenchmark.loginConfiguration,
        closure: { benchmark, state in
            let (system, _) = state
            let stored = try await system.flow.stores.users.user(id: "u-ana")?.passwordHash ?? ""
            let normalized = try NormalizedPassword(StoreBenchmark.loginPassword)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(try await system.flow.hasher.verify(normalized, against: stored))
            }
        },
        setup: { try await signedInSystem(verifyScratch) },
        teardown: { await verifyScratch.remove() })

    let requestScratch = ScratchSchema()
    Benchmark(
        "validate(sessionToken:) + authorize(leads:update, own), PostgreSQL",
        configuration: StoreBenchmark.requestConfiguration,
        closure: { benchmark, state in
            let (system, token) = state
            let permission = try Permission("leads:update")
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                let principal = try await system.flow.validate(sessionToken: token)
                blackHole(await system.flow.authorize(principal, permission, owner: "u-ana"))
            }
        },
        setup: { try await signedInSystem(requestScratch) },
        teardown: { await requestScratch.remove() })
}
