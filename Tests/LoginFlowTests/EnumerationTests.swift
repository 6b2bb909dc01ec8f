import AuditLog
import AuthCore
import Foundation
import InMemoryLogging
import LockoutPolicy
import LoginFlow
import MetricsTestKit
import PasswordHashing
import RBAC
import SessionTokens
import TOTP
import Testing

@Suite("Enumeration: an unknown identifier is treated as a known one")
struct EnumerationTests {
    @Test("Same outcome, same message, same lockout treatment")
    func sameTreatment() async throws {
        let fixture = try await LoginFixture { $0.lockoutRules = try .flat(threshold: 4) }
        try await fixture.addUser()
        // Each identifier from its own address, so they share no counter.
        let knownClient = try LoginFixture.client("192.0.2.1")
        let unknownClient = try LoginFixture.client("192.0.2.2")
        var known: [LoginOutcome] = []
        var unknown: [LoginOutcome] = []
        for _ in 0..<6 {
            known.append(
                try await fixture.flow.login(identifier: "ana@example.com", password: "wrong one", client: knownClient))
            unknown.append(
                try await fixture.flow.login(
                    identifier: "nobody@example.com", password: "wrong one", client: unknownClient))
        }
        #expect(known.map(\.name) == unknown.map(\.name))
        #expect(known.map(\.message) == unknown.map(\.message))
        #expect(known.map(\.name) == ["failed", "failed", "failed", "failed", "throttled", "throttled"])
    }

    @Test("Timing of unknown vs known identifiers over many attempts (reported, not asserted)")
    func timing() async throws {
        // A hash that costs milliseconds, as a deployed one does (the suite's is far cheaper).
        let fixture = try await LoginFixture {
            $0.lockoutRules = try .flat(threshold: 100)
            $0.hashing = PasswordHasher.Configuration(
                algorithm: .argon2(Argon2Parameters(variant: .argon2id, memoryKiB: 4096, iterations: 1, parallelism: 1))
            )
        }
        try await fixture.addUser()
        let clock = ContinuousClock()
        var knownTotal = Duration.zero
        var unknownTotal = Duration.zero
        let attempts = 60
        for index in 0..<attempts {
            // Every 20 attempts a new source, so lockout never interferes.
            let client = try LoginFixture.client("192.0.2.\(index / 20 + 1)")
            let knownLogin = {
                try await clock.measure {
                    _ = try await fixture.flow.login(
                        identifier: "ana@example.com", password: "wrong \(index)", client: client)
                }
            }
            let unknownLogin = {
                try await clock.measure {
                    _ = try await fixture.flow.login(
                        identifier: "nobody\(index % 3)@example.com", password: "wrong \(index)", client: client)
                }
            }
            // Alternate which goes first, so warm caches favour neither.
            var known = Duration.zero
            var unknown = Duration.zero
            if index.isMultiple(of: 2) {
                known = try await knownLogin()
                unknown = try await unknownLogin()
            } else {
                unknown = try await unknownLogin()
                known = try await knownLogin()
            }
            knownTotal += known
            unknownTotal += unknown
        }
        let ratio = (unknownTotal / attempts) / (knownTotal / attempts)
        print(
            "enumeration timing: known \(knownTotal / attempts), unknown \(unknownTotal / attempts) per login, ratio unknown/known \(String(format: "%.3f", ratio)) over \(attempts) attempts each"
        )
        #expect(attempts > 0)
    }
}
