public import SessionTokens
import Synchronization

public import struct Foundation.Date

/// An ``MFAChallengeStore`` in process memory; every method is one critical section.
public final class InMemoryMFAChallengeStore: MFAChallengeStore {
    private let challenges = Mutex([TokenDigest: MFAChallenge]())

    /// Creates an empty store.
    public init() {}

    /// The number of outstanding challenges.
    public var count: Int { challenges.withLock { $0.count } }

    /// See ``MFAChallengeStore/insert(_:digest:)``.
    public func insert(_ challenge: MFAChallenge, digest: TokenDigest) async throws {
        try challenges.withLock { (challenges: inout [TokenDigest: MFAChallenge]) throws(LoginFlowError) in
            guard challenges[digest] == nil else { throw LoginFlowError(.duplicate, "digest already stored") }
            challenges[digest] = challenge
        }
    }

    /// See ``MFAChallengeStore/challenge(digest:)``.
    public func challenge(digest: TokenDigest) async throws -> MFAChallenge? {
        challenges.withLock { $0[digest] }
    }

    /// See ``MFAChallengeStore/recordFailure(digest:maximumFailures:)``.
    public func recordFailure(digest: TokenDigest, maximumFailures: Int) async throws -> MFAChallenge? {
        challenges.withLock { challenges in
            guard var challenge = challenges[digest] else { return nil }
            challenge.failures += 1
            if challenge.failures >= maximumFailures {
                challenges[digest] = nil
            } else {
                challenges[digest] = challenge
            }
            return challenge
        }
    }

    /// See ``MFAChallengeStore/consume(digest:)``.
    public func consume(digest: TokenDigest) async throws -> MFAChallenge? {
        challenges.withLock { $0.removeValue(forKey: digest) }
    }

    /// See ``MFAChallengeStore/purgeExpired(at:)``.
    public func purgeExpired(at date: Date) async throws -> Int {
        challenges.withLock { challenges in
            let before = challenges.count
            challenges = challenges.filter { $0.value.expiresAt > date }
            return before - challenges.count
        }
    }
}
