public import AuthCore

public import struct Foundation.TimeInterval

/// Enrolls, checks and disables a user's authenticator app.
///
/// A secret starts pending: it becomes active only when the user proves the app has it by entering a
/// first valid code (checked by the replay-safe ``TOTPVerifier``, so that code cannot also log in).
/// Secrets are sealed under the key ring, bound to the user id. Disabling needs a current code or a
/// recovery code, and invalidates the recovery codes.
///
/// ```swift
/// let enrollment = try TOTPEnrollment(
///     issuer: "Acme CRM", keyRing: ring, store: enrollments, verifier: verifier, recoveryCodes: recovery)
/// let challenge = try await enrollment.begin(userID: user.id, account: user.email)   // show the QR code
/// let result = try await enrollment.confirm(code, userID: user.id)                   // .accepted: active
/// let login = try await enrollment.verify(code, userID: user.id)                     // at each login
/// ```
public struct TOTPEnrollment: Sendable, Redacting {
    /// How long a pending secret can be confirmed: ten minutes unless told otherwise.
    public static let defaultPendingLifetime: TimeInterval = 600

    /// The issuer shown in authenticator apps.
    public let issuer: String
    /// How long after ``begin(userID:account:)`` a pending secret can be confirmed.
    public let pendingLifetime: TimeInterval

    private let keyRing: KeyRing
    private let store: any TOTPEnrollmentStore
    private let verifier: TOTPVerifier
    private let recoveryCodes: RecoveryCodeManager?
    private let clock: any WallClock

    /// Creates an enrollment flow; codes use the verifier's configuration, and its clock.
    ///
    /// - Parameters:
    ///   - issuer: the provider name authenticator apps show above the account (your CRM's name).
    ///   - keyRing: the keys that seal secrets at rest; the newest seals, any present opens.
    ///   - store: where pending and active secrets are kept.
    ///   - verifier: checks codes, with its configuration and replay store.
    ///   - recoveryCodes: lets a recovery code disable TOTP; `nil` when the app has none.
    ///   - clock: the time source for pending lifetimes.
    ///   - pendingLifetime: how long a started enrollment waits for its first code.
    /// - Throws: ``TOTPError/parameterOutOfRange`` for a non-positive lifetime, or a configuration
    ///   that no `otpauth` URI can carry (a T0 other than 0).
    public init(
        issuer: String, keyRing: KeyRing, store: any TOTPEnrollmentStore, verifier: TOTPVerifier,
        recoveryCodes: RecoveryCodeManager? = nil, clock: any WallClock,
        pendingLifetime: TimeInterval = defaultPendingLifetime
    ) throws(TOTPError) {
        guard pendingLifetime > 0 else {
            throw TOTPError(.parameterOutOfRange, "the pending lifetime must be positive")
        }
        guard verifier.configuration.epoch == 0 else {
            throw TOTPError(.parameterOutOfRange, "otpauth URIs cannot carry a T0 other than 0")
        }
        self.issuer = issuer
        self.keyRing = keyRing
        self.store = store
        self.verifier = verifier
        self.recoveryCodes = recoveryCodes
        self.clock = clock
        self.pendingLifetime = pendingLifetime
    }

    /// Shows the issuer only: the flow holds the key ring that seals every secret.
    public var redactedDescription: String { "TOTPEnrollment(issuer: \(issuer), keyRing: <redacted>)" }

    /// Generates a pending secret for `userID` (replacing any earlier pending one) and returns what
    /// the enrollment screen shows.
    ///
    /// Refused while the user has an active secret: the check and the save are one atomic store
    /// operation (``TOTPEnrollmentStore/savePending(userID:secret:createdAt:)``), so a session that
    /// knows only the password cannot slip a secret of its own in while the owner enrolls. To
    /// enroll a new authenticator, ``disable(userID:proof:)`` the active one first (that needs a
    /// current code or a recovery code).
    ///
    /// - Throws: ``TOTPError/alreadyEnrolled`` when the user has an active secret,
    ///   ``TOTPError`` for an unusable account name, or the store's error.
    public func begin(userID: UserID, account: String) async throws -> TOTPEnrollmentChallenge {
        let secret = OTPSecret.generate()
        let uri = try OTPAuthURI(
            issuer: issuer, account: account, secret: secret, configuration: verifier.configuration)
        let sealed = try secret.sealed(with: keyRing, userID: userID)
        guard try await store.savePending(userID: userID, secret: sealed, createdAt: clock.now()) else {
            throw TOTPError.alreadyEnrolled
        }
        return TOTPEnrollmentChallenge(uri: uri)
    }

    /// Checks the first code from the app against the pending secret; when it is accepted, the secret
    /// becomes active (atomically) and the result is ``TOTPVerificationResult/accepted(step:drift:)``.
    ///
    /// The activation never replaces an active secret: it is a compare-and-swap that also requires
    /// that the user has none (``TOTPEnrollmentStore/activate(userID:pending:)``).
    ///
    /// The code's time step is marked used before the activation, and stays used if the activation
    /// then fails (another confirmation won, or a new `begin` replaced the pending secret). That is
    /// deliberate: marking is the one atomic point where a code is spent, so a code accepted here can
    /// never also log in, and no request can use the code between an activation and a later mark.
    /// Activating first would leave that gap open. A code spent on a failed activation costs the
    /// user one time step (the next code works); it grants nothing.
    ///
    /// - Throws: ``TOTPError/noPendingEnrollment`` when there is no pending secret, it has expired, or
    ///   a concurrent confirmation or enrollment replaced it; ``TOTPError/alreadyEnrolled`` when the
    ///   user has an active secret; ``TOTPError/unsealingFailed``; or the stores' errors.
    public func confirm(_ code: String, userID: UserID) async throws -> TOTPVerificationResult {
        guard let pending = try await store.pending(userID: userID),
            clock.now().timeIntervalSince(pending.createdAt) <= pendingLifetime
        else { throw TOTPError.noPendingEnrollment }
        let secret = try OTPSecret(unsealing: pending.secret, with: keyRing, userID: userID)
        let result = try await verifier.verify(code, secret: secret, userID: userID)
        guard result.isAccepted else { return result }
        guard try await store.activate(userID: userID, pending: pending.secret) else {
            // Read only to say why: the refusal itself was decided atomically by the store.
            if try await store.active(userID: userID) != nil { throw TOTPError.alreadyEnrolled }
            throw TOTPError.noPendingEnrollment
        }
        return result
    }

    /// Checks a login code against the active secret (replay-safe). Only after the code is accepted,
    /// a secret sealed under an older key is re-sealed under the key ring's current key.
    ///
    /// - Throws: ``TOTPError/notEnrolled`` when the user has no active secret,
    ///   ``TOTPError/unsealingFailed``, or the stores' errors.
    public func verify(_ code: String, userID: UserID) async throws -> TOTPVerificationResult {
        let (sealed, secret) = try await activeSecret(userID: userID)
        let result = try await verifier.verify(code, secret: secret, userID: userID)
        if result.isAccepted { try await resealIfNeeded(sealed, secret: secret, userID: userID) }
        return result
    }

    /// Whether `userID` has an active secret.
    public func isEnabled(userID: UserID) async throws -> Bool {
        try await store.active(userID: userID) != nil
    }

    /// Turns TOTP off for `userID` if `proof` is a current code (replay-safe) or an unused recovery
    /// code; returns whether it did. Recovery codes are invalidated too. Count a `false` as a failed
    /// attempt.
    ///
    /// The removal is a compare-and-swap on the secret the proof was checked against
    /// (``TOTPEnrollmentStore/removeActive(userID:expected:)``), so a proof never removes a secret
    /// that replaced it meanwhile (a concurrent disable and re-enrollment): then the answer is
    /// `false` and the new secret stays. A concurrent re-seal of the same secret (after a key
    /// rotation) changes only its sealed bytes; the removal is retried against the re-sealed value.
    ///
    /// - Throws: ``TOTPError/notEnrolled`` when the user has no active secret (also when a concurrent
    ///   disable removed it first), ``TOTPError/unsealingFailed``, or the stores' errors.
    public func disable(userID: UserID, proof: String) async throws -> Bool {
        var (sealed, secret) = try await activeSecret(userID: userID)
        let digits = verifier.configuration.digits
        let looksLikeCode = proof.utf8.count == digits && proof.utf8.allSatisfy { (0x30...0x39).contains($0) }
        let proven: Bool
        if looksLikeCode {
            proven = try await verifier.verify(proof, secret: secret, userID: userID).isAccepted
        } else if let recoveryCodes {
            proven = try await recoveryCodes.redeem(proof, userID: userID)
        } else {
            proven = false
        }
        guard proven else { return false }
        // Each failed swap means a concurrent writer changed the active value; a re-seal happens at
        // most once per key rotation, so a few rounds settle it.
        for _ in 0..<Self.removalAttempts {
            if try await store.removeActive(userID: userID, expected: sealed) {
                if let recoveryCodes { try await recoveryCodes.invalidate(userID: userID) }
                return true
            }
            let (current, opened) = try await activeSecret(userID: userID)
            guard opened == secret else { return false }  // another secret, never proven: it stays
            sealed = current
        }
        return false
    }

    /// How many times ``disable(userID:proof:)`` retries its removal against a re-sealed secret.
    private static let removalAttempts = 4

    /// The active secret, as stored and opened.
    private func activeSecret(userID: UserID) async throws -> (sealed: SealedOTPSecret, secret: OTPSecret) {
        guard let sealed = try await store.active(userID: userID) else { throw TOTPError.notEnrolled }
        return (sealed, try OTPSecret(unsealing: sealed, with: keyRing, userID: userID))
    }

    /// Re-seals `sealed` under the ring's current key if a key rotation left it behind. Called only
    /// after a code was accepted, so a caller without the factor cannot make the store write.
    private func resealIfNeeded(_ sealed: SealedOTPSecret, secret: OTPSecret, userID: UserID) async throws {
        guard try sealed.needsResealing(under: keyRing) else { return }
        // Losing the race to a concurrent re-seal (or a disable) is fine: that writer's value stands.
        _ = try await store.replaceActive(
            userID: userID, expected: sealed, with: secret.sealed(with: keyRing, userID: userID))
    }
}
