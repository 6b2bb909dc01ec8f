/// Where each user's unused recovery codes are kept, as digests only.
///
/// Contract for conformers:
/// - ``replaceCodes(userID:digests:)`` swaps the whole set atomically: after it returns, no code of
///   the old set is accepted (regenerating invalidates the old codes). The digests are a set: one
///   given twice is stored, counted and accepted once (a unique key on user and digest, with
///   `ON CONFLICT DO NOTHING`).
/// - ``consumeCode(userID:digest:)`` is one atomic read-modify-write: it removes `digest` from the
///   user's set and returns `true`, or returns `false` if it is not there. Two callers racing with the
///   same code, on one server or two sharing a database, see exactly one `true`
///   (`DELETE ... WHERE user = ? AND digest = ?` and check the row count).
/// - ``remainingCodes(userID:)`` counts unused codes; 0 for an unknown user.
/// - User ids are compared byte for byte (their UTF-8), as SQL's `=` on text does under a binary or
///   deterministic collation: case counts, and so does Unicode normalization ("é" as one code point
///   and as "e" + U+0301 are two users, though Swift's `String` `==` calls them equal). Users never
///   see each other's codes.
/// - A thrown error means nothing changed. Values are copied, never shared with the caller.
/// - `RecoveryCodeStoreConformance` in CRMAuthTesting checks every point above.
public protocol RecoveryCodeStore: Sendable {
    /// Replaces `userID`'s codes with `digests` (an empty array removes them all).
    func replaceCodes(userID: String, digests: [RecoveryCodeDigest]) async throws

    /// Removes `digest` from `userID`'s codes; `false` if it was not among them.
    func consumeCode(userID: String, digest: RecoveryCodeDigest) async throws -> Bool

    /// How many unused codes `userID` has.
    func remainingCodes(userID: String) async throws -> Int
}
