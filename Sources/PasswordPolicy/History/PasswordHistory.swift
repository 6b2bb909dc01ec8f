public import AuthCore
public import PasswordHashing

public import struct Foundation.Date

/// Remembers an account's last few password hashes and refuses a new password that matches one.
///
/// ```swift
/// let history = try PasswordHistory(store: store, hasher: hasher, depth: 4)
/// // when a password is set (registration, change, reset), after hashing it:
/// let stored = try await hasher.hash(password)      // a NormalizedPassword
/// try await history.record(storedHash: stored, userID: user.id)
/// ```
/// Give it to ``PasswordPolicyChecker/Configuration/history`` and pass
/// ``PasswordContext/userID`` to have ``PasswordPolicyChecker/check(_:context:)`` report `reused`.
///
/// Record every password when it is set, including the first: the newest entry is the current
/// password, so `depth` 4 refuses the current password and the three before it.
///
/// Every spelling of a password is the same password here: the hasher hashes and verifies the NFKC
/// form, so a reuse typed in NFD, full-width letters or with a ligature is caught, and an entry
/// imported from a system that hashed the typed text still matches the same spelling.
///
/// Cost: checking verifies the new password against each remembered hash, newest first, one at a
/// time, and stops at the first match: up to `depth` slow hashes (about 25–40 ms each at the
/// default Argon2id parameters, so about 0.1–0.2 s at depth 4). They run one at a time on the
/// hasher's pool, so a password change never takes more than one of its workers at once.
/// A remembered hash the hasher cannot verify (malformed, an unknown pepper, beyond its limits)
/// is skipped rather than blocking every future change.
public struct PasswordHistory: Sendable {
    /// The default depth, 4: PCI DSS v4.0 requirement 8.3.7 asks that a new password differ from
    /// the last four. NIST SP 800-63B rev. 4 does not require a history.
    public static let defaultDepth = 4
    /// The largest depth accepted, 24, the largest common practice uses; it bounds a check's cost.
    public static let maximumDepth = 24

    /// Where the hashes are kept.
    public let store: any PasswordHistoryStore
    /// Verifies passwords against the remembered hashes.
    public let hasher: PasswordHasher
    /// How many passwords are remembered, counting the current one.
    public let depth: Int
    private let clock: any WallClock

    /// Creates a history.
    ///
    /// - Parameters:
    ///   - store: where the hashes are kept.
    ///   - hasher: verifies passwords against the remembered hashes.
    ///   - depth: how many passwords are remembered, counting the current one.
    ///   - clock: stamps recorded entries; tests pass a `ManualClock`.
    /// - Throws: ``PasswordPolicyError/invalidConfiguration`` unless `depth` is 1...24.
    public init(
        store: any PasswordHistoryStore, hasher: PasswordHasher, depth: Int = Self.defaultDepth,
        clock: any WallClock = SystemClock()
    ) throws(PasswordPolicyError) {
        guard (1...Self.maximumDepth).contains(depth) else {
            throw PasswordPolicyError(
                .invalidConfiguration, "history depth must be 1...\(Self.maximumDepth), not \(depth)")
        }
        self.store = store
        self.hasher = hasher
        self.depth = depth
        self.clock = clock
    }

    /// Remembers `storedHash` as `userID`'s current password, forgetting the oldest beyond ``depth``.
    ///
    /// - Throws: ``PasswordPolicyError/invalidStoredHash`` when the hasher cannot verify
    ///   `storedHash`; ``PasswordPolicyError/historyUnavailable`` when the store fails.
    public func record(storedHash: String, userID: UserID) async throws(PasswordPolicyError) {
        guard hasher.canVerify(storedHash) else {
            throw PasswordPolicyError(
                .invalidStoredHash, "the hash is not in a format the hasher verifies within its limits")
        }
        let entry = PasswordHistoryEntry(storedHash: storedHash, changedAt: clock.now())
        do {
            try await store.append(entry, userID: userID, keepingNewest: depth)
        } catch {
            throw Self.unavailable(error)
        }
    }

    /// Whether `password` matches one of `userID`'s last ``depth`` passwords.
    ///
    /// - Throws: ``PasswordPolicyError/historyUnavailable`` when the store fails or the hashing
    ///   pool is busy; ``PasswordPolicyError/passwordTooLong`` when the password is longer than the
    ///   hasher accepts.
    public func contains(_ password: NormalizedPassword, userID: UserID) async throws(PasswordPolicyError) -> Bool {
        for entry in try await entries(userID: userID) {
            do {
                if try await hasher.verify(password, against: entry.storedHash).matches { return true }
            } catch {
                switch error.code {
                case .busy: throw PasswordPolicyError(.historyUnavailable, "the hashing pool is busy")
                case .passwordTooLong: throw PasswordPolicyError(.passwordTooLong, error.reason)
                case .emptyPassword: return false
                default: continue  // a hash that cannot be verified is skipped, as documented above
                }
            }
        }
        return false
    }

    /// When `userID`'s current password was set, if any was recorded; for ``PasswordChangeRequirement``.
    ///
    /// - Throws: ``PasswordPolicyError/historyUnavailable`` when the store fails.
    public func lastChanged(userID: UserID) async throws(PasswordPolicyError) -> Date? {
        try await entries(userID: userID).first?.changedAt
    }

    private func entries(userID: UserID) async throws(PasswordPolicyError) -> ArraySlice<PasswordHistoryEntry> {
        do {
            return try await store.entries(userID: userID).prefix(depth)
        } catch {
            throw Self.unavailable(error)
        }
    }

    private static func unavailable(_ error: any Error) -> PasswordPolicyError {
        if let error = error as? PasswordPolicyError { return error }
        return PasswordPolicyError(.historyUnavailable, "the history store failed", underlying: error)
    }
}
