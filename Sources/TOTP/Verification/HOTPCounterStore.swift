public import AuthCore

/// Where the last accepted HOTP counter of each user is kept, so no code is accepted twice.
///
/// RFC 4226 §7.2: after a successful validation the server increments the counter, so a code is
/// good once. Keeping the last accepted counter per user, and moving it only forward, also refuses
/// every code for a counter that resynchronisation (§7.4) skipped over.
///
/// Counters are `UInt64`, the RFC's 8-byte counter (§5.1) as an `otpauth://hotp` URI carries it, so
/// a token enrolled anywhere in that range works and the counter space ends where the RFC's does.
/// SQL has no unsigned 64-bit column (SQLite `INTEGER` and PostgreSQL `BIGINT` are signed), and a
/// signed bit pattern orders 2^63 before 2^63 - 1. Store the counter order-preservingly as
/// `Int64(bitPattern: counter ^ (1 << 63))` (0 becomes `Int64.min`, `UInt64.max` becomes `Int64.max`),
/// so the database's `<` is the counter's `<`; never as floating point (2^53 + 1 is no `Double`).
///
/// Contract for conformers:
/// - ``advanceCounter(userID:to:)`` is one atomic read-modify-write: it records `counter` and
///   returns `true` only if no counter greater than or equal to `counter` was recorded for `userID`.
///   Two callers racing with the same counter (in one process or on two servers sharing a database)
///   see exactly one `true`. A SQL store keeps it atomic with one statement, e.g.
///   `INSERT INTO hotp_counters (user_id, last) VALUES (?, ?) ON CONFLICT (user_id) DO UPDATE SET
///   last = excluded.last WHERE hotp_counters.last < excluded.last`, and reads the affected row count.
/// - Counters are compared as unsigned 64-bit integers, exactly, over the whole range: 0 is a valid
///   first counter and `UInt64.max` a valid last one.
/// - Users are independent, and ids are told apart as `UserID` defines.
/// - ``removeCounter(userID:)`` of an unknown user is no error.
/// - Errors thrown are the backend's own (connection lost, ...); a thrown error means nothing was
///   recorded, and the verifier propagates it rather than accepting the code.
///
/// `HOTPCounterStoreConformance` in CRMAuthTesting checks every point above, the advance under many
/// racing callers.
public protocol HOTPCounterStore: Sendable {
    /// Records `counter` as `userID`'s last accepted counter, atomically, if it is greater than the
    /// recorded one; returns `false` (recording nothing) if `counter` or a later one was accepted.
    func advanceCounter(userID: UserID, to counter: UInt64) async throws -> Bool

    /// The last accepted counter of `userID`, or `nil` if none was accepted.
    func lastAcceptedCounter(userID: UserID) async throws -> UInt64?

    /// Forgets `userID`'s counter, as when the user's token is replaced.
    func removeCounter(userID: UserID) async throws
}
