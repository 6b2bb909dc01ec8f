import AuthCore
import Foundation
import LoginFlow
import SessionTokens
import Testing

/// The races the contract promises to survive: a store that reads the count, then writes it back,
/// loses wrong answers (an attacker gets more guesses than allowed) and fails these.
extension MFAChallengeStoreConformance {
    func concurrentFailures(_ store: any MFAChallengeStore, _ clock: ManualClock) async throws {
        let maximum = 5
        let digest = Self.digest()
        try await store.insert(Self.challenge(at: clock), digest: digest)
        let outcomes = await Conformance.race(racers) { _ in
            try await store.recordFailure(digest: digest, maximumFailures: maximum)
        }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing wrong answers get answers, not errors")
        let counted = outcomes.compactMap { $0.value ?? nil }.map(\.failures).sorted()
        #expect(counted == Array(1...maximum), "exactly \(maximum) wrong answers are counted, each count once")
        #expect(try await store.challenge(digest: digest) == nil, "and the challenge is gone")
    }

    func concurrentConsume(_ store: any MFAChallengeStore, _ clock: ManualClock) async throws {
        let challenge = Self.challenge(at: clock)
        let digest = Self.digest()
        try await store.insert(challenge, digest: digest)
        let outcomes = await Conformance.race(racers) { _ in try await store.consume(digest: digest) }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        let winners = outcomes.compactMap { $0.value ?? nil }
        #expect(winners.count == 1, "exactly one racing caller gets the challenge")
        #expect(Self.exactlyEqual(winners.first, challenge), "as stored")
    }

    func concurrentConsumeAndFailures(_ store: any MFAChallengeStore, _ clock: ManualClock) async throws {
        let digest = Self.digest()
        try await store.insert(Self.challenge(at: clock), digest: digest)
        // A maximum no racer reaches, so only consumption removes the challenge.
        let maximum = racers + 1
        let outcomes = await Conformance.race(racers) { index in
            index.isMultiple(of: 4)
                ? (true, try await store.consume(digest: digest))
                : (false, try await store.recordFailure(digest: digest, maximumFailures: maximum))
        }
        #expect(outcomes.allSatisfy { $0.error == nil }, "racing callers get answers, not errors")
        let answered = outcomes.compactMap(\.value)
        let consumed = answered.filter { $0.0 }.compactMap(\.1)
        let counted = answered.filter { !$0.0 }.compactMap(\.1).map(\.failures).sorted()
        #expect(consumed.count == 1, "exactly one consumer gets the challenge")
        #expect(counted.enumerated().allSatisfy { $0.element == $0.offset + 1 }, "each counted failure once")
        #expect(
            consumed.first?.failures == counted.count,
            "the consumed challenge counts exactly the failures answered before it")
        #expect(try await store.challenge(digest: digest) == nil, "and it is gone")
    }
}
