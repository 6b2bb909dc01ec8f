public import AuthCore

/// Checks HOTP codes against the next counters of a user and advances the counter past the one
/// accepted, so no code is accepted twice (RFC 4226 §7.2, §7.4).
///
/// Tokens count up each time their button is pressed, so the client may be ahead of the server:
/// the verifier tries the expected counter and the ``lookAhead`` counters after it (RFC 4226 §7.4
/// resynchronisation), every one in constant time whether or not an earlier one matched. The counter
/// lives in a ``HOTPCounterStore``: ``HOTPCounterStore/advanceCounter(userID:to:)`` is the atomic
/// advance, so two racing verifications of one code accept it once.
///
/// ```swift
/// let verifier = try HOTPVerifier(lookAhead: 10, store: hotpCounters)
/// switch try await verifier.verify(code, secret: secret, userID: user.id, initialCounter: enrolled.counter) {
/// case .accepted(_, let skipped): ...                         // skipped: button presses never submitted
/// case .invalid, .replayed: ...                               // count as a failed attempt
/// }
/// ```
public struct HOTPVerifier: Sendable {
    /// The widest look-ahead accepted: 100 counters. Each one widens the guessing odds (RFC 4226 §7.3,
    /// Appendix A.4), so keep it as small as the tokens in use allow.
    public static let maximumLookAhead = 100

    /// The hash function codes are computed with.
    public let algorithm: HashFunction
    /// The number of decimal digits in each code.
    public let digits: Int
    /// How many counters past the expected one are tried (RFC 4226 §7.4's look-ahead); 10 by default.
    public let lookAhead: Int

    private let store: any HOTPCounterStore

    /// Creates a verifier.
    ///
    /// - Throws: ``TOTPError/parameterOutOfRange`` if `lookAhead` is negative or over
    ///   ``maximumLookAhead``, or `digits` is not 6, 7 or 8.
    public init(
        algorithm: HashFunction = .sha1, digits: Int = 6, lookAhead: Int = 10, store: any HOTPCounterStore
    ) throws(TOTPError) {
        guard (0...Self.maximumLookAhead).contains(lookAhead) else {
            throw TOTPError(.parameterOutOfRange, "the look-ahead must be 0...\(Self.maximumLookAhead) counters")
        }
        guard HOTPGenerator.allowedDigits.contains(digits) else {
            throw TOTPError(.parameterOutOfRange, "digits must be 6, 7 or 8 (RFC 4226 §5.3)")
        }
        self.algorithm = algorithm
        self.digits = digits
        self.lookAhead = lookAhead
        self.store = store
    }

    /// Checks `code` for `userID` and, if it matches, advances the user's counter past it.
    ///
    /// - Parameters:
    ///   - code: what the user typed.
    ///   - secret: the token's secret.
    ///   - userID: whose counter to check and advance.
    ///   - initialCounter: the counter the token was enrolled with (the `counter` of its
    ///     `otpauth://hotp` URI); used until a first code is accepted.
    /// - Throws: whatever the store throws; nothing is accepted then.
    public func verify(
        _ code: String, secret: OTPSecret, userID: UserID, initialCounter: UInt64 = 0
    ) async throws -> HOTPVerificationResult {
        let generator = try HOTPGenerator(secret: secret, algorithm: algorithm, digits: digits)
        return try await verify(code, generator: generator, userID: userID, initialCounter: initialCounter)
    }

    /// Checks `code` with a prepared generator; the generator's algorithm and digits apply.
    ///
    /// - Throws: as ``verify(_:secret:userID:initialCounter:)``.
    public func verify(
        _ code: String, generator: HOTPGenerator, userID: UserID, initialCounter: UInt64 = 0
    ) async throws -> HOTPVerificationResult {
        var expected = initialCounter
        if let last = try await store.lastAcceptedCounter(userID: userID) {
            guard last < UInt64.max else { return .invalid }  // the counter space is used up
            expected = max(expected, last + 1)
        }
        guard let skipped = match(code, generator: generator, from: expected) else { return .invalid }
        let counter = expected + UInt64(skipped)
        // A stale read above is harmless: the advance is atomic and refuses a counter already passed.
        guard try await store.advanceCounter(userID: userID, to: counter) else { return .replayed }
        return .accepted(counter: counter, skipped: skipped)
    }

    /// How far past `expected` the code matches, preferring the nearest counter; every counter in
    /// the window is computed and compared, so the time does not depend on which one matched.
    func match(_ code: String, generator: HOTPGenerator, from expected: UInt64) -> Int? {
        let submitted = Array(code.utf8)
        // The length and character set are public (the digit count); only the digits are secret.
        guard submitted.count == generator.digits, submitted.allSatisfy({ (0x30...0x39).contains($0) }) else {
            return nil
        }
        var found = false
        var matched = 0
        for offset in 0...lookAhead {
            // Past UInt64.max the counter space ends (RFC 4226 §5.1: an 8-byte counter); never wrap.
            let (counter, overflow) = expected.addingReportingOverflow(UInt64(offset))
            let candidate = Array(generator.code(counter: counter).utf8)
            let equal = ConstantTime.equals(candidate, submitted) && !overflow
            let mask = equal && !found ? -1 : 0
            matched = (offset & mask) | (matched & ~mask)
            found = found || equal
        }
        return found ? matched : nil
    }
}
