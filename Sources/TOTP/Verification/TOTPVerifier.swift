public import AuthCore

/// Checks TOTP codes against a window of time steps and refuses replays (RFC 6238 §5.2).
///
/// Every step in the window is computed and compared in constant time, whether or not an earlier
/// one matched, so timing does not reveal which step (if any) matched. An accepted step is recorded
/// in the ``TOTPStore`` atomically; the same code, or an older one, is then ``TOTPVerificationResult/replayed``.
///
/// ```swift
/// let verifier = try TOTPVerifier(store: store, clock: SystemClock())          // window ±1 step
/// switch try await verifier.verify(code, secret: secret, userID: user.id) {
/// case .accepted(_, let drift): ...                          // drift in steps, for monitoring
/// case .invalid, .replayed: ...                              // count as a failed attempt
/// }
/// ```
public struct TOTPVerifier: Sendable {
    /// The widest window accepted: 10 steps either way. RFC 6238 §5.2 recommends at most one.
    public static let maximumWindow = 10

    /// The parameters codes are computed with.
    public let configuration: TOTPConfiguration
    /// How many steps before and after the current one are accepted (RFC 6238 §5.2); 1 by default.
    public let window: Int

    private let store: any TOTPStore
    private let clock: any WallClock

    /// Creates a verifier.
    ///
    /// - Throws: ``TOTPError/parameterOutOfRange`` if `window` is negative or over ``maximumWindow``.
    public init(
        configuration: TOTPConfiguration = .default, window: Int = 1,
        store: any TOTPStore, clock: any WallClock
    ) throws(TOTPError) {
        guard (0...Self.maximumWindow).contains(window) else {
            throw TOTPError(.parameterOutOfRange, "window must be 0...\(Self.maximumWindow) steps")
        }
        self.configuration = configuration
        self.window = window
        self.store = store
        self.clock = clock
    }

    /// Checks `code` for `userID` at the clock's current time and, if it matches, records its step.
    ///
    /// - Throws: ``TOTPError/parameterOutOfRange`` when the clock reads a time that is not finite or
    ///   not exact to the second (see ``TOTPGenerator/exactStep(at:)``): a broken clock must not
    ///   record a step far in the future, which would refuse every later code as a replay;
    ///   whatever the store throws. Nothing is accepted then.
    public func verify(_ code: String, secret: OTPSecret, userID: UserID) async throws -> TOTPVerificationResult {
        try await verify(code, generator: TOTPGenerator(secret: secret, configuration: configuration), userID: userID)
    }

    /// Checks `code` with a prepared generator (its HMAC pads already computed, so a server can keep
    /// one per user); the generator's configuration applies, not ``configuration``.
    ///
    /// - Throws: as ``verify(_:secret:userID:)``.
    public func verify(_ code: String, generator: TOTPGenerator, userID: UserID) async throws -> TOTPVerificationResult
    {
        guard let (step, drift) = try match(code, generator: generator) else { return .invalid }
        return try await store.markStepUsed(userID: userID, step: step)
            ? .accepted(step: step, drift: drift) : .replayed
    }

    /// The step and drift `code` matches in the window, preferring the smallest drift, without
    /// touching the store. Runs in time independent of which step matched.
    ///
    /// - Throws: ``TOTPError/parameterOutOfRange`` for a clock time ``TOTPGenerator/exactStep(at:)`` refuses.
    func match(_ code: String, generator: TOTPGenerator) throws(TOTPError) -> (step: Int64, drift: Int)? {
        // The length and character set are public (the digit count); only the digits are secret.
        let digits = generator.configuration.digits
        guard code.utf8.count == digits else { return nil }
        var submitted: UInt32 = 0
        var allDigits = true
        for byte in code.utf8 {
            allDigits = allDigits && (0x30...0x39).contains(byte)
            submitted = submitted &* 10 &+ UInt32(byte &- 0x30)
        }
        guard allDigits else { return nil }
        // A string of exactly `digits` decimal digits is the zero-padded form of one number below
        // 10^digits, so comparing numbers compares codes. XOR-and-test takes the same time wherever
        // the values differ, as ConstantTime.equals does for bytes.
        let current = try generator.exactStep(at: clock.now())
        var found = false
        var matchedDrift = 0
        // Drift 0 first, then -1, +1, -2, +2, ...: the first match is the closest one.
        for offset in 0...(2 * window) {
            let drift = offset % 2 == 0 ? offset / 2 : -(offset + 1) / 2
            let (step, overflow) = current.addingReportingOverflow(Int64(drift))
            let equal = (generator.value(forStep: step) ^ submitted) == 0 && !overflow
            // Branch-free select: take this drift only when it matches and nothing matched before.
            let take = equal && !found
            let mask = take ? -1 : 0
            matchedDrift = (drift & mask) | (matchedDrift & ~mask)
            found = found || equal
        }
        return found ? (current + Int64(matchedDrift), matchedDrift) : nil
    }
}
