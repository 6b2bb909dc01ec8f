// Session validation in a plain loop, without the benchmark harness, for tools that need a simple
// process: `perf record` (where the time goes) and `perf stat` on uprobes (how many executor switch
// checks and task allocations one validation performs). Valgrind cannot run Swift concurrency's
// dispatch threads, so instruction counts are not available for the async path.
//
// Run from Benchmarks/: `swift run -c release SessionValidateLoop [sessions] [rounds] [calls per round]`
// (defaults 1000000, 5, 200000). Each round validates that many calls, walking a shuffled list of
// the live tokens, and prints nanoseconds per call. The setup matches SessionTokensBenchmarks: two
// sessions per user, a stamp provider conforming to the protocol, token texts laid out in the order
// they are presented.

import AuthCore
import Foundation
import SessionTokens

let arguments = CommandLine.arguments.dropFirst().map { Int($0) }
let count = (arguments.first ?? nil) ?? 1_000_000
let rounds = (arguments.dropFirst().first ?? nil) ?? 5
let calls = (arguments.dropFirst(2).first ?? nil) ?? 200_000

let issuedAt = Date(timeIntervalSince1970: 1_700_000_000)
let stamp = "Zm9yLWJlbmNobWFya3Mtb25seQ"

/// Every user's stamp is one constant, answered from memory.
struct Stamps: SecurityStampProvider {
    func securityStamp(userID: UserID) async throws -> String? { stamp }
}

let store = InMemorySessionStore()
let issuer = SessionManager(store: store, clock: ManualClock(now: issuedAt), stamps: Stamps())
var issued: [String] = []
issued.reserveCapacity(count)
for index in 0..<count {
    issued.append(
        try await issuer.issue(userID: try UserID("user-\(index / 2)"), securityStamp: stamp).token.revealedText)
}
let tokens = issued

// Off the main actor, as a server's request handlers run.
try await Task.detached {
    let manager = SessionManager(store: store, clock: ManualClock(now: issuedAt + 1), stamps: Stamps())
    let clock = ContinuousClock()
    var order = tokens
    for _ in 0..<rounds {
        // Shuffled, then copied in that order, so each text sits where a request buffer would put it.
        order.shuffle()
        order = order.map { String(decoding: Array($0.utf8), as: UTF8.self) }
        var checksum = 0
        let start = clock.now
        for index in 0..<calls {
            checksum &+= try await manager.validate(order[index % order.count]).userID.rawValue.utf8.count
        }
        let elapsed = (clock.now - start).components
        let nanoseconds = Double(elapsed.seconds) * 1e9 + Double(elapsed.attoseconds) / 1e9
        print(
            "validate, \(count) live sessions: \(Int(nanoseconds / Double(calls))) ns per call (checksum \(checksum))")
    }
}.value
