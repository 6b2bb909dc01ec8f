public import AuthCore

public import struct Foundation.Date

/// A user's TOTP enrollment as stored: at most one pending secret (awaiting its first code) or one
/// active secret, both sealed, never both.
///
/// An active secret is the user's second factor, so nothing in this protocol replaces or removes it
/// without naming it: a new secret can only be enrolled once the active one is removed (``TOTPEnrollment``
/// does that only after a current code or a recovery code, with a compare-and-swap on the secret
/// that was proven), and re-sealing is a compare-and-swap on the exact active value.
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
///   (a compare-and-swap: one `UPDATE ... SET active = pending, pending = NULL WHERE user_id = ?
///   AND pending = ? AND active IS NULL`, reading the affected row count). It never replaces an
///   active secret. Two racing confirmations activate exactly once.
/// - ``replaceActive(userID:expected:with:)`` is the same compare-and-swap for re-sealing: one
///   `UPDATE ... SET active = ? WHERE user_id = ? AND active = ?`, reading the affected row count.
/// - ``removeActive(userID:expected:)`` is the compare-and-swap for disabling: it removes the active
///   secret only if it is still exactly `expected`, in one step (`DELETE ... WHERE user_id = ? AND
///   active = ?`, reading the affected row count). A proof checked against one secret never removes
///   another that replaced it meanwhile. Racing removals and re-seals of one secret: exactly one
///   succeeds.
/// - After any sequence of calls, concurrent or not, a user with an active secret has nothing pending.
/// - Values are copied in and out; nothing a caller holds changes behind its back. Sealed bytes and
///   the creation instant are read back exactly (instants to at least the microsecond).
/// - Users are independent, and ids are told apart as `UserID` defines. ``remove(userID:)`` of an
///   unknown user is no error.
/// - Errors thrown are the backend's own (connection lost, ...); "not found" is `nil` or `false`, and
///   so is "refused because a secret is active" or "no longer the expected secret".
/// - `TOTPEnrollmentStoreConformance` in CRMAuthTesting checks every point above, the atomic steps
///   under many racing callers.
public protocol TOTPEnrollmentStore: Sendable {
    /// Atomically records `secret` as `userID`'s pending secret, created at `createdAt` (replacing any
    /// pending one), if `userID` has no active secret; returns whether it did. When it returns
    /// `false`, nothing was stored.
    func savePending(userID: UserID, secret: SealedOTPSecret, createdAt: Date) async throws -> Bool

    /// `userID`'s pending secret and when it was created, if any.
    func pending(userID: UserID) async throws -> PendingOTPSecret?

    /// Atomically makes `pending` the active secret and clears the pending one, if `pending` is still
    /// the pending secret and `userID` has no active secret; returns whether it did. It never replaces
    /// an active secret.
    func activate(userID: UserID, pending: SealedOTPSecret) async throws -> Bool

    /// `userID`'s active secret, if any.
    func active(userID: UserID) async throws -> SealedOTPSecret?

    /// Atomically replaces the active secret with `replacement` if it is still `expected`.
    func replaceActive(userID: UserID, expected: SealedOTPSecret, with replacement: SealedOTPSecret) async throws
        -> Bool

    /// Atomically removes `userID`'s active secret if it is still `expected`; returns whether it did.
    /// When it returns `false`, nothing changed.
    func removeActive(userID: UserID, expected: SealedOTPSecret) async throws -> Bool

    /// Removes `userID`'s pending and active secrets, whatever they are (an operator's reset).
    func remove(userID: UserID) async throws
}
