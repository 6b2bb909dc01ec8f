public import AuthCore

public import struct Foundation.Date

/// Where accounts live.
///
/// Contract every conformer keeps (the in-memory store, and later SQLite and PostgreSQL):
/// - Values are copied in and out; every field comes back exactly as written (text byte for byte,
///   instants to at least the microsecond). User ids compare as `UserID` defines; identifiers by their
///   normalized ``LoginIdentifier/key``, byte for byte, within their kind (email keys and username
///   keys never collide: only email keys hold an `@`).
/// - ``insert(_:)`` stores the user with ``User/version`` 1 and returns the stored value. It throws
///   ``LoginFlowError/duplicate`` if the id is taken and ``LoginFlowError/identifierTaken`` if the email
///   key or the username key is held by another user, and then stores nothing. Two concurrent
///   registrations of one address: exactly one succeeds. In SQL: one `INSERT` with unique indexes on
///   `id`, `email_key` and `username_key` (NULLs allowed, distinct); the unique violation is the answer,
///   never a `SELECT` first.
/// - ``update(_:expectedVersion:)`` is ONE atomic compare-and-set: it writes every field of `user`
///   only if the stored version equals `expectedVersion`, sets the version to `expectedVersion + 1`, and
///   returns the stored value; `nil` (changing nothing) if the user is absent or was changed since it was
///   read. Of concurrent updates from the same version exactly one wins, so a password change racing an
///   administrator's disable never silently undoes either. Changed identifiers are checked as in
///   ``insert(_:)`` (``LoginFlowError/identifierTaken``, nothing written). In SQL:
///   `UPDATE users SET ..., version = version + 1 WHERE id = $1 AND version = $2 RETURNING ...`.
/// - ``recordLogin(id:at:)`` only moves ``User/lastLoginAt`` forward and does not change the version
///   (a login must not make an administrator's concurrent update fail): one
///   `UPDATE users SET last_login_at = GREATEST(COALESCE(last_login_at, $2), $2) WHERE id = $1`
///   (SQLite: `MAX`); `false` if the user is absent.
/// - ``users(after:limit:)`` pages through every user in ascending order of the id's UTF-8 bytes
///   (SQL: `ORDER BY id COLLATE "C"` / SQLite's default `BINARY`), starting after `cursor`.
/// - Errors other than ``LoginFlowError`` mean the backend failed; the flow treats them as
///   "unavailable", never as "not found". A thrown error leaves nothing half-written.
/// - `UserStoreConformance` in CRMAuthTesting checks every point above, races included.
public protocol UserStore: Sendable {
    /// Stores a new user; returns it as stored (version 1).
    func insert(_ user: User) async throws -> User
    /// The user with `id`, or `nil`.
    func user(id: UserID) async throws -> User?
    /// The user holding `identifier` (by its kind and normalized key), or `nil`.
    func user(identifier: LoginIdentifier) async throws -> User?
    /// Writes `user` if its stored version is still `expectedVersion`; returns the stored value, or
    /// `nil` if the user is gone or changed since it was read.
    func update(_ user: User, expectedVersion: UInt64) async throws -> User?
    /// Moves the user's last-login instant forward to `date`; `false` if the user is absent.
    func recordLogin(id: UserID, at date: Date) async throws -> Bool
    /// Up to `limit` users whose ids sort after `cursor` (from the first when `nil`), in ascending order.
    func users(after cursor: UserID?, limit: Int) async throws -> [User]
}
