public import struct Foundation.Date
import Synchronization

/// A ``TOTPEnrollmentStore`` in memory, for tests and single-process apps.
///
/// Every operation runs under one mutex, so the compare-and-swaps are atomic as the protocol requires.
///
/// ```swift
/// let enrollment = TOTPEnrollment(issuer: "Acme", keyRing: ring, store: InMemoryTOTPEnrollmentStore(), ...)
/// ```
public final class InMemoryTOTPEnrollmentStore: TOTPEnrollmentStore {
    private struct Entry {
        var pending: (secret: SealedOTPSecret, createdAt: Date)?
        var active: SealedOTPSecret?
    }

    private let entries = Mutex<[String: Entry]>([:])

    /// Creates an empty store.
    public init() {}

    /// See ``TOTPEnrollmentStore/savePending(userID:secret:createdAt:)``.
    public func savePending(userID: String, secret: SealedOTPSecret, createdAt: Date) async throws {
        entries.withLock { $0[userID, default: Entry()].pending = (secret, createdAt) }
    }

    /// See ``TOTPEnrollmentStore/pending(userID:)``.
    public func pending(userID: String) async throws -> (secret: SealedOTPSecret, createdAt: Date)? {
        entries.withLock { $0[userID]?.pending }
    }

    /// See ``TOTPEnrollmentStore/activate(userID:pending:)``.
    public func activate(userID: String, pending: SealedOTPSecret) async throws -> Bool {
        entries.withLock { entries in
            guard var entry = entries[userID], entry.pending?.secret == pending else { return false }
            entry.active = pending
            entry.pending = nil
            entries[userID] = entry
            return true
        }
    }

    /// See ``TOTPEnrollmentStore/active(userID:)``.
    public func active(userID: String) async throws -> SealedOTPSecret? {
        entries.withLock { $0[userID]?.active }
    }

    /// See ``TOTPEnrollmentStore/replaceActive(userID:expected:with:)``.
    public func replaceActive(
        userID: String, expected: SealedOTPSecret, with replacement: SealedOTPSecret
    ) async throws -> Bool {
        entries.withLock { entries in
            guard entries[userID]?.active == expected else { return false }
            entries[userID]?.active = replacement
            return true
        }
    }

    /// See ``TOTPEnrollmentStore/remove(userID:)``.
    public func remove(userID: String) async throws {
        _ = entries.withLock { $0.removeValue(forKey: userID) }
    }
}
