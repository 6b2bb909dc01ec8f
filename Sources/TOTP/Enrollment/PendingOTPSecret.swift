public import AuthCore

public import struct Foundation.Date

/// A sealed secret awaiting its first code, and when it was created: what a
/// ``TOTPEnrollmentStore`` keeps for a user between ``TOTPEnrollment/begin(userID:account:)`` and
/// ``TOTPEnrollment/confirm(_:userID:)``.
///
/// ```swift
/// if let pending = try await store.pending(userID: id),
///     now.timeIntervalSince(pending.createdAt) <= lifetime { ... }
/// ```
public struct PendingOTPSecret: Sendable, Hashable, Redacting {
    /// The secret, sealed for the user.
    public let secret: SealedOTPSecret
    /// When the enrollment began; the pending secret expires a lifetime after it.
    public let createdAt: Date

    /// Pairs a sealed secret with its creation instant, as a store reads them back.
    public init(secret: SealedOTPSecret, createdAt: Date) {
        self.secret = secret
        self.createdAt = createdAt
    }

    /// Shows the sealed secret's key id and size, and the creation instant; no sealed byte.
    public var redactedDescription: String { "PendingOTPSecret(\(secret), createdAt: \(createdAt))" }
}
