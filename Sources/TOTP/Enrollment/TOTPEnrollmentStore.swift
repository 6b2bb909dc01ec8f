public import struct Foundation.Date

/// A user's TOTP enrollment as stored: at most one pending secret (awaiting its first code) or one
/// active secret, both sealed, never both.
///
/// An active secret is the user's second factor, so nothing in this protocol replaces it without
/// proof: a new secret can only be enrolled once the active one is removed (``TOTPEnrollment`` does
/// that only after a current code or a recovery code), and re-sealing is a compare-and-swap on the
/// exact active value.
///
/// Contract for conformers:
/// - ``savePending(userID:secret:createdAt:)`` is one atomic step: it stores the pending secret
///   (replacing an earlier pending one) only if the user has no active secret, and returns whether it
///   did. Checking for an active secret and writing in two steps lets a session that knows only the
///   password slip a pending secret in beside the owner's enrollment. A SQL store keeps it atomic
///   with one statement, e.g. `INSERT ... ON CONFLICT (user_id) DO UPDATE SET pending = excluded.pending,
///   created_at = excluded.created_at WHERE enrollments.active IS NULL`, and reads the affected row
///   count.
/// - ``activate(userID:pending:)`` is atomic: it moves the pending secret to active and clears it,
///   only if the pending secret is still exactly `pending` and there is no active secret, in one step
///   (a compare-and-swap, e.g. one `UPDATE ... SET active = pending, pending = NULL WHERE user_id = ?
///   AND pending = ? AND active IS NULL`). It never replaces an active secret. Two racing
///   confirmations activate exactly once.
/// - ``replaceActive(userID:expected:with:)`` is the same compare-and-swap for re-sealing
///   (`UPDATE ... SET active = ? WHERE user_id = ? AND active = ?`).
/// - After any sequence of calls, concurrent or not, a user with an active secret has nothing pending.
/// - Values are copied in and out; nothing a caller holds changes behind its back. Sealed bytes and
///   the creation instant are read back exactly (instants to at least the microsecond).
/// - User ids are compared byte for byte (their UTF-8), as SQL's `=` on text does under a binary or
///   deterministic collation: case counts, and so does Unicode normalization ("é" as one code point
///   and as "e" + U+0301 are two users, though Swift's `String` `==` calls them equal).
///   ``remove(userID:)`` of an unknown user is no error.
/// - Errors thrown are the backend's own (connection lost, ...); "not found" is `nil` or `false`, and
///   so is "refused because a secret is active".
/// - `TOTPEnrollmentStoreConformance` in CRMAuthTesting checks every point above, the atomic steps
///   under many racing callers.
public protocol TOTPEnrollmentStore: Sendable {
    /// Atomically records `secret` as `userID`'s pending secret, created at `createdAt` (replacing any
    /// pending one), if `userID` has no active secret; returns whether it did. When it returns
    /// `false`, nothing was stored.
    func savePending(userID: String, secret: SealedOTPSecret, createdAt: Date) async throws -> Bool

    /// `userID`'s pending secret and when it was created, if any.
    func pending(userID: String) async throws -> (secret: SealedOTPSecret, createdAt: Date)?

    /// Atomically makes `pending` the active secret and clears the pending one, if `pending` is still
    /// the pending secret and `userID` has no active secret; returns whether it did. It never replaces
    /// an active secret.
    func activate(userID: String, pending: SealedOTPSecret) async throws -> Bool

    /// `userID`'s active secret, if any.
    func active(userID: String) async throws -> SealedOTPSecret?

    /// Atomically replaces the active secret with `replacement` if it is still `expected`.
    func replaceActive(userID: String, expected: SealedOTPSecret, with replacement: SealedOTPSecret) async throws -> Bool

    /// Removes `userID`'s pending and active secrets.
    func remove(userID: String) async throws
}
