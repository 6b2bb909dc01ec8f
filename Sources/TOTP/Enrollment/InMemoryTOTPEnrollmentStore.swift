public import struct Foundation.Date
import AuthCore
import Synchronization

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
        var pending: (secret: SealedOTPSecret, createdAt: Date)?
        var active: SealedOTPSecret?
    }

    /// Keyed by ``ExactText``: canonically equivalent ids are two users, as in a database.
    private let entries = Mutex<[ExactText: Entry]>([:])

    /// Creates an empty store.
    public init() {}

    /// See ``TOTPEnrollmentStore/savePending(userID:secret:createdAt:)``.
    public func savePending(userID: String, secret: SealedOTPSecret, createdAt: Date) async throws -> Bool {
        entries.withLock { entries in
            let key = ExactText(userID)
            guard entries[key]?.active == nil else { return false }
            entries[key, default: Entry()].pending = (secret, createdAt)
            return true
        }
    }

    /// See ``TOTPEnrollmentStore/pending(userID:)``.
    public func pending(userID: String) async throws -> (secret: SealedOTPSecret, createdAt: Date)? {
        entries.withLock { $0[ExactText(userID)]?.pending }
    }

    /// See ``TOTPEnrollmentStore/activate(userID:pending:)``.
    public func activate(userID: String, pending: SealedOTPSecret) async throws -> Bool {
        let key = ExactText(userID)
        return entries.withLock { entries in
            guard var entry = entries[key], entry.active == nil, entry.pending?.secret == pending else { return false }
            entry.active = pending
            entry.pending = nil
            entries[key] = entry
            return true
        }
    }

    /// See ``TOTPEnrollmentStore/active(userID:)``.
    public func active(userID: String) async throws -> SealedOTPSecret? {
        entries.withLock { $0[ExactText(userID)]?.active }
    }

    /// See ``TOTPEnrollmentStore/replaceActive(userID:expected:with:)``.
    public func replaceActive(
        userID: String, expected: SealedOTPSecret, with replacement: SealedOTPSecret
    ) async throws -> Bool {
        let key = ExactText(userID)
        return entries.withLock { entries in
            guard entries[key]?.active == expected else { return false }
            entries[key]?.active = replacement
            return true
        }
    }

    /// See ``TOTPEnrollmentStore/remove(userID:)``.
    public func remove(userID: String) async throws {
        _ = entries.withLock { $0.removeValue(forKey: ExactText(userID)) }
    }
}
