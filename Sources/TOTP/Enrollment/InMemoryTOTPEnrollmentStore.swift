public import AuthCore
import Synchronization

public import struct Foundation.Date

/// A ``TOTPEnrollmentStore`` in memory, for tests and single-process apps.
///
/// Every operation runs under one mutex, so saving a pending secret (only while none is active) and
/// the compare-and-swaps are atomic as the protocol requires.
///
/// ```swift
/// let enrollment = TOTPEnrollment(issuer: "Acme", keyRing: ring, store: InMemoryTOTPEnrollmentStore(), ...)
/// ```
public final class InMemoryTOTPEnrollmentStore: TOTPEnrollmentStore {
    private struct Entry {
        var pending: PendingOTPSecret?
        var active: SealedOTPSecret?
    }

    private let entries = Mutex<[UserID: Entry]>([:])

    /// Creates an empty store.
    public init() {}

    /// See ``TOTPEnrollmentStore/savePending(userID:secret:createdAt:)``.
    public func savePending(userID: UserID, secret: SealedOTPSecret, createdAt: Date) async throws -> Bool {
        entries.withLock { entries in
            guard entries[userID]?.active == nil else { return false }
            entries[userID, default: Entry()].pending = PendingOTPSecret(secret: secret, createdAt: createdAt)
            return true
        }
    }

    /// See ``TOTPEnrollmentStore/pending(userID:)``.
    public func pending(userID: UserID) async throws -> PendingOTPSecret? {
        entries.withLock { $0[userID]?.pending }
    }

    /// See ``TOTPEnrollmentStore/activate(userID:pending:)``.
    public func activate(userID: UserID, pending: SealedOTPSecret) async throws -> Bool {
        entries.withLock { entries in
            guard var entry = entries[userID], entry.active == nil, entry.pending?.secret == pending else {
                return false
            }
            entry.active = pending
            entry.pending = nil
            entries[userID] = entry
            return true
        }
    }

    /// See ``TOTPEnrollmentStore/active(userID:)``.
    public func active(userID: UserID) async throws -> SealedOTPSecret? {
        entries.withLock { $0[userID]?.active }
    }

    /// See ``TOTPEnrollmentStore/replaceActive(userID:expected:with:)``.
    public func replaceActive(
        userID: UserID, expected: SealedOTPSecret, with replacement: SealedOTPSecret
    ) async throws -> Bool {
        entries.withLock { entries in
            guard entries[userID]?.active == expected else { return false }
            entries[userID]?.active = replacement
            return true
        }
    }

    /// See ``TOTPEnrollmentStore/removeActive(userID:expected:)``.
    public func removeActive(userID: UserID, expected: SealedOTPSecret) async throws -> Bool {
        entries.withLock { entries in
            guard entries[userID]?.active == expected else { return false }
            // An active secret has nothing pending beside it, so the whole entry goes.
            entries[userID] = nil
            return true
        }
    }

    /// See ``TOTPEnrollmentStore/remove(userID:)``.
    public func remove(userID: UserID) async throws {
        _ = entries.withLock { $0.removeValue(forKey: userID) }
    }
}
