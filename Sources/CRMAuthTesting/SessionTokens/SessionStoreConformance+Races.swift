import AuthCore
import Foundation
import SessionTokens
import Testing

extension SessionStoreConformance {
    func concurrentReplace(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let session = Self.session(at: clock)
        let old = Self.digest()
        try await store.insert(session, digest: old)
        let successors = (0..<racers).map { _ in Self.digest() }
        let outcomes = await Conformance.race(racers) { index in
            (index, try await store.replace(digest: old, with: successors[index], session: session))
        }
        let winners = outcomes.compactMap { $0.value }.filter(\.1).map(\.0)
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing rotations get answers, not errors")
        #expect(winners.count == 1, "exactly one racing rotation succeeds")
        #expect(try await store.sessions(userID: "ada").count == 1, "one session is left")
        if let winner = winners.first {
            #expect(try await store.session(digest: successors[winner]) == session, "under the winner's digest")
        }
        #expect(try await store.session(digest: old) == nil)
    }

    func concurrentLimitRefuse(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let limit = ConcurrentSessionLimit(maximum: 3, overflow: .refuseNew)
        let sessions = (0..<racers).map { _ in Self.session(at: clock) }
        let outcomes = await Conformance.race(racers) { index in
            try await store.insert(sessions[index], digest: Self.digest(), limit: limit)
        }
        #expect(outcomes.filter { $0.value != nil }.count == 3, "exactly the limit's worth of logins succeed")
        #expect(
            outcomes.compactMap(\.error).allSatisfy { ($0 as? SessionTokenError) == .limitReached },
            "the others are refused with limitReached")
        #expect(try await store.sessions(userID: "ada").count == 3, "the limit holds under concurrency")
    }

    func concurrentLimitEvict(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let limit = ConcurrentSessionLimit(maximum: 3, overflow: .evictOldest)
        let sessions = (0..<racers).map { index in
            var session = Self.session(at: clock)
            session.createdAt = clock.now().addingTimeInterval(Double(index))
            return session
        }
        let outcomes = await Conformance.race(racers) { index in
            try await store.insert(sessions[index], digest: Self.digest(), limit: limit)
        }
        let evicted = outcomes.compactMap(\.value).flatMap { $0 }
        #expect(outcomes.allSatisfy { $0.error == nil }, "every login succeeds")
        let remaining = try await store.sessions(userID: "ada")
        #expect(remaining.count == 3, "the limit holds under concurrency")
        #expect(evicted.count == racers - 3, "each eviction is reported exactly once")
        #expect(Set(evicted).count == evicted.count, "no session is evicted twice")
        #expect(Set(evicted).isDisjoint(with: remaining.map(\.id)), "no remaining session is reported evicted")
    }

    func concurrentDuplicateDigest(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let digest = Self.digest()
        let sessions = (0..<racers).map { _ in Self.session(at: clock) }
        let outcomes = await Conformance.race(racers) { index in
            try await store.insert(sessions[index], digest: digest, limit: nil)
        }
        #expect(outcomes.filter { $0.value != nil }.count == 1, "exactly one insert under one digest succeeds")
        #expect(
            outcomes.compactMap(\.error).allSatisfy { ($0 as? SessionTokenError) == .duplicate },
            "the others get duplicate")
        #expect(try await store.sessions(userID: "ada").count == 1)
    }

    func concurrentDelete(_ store: any SessionStore, _ clock: ManualClock) async throws {
        let session = Self.session(at: clock)
        let digest = Self.digest()
        try await store.insert(session, digest: digest)
        let strangers: [UserID] = ["mallory", "Ada", "ada\u{0301}"]
        let refused = await Conformance.race(racers) { index in
            try await store.delete(id: session.id, userID: strangers[index % strangers.count])
        }
        #expect(refused.allSatisfy { $0.error == nil }, "racing deletions get answers, not errors")
        #expect(refused.allSatisfy { $0.value == false }, "no caller naming another owner deletes the session")
        #expect(try await store.session(digest: digest) == session, "the session survives them")
        let outcomes = await Conformance.race(racers) { _ in try await store.delete(id: session.id, userID: "ada") }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing deletions get answers, not errors")
        #expect(outcomes.filter { $0.value == true }.count == 1, "exactly one of the owner's racing deletions succeeds")
        #expect(try await store.session(digest: digest) == nil)
    }
}
