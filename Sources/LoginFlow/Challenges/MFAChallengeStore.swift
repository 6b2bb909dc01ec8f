public import SessionTokens

public import struct Foundation.Date

/// Where outstanding MFA challenges live, keyed by the SHA-256 digest of their token.
///
/// Contract every conformer keeps:
/// - ``insert(_:digest:)`` throws ``LoginFlowError/duplicate`` if the digest is stored, changing nothing.
/// - ``recordFailure(digest:maximumFailures:)`` is ONE atomic operation: it adds one wrong answer and
///   returns the updated challenge; when the count reaches `maximumFailures` it removes the challenge
///   in the same step (the returned value then has `failures == maximumFailures`). Concurrent wrong
///   answers are each counted: 64 racers on a challenge allowing 5 see exactly 5 counted and the rest
///   `nil`. In SQL: `UPDATE mfa_challenges SET failures = failures + 1 WHERE digest = $1 RETURNING ...`,
///   then `DELETE ... WHERE digest = $1 AND failures >= $2` in the same transaction.
/// - ``consume(digest:)`` is ONE atomic operation: it removes and returns the challenge, so of many
///   concurrent callers exactly one gets it (`DELETE ... WHERE digest = $1 RETURNING ...`).
/// - Expiry is the caller's decision: reads return expired challenges until ``purgeExpired(at:)``.
/// - `MFAChallengeStoreConformance` in CRMAuthTesting checks every point above, races included.
public protocol MFAChallengeStore: Sendable {
    /// Stores a new challenge under `digest`.
    func insert(_ challenge: MFAChallenge, digest: TokenDigest) async throws
    /// The challenge under `digest`, or `nil`.
    func challenge(digest: TokenDigest) async throws -> MFAChallenge?
    /// Counts one wrong answer; removes the challenge when it reaches `maximumFailures`.
    func recordFailure(digest: TokenDigest, maximumFailures: Int) async throws -> MFAChallenge?
    /// Atomically removes and returns the challenge under `digest`.
    func consume(digest: TokenDigest) async throws -> MFAChallenge?
    /// Removes challenges expired at `date`; returns how many.
    func purgeExpired(at date: Date) async throws -> Int
}
