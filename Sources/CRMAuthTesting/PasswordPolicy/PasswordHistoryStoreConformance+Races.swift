import AuthCore
import PasswordPolicy
import Synchronization
import Testing

extension PasswordHistoryStoreConformance {
    func concurrentAppendsNoneLost(_ store: any PasswordHistoryStore, _ clock: ManualClock) async throws {
        let calls = try await raceAppends(store, clock, limit: racers)
        let kept = try await Self.labels(in: store)
        #expect(kept.count == racers, "with room for every racer, every append is kept")
        #expect(Set(kept) == Set((0..<racers).map { "r\($0)" }), "no racing append is lost or duplicated")
        Self.expectRealTimeOrder(kept, calls)
        try await expectNextAppendFirst(store, clock, limit: racers, count: racers)
    }

    func concurrentAppendsTrim(_ store: any PasswordHistoryStore, _ clock: ManualClock) async throws {
        let limit = 4
        try await Self.append((1...limit).map { "old\($0)" }, limit: limit, to: store, clock: clock)
        let calls = try await raceAppends(store, clock, limit: limit)
        let kept = try await Self.labels(in: store)
        #expect(kept.count == limit, "racing appends leave exactly the limit, never more, never fewer")
        #expect(Set(kept).count == kept.count, "no entry is kept twice")
        #expect(kept.allSatisfy { calls[$0] != nil }, "every older entry gave way to the racers' newer ones")
        Self.expectRealTimeOrder(kept, calls)
        let trimmedNewer = calls.filter { label, call in
            !kept.contains(label) && kept.contains { calls[$0].map { $0.returned < call.started } ?? false }
        }.keys.sorted()
        if !trimmedNewer.isEmpty {
            let examples = trimmedNewer.prefix(3).joined(separator: ", ")
            Issue.record(
                "\(trimmedNewer.count) trimmed though their append started after a kept one's returned, e.g. \(examples)"
            )
        }
        try await expectNextAppendFirst(store, clock, limit: limit, count: limit)
    }

    func concurrentUsers(_ store: any PasswordHistoryStore, _ clock: ManualClock) async throws {
        let outcomes = await Conformance.race(racers) { index in
            try await Self.append(
                ["\(index)-a", "\(index)-b", "\(index)-c"], user: UserID("user\(index)"), limit: 2, to: store,
                clock: clock)
        }
        #expect(outcomes.allSatisfy { $0.error == nil }, "every user's appends succeed")
        var disturbed: [String] = []
        for index in 0..<racers
        where try await Self.labels(UserID("user\(index)"), in: store) != ["\(index)-c", "\(index)-b"] {
            disturbed.append("user\(index)")
        }
        #expect(disturbed.isEmpty, "each user keeps its own newest two, newest first")
    }

    /// When a racing append started and returned, in tickets taken from one counter.
    struct Call: Sendable {
        let started: Int
        let returned: Int
    }

    /// Appends `r0`...`r<racers - 1>` from as many racing tasks under `limit`; the calls by label.
    private func raceAppends(_ store: any PasswordHistoryStore, _ clock: ManualClock, limit: Int) async throws
        -> [String: Call]
    {
        let tickets = Tickets()
        let entries = (0..<racers).map { Self.entry("r\($0)", at: clock) }
        let outcomes = await Conformance.race(racers) { index in
            let started = tickets.take()
            try await store.append(entries[index], userID: "ada", keepingNewest: limit)
            return ("r\(index)", Call(started: started, returned: tickets.take()))
        }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing appends succeed")
        return Dictionary(outcomes.compactMap(\.value), uniquingKeysWith: { first, _ in first })
    }

    /// Expects the list to respect real time: an append that returned before another started is
    /// the older one, so it must be listed after it.
    private static func expectRealTimeOrder(_ kept: [String], _ calls: [String: Call]) {
        var misordered: [String] = []
        for (position, listedFirst) in kept.enumerated() {
            for listedLater in kept[(position + 1)...] {
                guard let first = calls[listedFirst], let later = calls[listedLater] else { continue }
                if first.returned < later.started { misordered.append("\(listedFirst) before \(listedLater)") }
            }
        }
        if !misordered.isEmpty {
            let examples = misordered.prefix(3).joined(separator: ", ")
            Issue.record(
                "\(misordered.count) pairs listed against real time, e.g. \(examples): each listed first returned before the other started"
            )
        }
    }

    /// After a race, one more append is listed first and the count stays at `count`.
    private func expectNextAppendFirst(
        _ store: any PasswordHistoryStore, _ clock: ManualClock, limit: Int, count: Int
    ) async throws {
        try await Self.append(["after"], limit: limit, to: store, clock: clock)
        let kept = try await Self.labels(in: store)
        #expect(kept.first == "after", "an append after the race is the newest")
        #expect(kept.count == count, "and the limit still holds")
    }
}

/// Hands out increasing numbers, so racing tasks can tell which call returned before another started.
private final class Tickets: Sendable {
    private let next = Mutex(0)

    func take() -> Int {
        next.withLock { next in
            defer { next += 1 }
            return next
        }
    }
}
