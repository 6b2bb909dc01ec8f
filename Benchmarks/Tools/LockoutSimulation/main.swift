// Attack simulations against `LoginThrottle` with the standard rules and the in-memory store, on a
// simulated clock, printed as JSON:
//
// - guessing: 10,000 guesses at one account from 50 addresses (one guess per simulated second, the
//   addresses in turn), while the account's owner logs in from a known device every minute.
// - stuffing: 100,000 guesses over 10,000 accounts from 20 addresses (100 guesses per simulated
//   second, each address in turn, each account in turn).
// - memory: N random strangers (random identifier, random IPv4 address) failing once each: three new
//   counters apiece; heap growth per counter.
//
// Memory held by a scenario is its counters times the measured bytes per counter.
// A guess "reaches the password check" when the throttle admits it (and charges it, in the same atomic
// store call); refused guesses charge nothing. The owner's logins are admitted and then refunded.
// Run from Benchmarks/: `swift run -c release LockoutSimulation [N]`.

import AuthCore
import CMallocStats
import Foundation
import LockoutPolicy

func heapInUse() -> Int { Int(crmauth_heap_in_use()) }

let start = Date(timeIntervalSince1970: 1_700_000_000)

/// One guessing attacker with 50 addresses against one account whose owner logs in every minute.
func guessing() async throws -> [String: Any] {
    let clock = ManualClock(now: start)
    let store = InMemoryLockoutStore()
    let throttle = LoginThrottle(store: store, secret: .random(), clock: clock)
    let addresses = (0..<50).map { SourceAddress(ipv4: 0xC633_6400 + UInt32($0)) }  // 198.51.100.0/26
    let owner = throttle.attempt(
        account: "owner@example.com", source: SourceAddress(ipv4: 0xCB00_7101), trust: .knownDevice)
    var checked = 0
    var refusals: [String: Int] = [:]
    var ownerLogins = 0
    var ownerRefused = 0
    for guess in 0..<10_000 {
        clock.set(to: start.addingTimeInterval(Double(guess)))
        if guess.isMultiple(of: 60) {
            ownerLogins += 1
            let ticket = try await throttle.admit(owner)
            if ticket.decision.isAllowed {
                try await throttle.recordSuccess(ticket)
            } else {
                ownerRefused += 1
            }
        }
        let attempt = throttle.attempt(account: "owner@example.com", source: addresses[guess % 50])
        let decision = try await throttle.admit(attempt).decision
        if decision.isAllowed {
            checked += 1
        } else {
            refusals["\(decision.kind.rawValue) by \(decision.counter!.rawValue)", default: 0] += 1
        }
    }
    let final = try await throttle.check(throttle.attempt(account: "owner@example.com", source: addresses[0]))
    return [
        "guesses": 10_000, "addresses": 50, "simulatedSeconds": 10_000,
        "guessesReachingPasswordCheck": checked, "refusals": refusals,
        "ownerLogins": ownerLogins, "ownerRefused": ownerRefused,
        "strangersAtTheEnd": final.kind.rawValue,
        "countersHeld": store.count,
    ]
}

/// Credential stuffing: 20 addresses, 10,000 accounts, 100,000 guesses.
func stuffing() async throws -> [String: Any] {
    let clock = ManualClock(now: start)
    let store = InMemoryLockoutStore()
    let throttle = LoginThrottle(store: store, secret: .random(), clock: clock)
    let addresses = (0..<20).map { SourceAddress(ipv4: 0xCB00_7100 + UInt32($0)) }  // 203.0.113.0/27
    let accounts = (0..<10_000).map { "user\($0)@example.com" }
    var checked = 0
    var refusals: [String: Int] = [:]
    for guess in 0..<100_000 {
        clock.set(to: start.addingTimeInterval(Double(guess) / 100))
        let attempt = throttle.attempt(account: accounts[guess % 10_000], source: addresses[guess % 20])
        let decision = try await throttle.admit(attempt).decision
        if decision.isAllowed {
            checked += 1
        } else {
            refusals["\(decision.kind.rawValue) by \(decision.counter!.rawValue)", default: 0] += 1
        }
    }
    return [
        "guesses": 100_000, "accounts": 10_000, "addresses": 20, "simulatedSeconds": 1_000,
        "guessesReachingPasswordCheck": checked, "refusals": refusals,
        "countersHeld": store.count,
    ]
}

/// Heap per counter for `count` single failures of random strangers.
func memory(count: Int) async throws -> [String: Any] {
    let clock = ManualClock(now: start)
    let store = InMemoryLockoutStore(capacity: 3 * count)
    let throttle = LoginThrottle(store: store, secret: .random(), clock: clock)
    let attempts = (0..<count).map { index in
        throttle.attempt(account: "spray-\(index)", source: SourceAddress(ipv4: UInt32.random(in: 0...UInt32.max)))
    }
    let heapBefore = heapInUse()
    for attempt in attempts { _ = try await throttle.admit(attempt) }
    let grown = heapInUse() - heapBefore
    return [
        "strangers": count, "countersHeld": store.count, "heapBytes": grown,
        "bytesPerCounter": Int((Double(grown) / Double(store.count)).rounded()),
        "defaultCapacity": InMemoryLockoutStore.defaultCapacity,
        "heapAtDefaultCapacityMB": Int(
            (Double(grown) / Double(store.count) * Double(InMemoryLockoutStore.defaultCapacity) / 1e6).rounded()),
    ]
}

let count = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 100_000
// Memory first, on a quiet heap; the scenarios report the counters they hold (times bytesPerCounter).
let memoryReport = try await memory(count: count)
let report: [String: Any] = [
    "memory": memoryReport, "guessing": try await guessing(), "stuffing": try await stuffing(),
]
let json = try JSONSerialization.data(withJSONObject: report, options: [.prettyPrinted, .sortedKeys])
print(String(decoding: json, as: UTF8.self))
