public import AuthCore

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
///   exactly one `true`. A SQL backend does this with one conditional statement, e.g. `INSERT INTO
///   totp_steps (user_id, last) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET last = excluded.last
///   WHERE totp_steps.last < excluded.last`, and reads the affected row count.
/// - Steps are compared as signed 64-bit integers, exactly (not as floating point), over the whole
///   range.
/// - Users are independent, and ids are told apart as `UserID` defines.
/// - ``removeSteps(userID:)`` of an unknown user is no error.
/// - Errors thrown are the backend's own (connection lost, ...); a thrown error means nothing was
///   recorded, and the verifier propagates it rather than accepting the code.
/// - Values are copied: nothing a caller holds changes what is stored.
///
/// HOTP counters have a store of their own, ``HOTPCounterStore``. `TOTPStoreConformance` in
/// CRMAuthTesting checks every point above.
public protocol TOTPStore: Sendable {
    /// Records `step` as the last accepted step for `userID`, atomically, if it is later than the one
    /// recorded; returns `false` (recording nothing) if `step` or a later step was already accepted.
    func markStepUsed(userID: UserID, step: Int64) async throws -> Bool

    /// The last accepted step for `userID`, or `nil` if none was accepted.
    func lastUsedStep(userID: UserID) async throws -> Int64?

    /// Forgets the last accepted step for `userID`, as when the user's secret is replaced.
    func removeSteps(userID: UserID) async throws
}
