public import AuthCore

/// Generates, redeems and counts a user's recovery codes over a ``RecoveryCodeStore``.
///
/// ```swift
/// let manager = RecoveryCodeManager(store: store)
/// let codes = try await manager.regenerate(userID: id)         // show once, then forget
/// if try await manager.redeem(typed, userID: id) { ... }        // single use
/// ```
public struct RecoveryCodeManager: Sendable {
    private let store: any RecoveryCodeStore

    /// Creates a manager over `store`.
    public init(store: any RecoveryCodeStore) {
        self.store = store
    }

    /// Replaces `userID`'s codes with `count` new ones and returns them; the old ones stop working.
    ///
    /// - Throws: ``TOTPError/parameterOutOfRange`` for a count outside 1...100, or the store's error.
    public func regenerate(userID: UserID, count: Int = RecoveryCode.defaultCount) async throws -> [RecoveryCode] {
        let codes = try RecoveryCode.generate(count: count)
        try await store.replaceCodes(userID: userID, digests: codes.map(\.digest))
        return codes
    }

    /// Whether `typed` is one of `userID`'s unused codes; if so it is used up, atomically.
    ///
    /// Text that cannot be a code is refused without reaching the store. The login flow counts a
    /// `false` as a failed attempt.
    public func redeem(_ typed: String, userID: UserID) async throws -> Bool {
        guard let digest = RecoveryCodeDigest(typed: typed) else { return false }
        return try await store.consumeCode(userID: userID, digest: digest)
    }

    /// Removes all of `userID`'s codes, as when their second factor is turned off.
    public func invalidate(userID: UserID) async throws {
        try await store.replaceCodes(userID: userID, digests: [])
    }

    /// How many unused codes `userID` has left.
    public func remaining(userID: UserID) async throws -> Int {
        try await store.remainingCodes(userID: userID)
    }
}
