public import struct Foundation.Date

/// A user's TOTP enrollment as stored: at most one pending secret (awaiting its first code) and at
/// most one active secret, both sealed.
///
/// Contract for conformers:
/// - ``activate(userID:pending:)`` is atomic: it moves the pending secret to active (replacing any
///   active one) only if the pending secret is still exactly `pending`, and clears it, in one step (a
///   compare-and-swap, e.g. one `UPDATE ... WHERE pending = ?`). Two racing confirmations activate
///   exactly once.
/// - ``replaceActive(userID:expected:with:)`` is the same compare-and-swap for re-sealing.
/// - Values are copied in and out; nothing a caller holds changes behind its back. Sealed bytes and
///   the creation instant are read back exactly (instants to at least the microsecond).
/// - User ids are compared byte for byte (their UTF-8), as SQL's `=` on text does under a binary or
///   deterministic collation: case counts, and so does Unicode normalization ("é" as one code point
///   and as "e" + U+0301 are two users, though Swift's `String` `==` calls them equal).
///   ``remove(userID:)`` of an unknown user is no error.
/// - Errors thrown are the backend's own (connection lost, ...); "not found" is `nil` or `false`.
/// - `TOTPEnrollmentStoreConformance` in CRMAuthTesting checks every point above.
public protocol TOTPEnrollmentStore: Sendable {
    /// Records `secret` as `userID`'s pending secret, created at `createdAt`, replacing any pending one.
    func savePending(userID: String, secret: SealedOTPSecret, createdAt: Date) async throws

    /// `userID`'s pending secret and when it was created, if any.
    func pending(userID: String) async throws -> (secret: SealedOTPSecret, createdAt: Date)?

    /// Atomically makes `pending` the active secret and clears the pending one, if `pending` is still
    /// the pending secret; returns whether it did.
    func activate(userID: String, pending: SealedOTPSecret) async throws -> Bool

    /// `userID`'s active secret, if any.
    func active(userID: String) async throws -> SealedOTPSecret?

    /// Atomically replaces the active secret with `replacement` if it is still `expected`.
    func replaceActive(userID: String, expected: SealedOTPSecret, with replacement: SealedOTPSecret) async throws -> Bool

    /// Removes `userID`'s pending and active secrets.
    func remove(userID: String) async throws
}
