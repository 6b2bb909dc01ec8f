/// Where the last accepted TOTP time step of each user is kept, so no code is accepted twice.
///
/// RFC 6238 §5.2: "the verifier MUST NOT accept the second attempt of the OTP after the successful
/// validation has been issued for the first OTP". Keeping only the last accepted step per user also
/// refuses any older code once a newer one was accepted.
///
/// Contract for conformers:
/// - ``markStepUsed(userID:step:)`` is one atomic read-modify-write: it records `step` and returns
///   `true` only if no step greater than or equal to `step` was recorded for `userID` before. Two
///   callers racing with the same step (in one process or on two servers sharing a database) must see
///   exactly one `true`. A SQL backend does this with one conditional `UPDATE ... WHERE last < step`
///   (or an insert when no row exists).
/// - Steps are compared as signed 64-bit integers, exactly (not as floating point), over the whole
///   range; users are independent of each other.
/// - User ids are compared byte for byte (their UTF-8), as SQL's `=` on text does under a binary or
///   deterministic collation: case counts, and so does Unicode normalization ("é" as one code point
///   and as "e" + U+0301 are two users, though Swift's `String` `==` calls them equal). The empty id
///   is an id like any other.
/// - ``removeSteps(userID:)`` of an unknown user is no error.
/// - Errors thrown are the backend's own (connection lost, ...); a thrown error means nothing was
///   recorded, and the verifier propagates it rather than accepting the code.
/// - Values are copied: nothing a caller holds changes what is stored.
///
/// ``HOTPVerifier`` uses the same store with the counter as the step (RFC 4226 §7.2: the counter only
/// moves forward). `TOTPStoreConformance` in CRMAuthTesting checks every point above.
public protocol TOTPStore: Sendable {
    /// Records `step` as the last accepted step for `userID`, atomically, if it is later than the one
    /// recorded; returns `false` (recording nothing) if `step` or a later step was already accepted.
    func markStepUsed(userID: String, step: Int64) async throws -> Bool

    /// The last accepted step for `userID`, or `nil` if none was accepted.
    func lastUsedStep(userID: String) async throws -> Int64?

    /// Forgets the last accepted step for `userID`, as when the user's secret is replaced.
    func removeSteps(userID: String) async throws
}
