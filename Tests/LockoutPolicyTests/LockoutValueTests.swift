import AuthCore
import Foundation
import LockoutPolicy
import Testing

@Suite("Lockout values: rules, digests, decisions and records")
struct LockoutValueTests {
    @Test("the standard rules stay within NIST SP 800-63B's 100 consecutive failures per account")
    func standardRules() {
        let rules = LockoutRules.standard
        let strangers = rules.account.threshold * (rules.account.administratorLockAfter ?? .max)
        let trusted = rules.trustedPair.threshold * (rules.trustedPair.administratorLockAfter ?? .max)
        #expect(strangers == 90)
        #expect(strangers + trusted <= 100)
        #expect(rules.pair.threshold < rules.account.threshold, "the narrow counter acts first")
        #expect(rules.source.administratorLockAfter == nil, "a shared address is never locked for good")
    }

    @Test("rules out of range are refused")
    func invalidRules() {
        func make(threshold: Int = 5, window: Double = 60, free: Int = 1, memory: Double = 3600) throws {
            _ = try CounterRules(
                threshold: threshold, failureWindow: window, freeFailures: free, firstDelay: 1, maximumDelay: 2,
                firstLockDuration: 60, maximumLockDuration: 120, administratorLockAfter: nil, lockMemory: memory)
        }
        #expect(throws: LockoutError.invalidRules) { try make(threshold: 0) }
        #expect(throws: LockoutError.invalidRules) { try make(threshold: 101) }
        #expect(throws: LockoutError.invalidRules) { try make(window: 0) }
        #expect(throws: LockoutError.invalidRules) { try make(free: 6) }
        #expect(throws: LockoutError.invalidRules) { try make(memory: 100) }
        #expect(throws: Never.self) { try make() }
    }

    @Test("rules decode through the same validation")
    func rulesCoding() throws {
        let data = try JSONEncoder().encode(LockoutRules.standard)
        #expect(try JSONDecoder().decode(LockoutRules.self, from: data) == .standard)
        let broken = String(decoding: data, as: UTF8.self).replacingOccurrences(
            of: "\"threshold\":10", with: "\"threshold\":0")
        #expect(throws: LockoutError.invalidRules) {
            try JSONDecoder().decode(LockoutRules.self, from: Data(broken.utf8))
        }
    }

    @Test("delays and locks double to their caps")
    func escalation() {
        let rules = CounterRules.test(threshold: 10, free: 2)
        #expect((0...8).map { rules.delay(afterFailures: $0) } == [0, 0, 0, 1, 2, 4, 8, 8, 8])
        #expect((1...6).map { rules.lockDuration(forLock: $0) } == [60, 120, 240, 480, 480, 480])
        #expect(rules.delay(afterFailures: .max) == 8)
    }

    @Test("account digests are keyed: the same text under another key is another digest")
    func digests() throws {
        let key = [UInt8](repeating: 7, count: 32)
        let first = try LockoutSecret(key: key)
        let second = try LockoutSecret(key: key)
        #expect(first.digest(account: "ada") == second.digest(account: "ada"))
        #expect(first.digest(account: "ada") != first.digest(account: "Ada"))
        #expect(first.digest(account: "caf\u{E9}") != first.digest(account: "cafe\u{301}"), "byte-exact")
        #expect(first.digest(account: "ada") != LockoutSecret.random().digest(account: "ada"))
        #expect(throws: LockoutError.invalidSecret) { try LockoutSecret(key: Array(key.prefix(31))) }
        #expect("\(first)" == "LockoutSecret(<redacted>)")
        let digest = first.digest(account: "ada")
        #expect(try AccountDigest(bytes: digest.bytes) == digest)
        let decoded = try JSONDecoder().decode([AccountDigest].self, from: JSONEncoder().encode([digest]))
        #expect(decoded == [digest])
    }

    @Test("a record holds no trace of what was typed")
    func recordsHideIdentifiers() async throws {
        let fixture = Fixture()
        let attempt = try fixture.stranger("Tr0ub4dor&3")  // a password typed into the email field
        let record = try await fixture.charge(attempt)
        let json = String(decoding: try JSONEncoder().encode(record), as: UTF8.self)
        #expect(!json.contains("Tr0ub4dor"))
        #expect(json.contains("\"lockout.failure\""))
        #expect(try JSONDecoder().decode(LockoutRecord.self, from: Data(json.utf8)) == record)
    }

    @Test(
        "decisions encode with stable kind names and decode back",
        arguments: [
            (LockoutDecision.allowed, #"{"kind":"allowed"}"#),
            (
                .delayed(until: Date(timeIntervalSince1970: 10), counter: .pair),
                #"{"counter":"pair","kind":"delayed","until":10}"#
            ),
            (
                .locked(until: Date(timeIntervalSince1970: 20), counter: .source),
                #"{"counter":"source","kind":"locked","until":20}"#
            ),
            (.lockedUntilUnlocked(counter: .account), #"{"counter":"account","kind":"lockedUntilUnlocked"}"#),
        ])
    func decisionCoding(decision: LockoutDecision, json: String) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        encoder.dateEncodingStrategy = .secondsSince1970
        #expect(String(decoding: try encoder.encode(decision), as: UTF8.self) == json)
        let decoder = JSONDecoder()
        decoder.dateDecodingStrategy = .secondsSince1970
        #expect(try decoder.decode(LockoutDecision.self, from: Data(json.utf8)) == decision)
    }
    @Test("keys decode back, and a key whose fields do not fit its dimension is refused")
    func keyCoding() throws {
        let digest = try LockoutSecret(key: [UInt8](repeating: 1, count: 32)).digest(account: "ada")
        let source = SourcePrefix(ipv4: 0xCB00_7107)
        let keys: [LockoutKey] = [.account(digest), .trustedPair(digest), .pair(digest, source), .source(source)]
        #expect(try JSONDecoder().decode([LockoutKey].self, from: JSONEncoder().encode(keys)) == keys)
        let hex = String(repeating: "ab", count: 32)
        for bad in [
            #"{"dimension":"account","account":"\#(hex)","source":"203.0.113.7"}"#,
            #"{"dimension":"pair","account":"\#(hex)"}"#, #"{"dimension":"source"}"#,
            #"{"dimension":"trustedPair","source":"203.0.113.7"}"#,
        ] {
            #expect(throws: DecodingError.self) { try JSONDecoder().decode(LockoutKey.self, from: Data(bad.utf8)) }
        }
    }
}
