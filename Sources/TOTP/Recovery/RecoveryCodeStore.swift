public import AuthCore

/// Where each user's unused recovery codes are kept, as digests only.
///
/// Contract for conformers:
/// - ``replaceCodes(userID:digests:)`` swaps the whole set atomically: after it returns, no code of
///   the old set is accepted (regenerating invalidates the old codes), and a racing consumption
///   sees either the old set or the new one, never a mix. A SQL store runs it as one transaction:
///   `DELETE FROM recovery_codes WHERE user_id = ?`, then one `INSERT` of the new rows. The digests
///   are a set: one given twice is stored, counted and accepted once (a unique key on user and
///   digest, with `ON CONFLICT DO NOTHING`).
/// - ``consumeCode(userID:digest:)`` is one atomic read-modify-write: it removes `digest` from the
///   user's set and returns `true`, or returns `false` if it is not there. Two callers racing with the
///   same code, on one server or two sharing a database, see exactly one `true`. A SQL store keeps it
///   atomic with one statement, `DELETE FROM recovery_codes WHERE user_id = ? AND digest = ?`, and
///   reads the affected row count (never a `SELECT` followed by a `DELETE`).
/// - ``remainingCodes(userID:)`` counts unused codes; 0 for an unknown user.
/// - Users are independent, and ids are told apart as `UserID` defines. Users never see each
///   other's codes.
/// - A thrown error means nothing changed. Values are copied, never shared with the caller.
/// - `RecoveryCodeStoreConformance` in CRMAuthTesting checks every point above.
public protocol RecoveryCodeStore: Sendable {
    /// Replaces `userID`'s codes with `digests` (an empty array removes them all).
    func replaceCodes(userID: UserID, digests: [RecoveryCodeDigest]) async throws

    /// Removes `digest` from `userID`'s codes; `false` if it was not among them.
    func consumeCode(userID: UserID, digest: RecoveryCodeDigest) async throws -> Bool

    /// How many unused codes `userID` has.
    func remainingCodes(userID: UserID) async throws -> Int
}
