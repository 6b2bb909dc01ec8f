public import AuthCore
public import SessionTokens

public import struct Foundation.Date

/// Where remembered devices live, keyed by the SHA-256 digest of their `SessionTokens.DeviceToken`
/// (never the token).
///
/// Contract every conformer keeps:
/// - Values are copied in and out, every field exactly as written.
/// - ``insert(_:digest:limit:)`` throws ``LoginFlowError/duplicate`` if the digest or the id is stored,
///   storing nothing. It is ONE atomic operation with the per-user `limit`: when the user would hold
///   more than `limit` unexpired devices (at `device.createdAt`), the least recently used are removed
///   and their ids returned. In SQL: one transaction that first locks the user's row
///   (`SELECT ... FROM users WHERE id = $1 FOR UPDATE`; SQLite `BEGIN IMMEDIATE`), then counts,
///   deletes and inserts.
/// - ``touch(digest:lastUsedAt:)`` only moves "last used" forward: one
///   `UPDATE ... SET last_used_at = GREATEST(last_used_at, $2) WHERE digest = $1`; `false` if absent.
/// - ``delete(id:userID:)`` removes the device only if it belongs to `userID`, in one
///   `DELETE ... WHERE id = $1 AND user_id = $2`: someone else's id changes nothing and returns `false`.
/// - ``deleteAll(userID:)`` removes every device of the user and returns how many.
/// - Expiry is the caller's decision at the instant it passes: reads return expired records until
///   ``purgeExpired(at:)`` removes those whose `expiresAt` is at or before `date`.
/// - `RememberedDeviceStoreConformance` in CRMAuthTesting checks every point above, races included.
public protocol RememberedDeviceStore: Sendable {
    /// Stores a device under `digest`, keeping the user at `limit` devices; returns the ids removed.
    func insert(_ device: RememberedDevice, digest: TokenDigest, limit: Int) async throws -> [DeviceID]
    /// The device whose token has `digest`, or `nil`.
    func device(digest: TokenDigest) async throws -> RememberedDevice?
    /// Moves "last used" of the device under `digest` forward to `lastUsedAt`; `false` if absent.
    func touch(digest: TokenDigest, lastUsedAt: Date) async throws -> Bool
    /// Every stored device of `userID`, expired or not, in no particular order.
    func devices(userID: UserID) async throws -> [RememberedDevice]
    /// Removes the device `id` if it belongs to `userID`; `false` otherwise.
    func delete(id: DeviceID, userID: UserID) async throws -> Bool
    /// Removes every device of `userID`; returns how many.
    func deleteAll(userID: UserID) async throws -> Int
    /// Removes every device expired at `date`; returns how many.
    func purgeExpired(at date: Date) async throws -> Int
}
