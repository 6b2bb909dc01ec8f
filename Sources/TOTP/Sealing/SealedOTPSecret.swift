public import AuthCore

/// An ``OTPSecret`` sealed with AES-256-GCM under a `KeyRing` (AuthCore), bound to one user: the form a secret
/// takes at rest.
///
/// The user id is authenticated as associated data (with a purpose label), so a sealed secret copied
/// to another user's row, or into another column that holds sealed data, fails to open.
///
/// ```swift
/// let sealed = try secret.sealed(with: ring, userID: user.id)          // store sealed.bytes
/// let opened = try OTPSecret(unsealing: sealed, with: ring, userID: user.id)
/// if try sealed.needsResealing(under: ring) {                        // after a key rotation
///     try store(sealed.resealed(with: ring, userID: user.id))
/// }
/// ```
public struct SealedOTPSecret: Sendable, Hashable, Redacting {
    /// The sealed box, as `KeyRing.seal(_:associatedData:)` lays it out; store these bytes as they are.
    public let bytes: [UInt8]

    /// Wraps bytes read back from storage; nothing is checked until they are opened.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
    }

    /// The id of the key this secret is sealed under.
    ///
    /// - Throws: ``TOTPError/unsealingFailed`` when the bytes are not a sealed box.
    public var keyID: String {
        get throws(TOTPError) {
            do { return try KeyRing.keyID(of: bytes) } catch { throw Self.unsealingError(error) }
        }
    }

    /// Whether the secret is sealed under a key other than the ring's current one.
    ///
    /// - Throws: ``TOTPError/unsealingFailed`` when the bytes are not a sealed box.
    public func needsResealing(under ring: KeyRing) throws(TOTPError) -> Bool {
        do { return try ring.needsResealing(bytes) } catch { throw Self.unsealingError(error) }
    }

    /// The secret sealed under the ring's current key; `self` when it already is.
    ///
    /// - Throws: ``TOTPError/unsealingFailed`` when it cannot be opened for `userID`.
    public func resealed(with ring: KeyRing, userID: UserID) throws(TOTPError) -> SealedOTPSecret {
        guard try needsResealing(under: ring) else { return self }
        return try OTPSecret(unsealing: self, with: ring, userID: userID).sealed(with: ring, userID: userID)
    }

    /// Shows the key id and size only; `dump` and `Mirror` show no sealed byte either.
    public var redactedDescription: String {
        "SealedOTPSecret(key: \((try? keyID) ?? "?"), \(bytes.count) bytes)"
    }

    /// The associated data a user's secret is sealed with: a purpose label, then the user id.
    static func associatedData(userID: UserID) -> [UInt8] {
        Array("crmauth.totp.secret.v1\u{0}".utf8) + Array(userID.rawValue.utf8)
    }

    static func unsealingError(_ error: AuthCoreError) -> TOTPError {
        TOTPError(.unsealingFailed, error.reason.isEmpty ? "\(error.code)" : error.reason)
    }
}

extension OTPSecret {
    /// Seals the secret under the ring's current key, bound to `userID`.
    ///
    /// - Throws: ``TOTPError/sealingFailed`` if libcrypto fails.
    public func sealed(with ring: KeyRing, userID: UserID) throws(TOTPError) -> SealedOTPSecret {
        do {
            return SealedOTPSecret(
                bytes: try ring.seal(revealedBytes, associatedData: SealedOTPSecret.associatedData(userID: userID)))
        } catch {
            throw TOTPError(.sealingFailed, error.reason.isEmpty ? "\(error.code)" : error.reason)
        }
    }

    /// Opens a secret sealed for `userID` under any key in the ring.
    ///
    /// - Throws: ``TOTPError/unsealingFailed`` when it was altered, sealed for another user, or under
    ///   a key the ring does not hold; ``TOTPError/invalidSecret`` if what it holds is not a valid secret.
    public init(unsealing sealed: SealedOTPSecret, with ring: KeyRing, userID: UserID) throws(TOTPError) {
        let bytes: [UInt8]
        do {
            bytes = try ring.open(sealed.bytes, associatedData: SealedOTPSecret.associatedData(userID: userID))
        } catch {
            throw SealedOTPSecret.unsealingError(error)
        }
        try self.init(bytes: bytes)
    }
}
