public import AuthCore
import Synchronization

public import struct Foundation.Date

/// A ``RefreshTokenStore`` in process memory; every method is one critical section.
public final class InMemoryRefreshTokenStore: RefreshTokenStore {
    private let records = Mutex([TokenDigest: RefreshTokenRecord]())

    /// Creates an empty store.
    public init() {}

    /// The number of stored records, used or not.
    public var count: Int { records.withLock { $0.count } }

    /// See ``RefreshTokenStore/insert(_:digest:)``.
    public func insert(_ record: RefreshTokenRecord, digest: TokenDigest) async throws {
        try records.withLock { (records: inout [TokenDigest: RefreshTokenRecord]) throws(SessionTokenError) in
            guard records[digest] == nil else { throw SessionTokenError(.duplicate, "digest already stored") }
            records[digest] = record
        }
    }

    /// See ``RefreshTokenStore/record(digest:)``.
    public func record(digest: TokenDigest) async throws -> RefreshTokenRecord? {
        records.withLock { $0[digest] }
    }

    /// See ``RefreshTokenStore/rotate(digest:to:)``.
    public func rotate(digest old: TokenDigest, to new: TokenDigest) async throws -> RefreshRotation {
        try records.withLock {
            (records: inout [TokenDigest: RefreshTokenRecord]) throws(SessionTokenError) -> RefreshRotation in
            guard let record = records[old] else { return .notFound }
            guard !record.isUsed else {
                records = records.filter { $0.value.familyID != record.familyID }
                return .reuseDetected(familyID: record.familyID)
            }
            guard records[new] == nil else { throw SessionTokenError(.duplicate, "digest already stored") }
            records[old]?.isUsed = true
            var successor = record
            successor.isUsed = false
            records[new] = successor
            return .rotated(successor)
        }
    }

    /// See ``RefreshTokenStore/revokeFamily(_:)``.
    public func revokeFamily(_ familyID: RefreshFamilyID) async throws -> Int {
        records.withLock { records in
            let before = records.count
            records = records.filter { $0.value.familyID != familyID }
            return before - records.count
        }
    }

    /// See ``RefreshTokenStore/revokeFamily(_:userID:)``; one critical section.
    public func revokeFamily(_ familyID: RefreshFamilyID, userID: UserID) async throws -> Int {
        records.withLock { records in
            let before = records.count
            records = records.filter { $0.value.familyID != familyID || $0.value.userID != userID }
            return before - records.count
        }
    }

    /// See ``RefreshTokenStore/purgeExpired(at:)``.
    public func purgeExpired(at date: Date) async throws -> Int {
        records.withLock { records in
            let before = records.count
            records = records.filter { $0.value.expiresAt > date }
            return before - records.count
        }
    }
}
