import AuthCore
import Foundation
import TOTP
import Testing

/// Every number the TOTP module (and `crm-auth totp`) reads from outside, at its extremes: a typed
/// error or a defined answer, never a trap (audit finding 1).
@Suite("Arithmetic bounds")
struct ArithmeticBoundsTests {
    static let generator = TOTPGenerator(secret: .generate())

    /// Regression: dates past 9.2e18 s were clamped to Int64.max / 2 seconds, below nearer dates,
    /// so a later date could give an earlier step (and another date's code).
    @Test("regression: a date past 2^63 seconds gave an earlier step than a nearer date")
    func stepsSaturateMonotonically() {
        let times: [TimeInterval] = [
            -.infinity, -1e300, -0x1p63, -9.1e18, 0, 9.1e18, 0x1p63 - 1024, 0x1p63, 1e19, .greatestFiniteMagnitude,
            .infinity,
        ]
        let steps = times.map { Self.generator.step(at: Date(timeIntervalSince1970: $0)) }
        #expect(steps == steps.sorted(), "a later date never gives an earlier step")
        #expect(steps.last == Int64.max / 30)
        #expect(steps.first == Int64.min / 30 - 1)
        #expect(Self.generator.step(at: Date(timeIntervalSince1970: .nan)) == 0, "NaN counts as the epoch")
    }

    @Test("steps with a T0 at either end of Int64 saturate instead of overflowing", arguments: [Int64.min, Int64.max])
    func extremeEpoch(epoch: Int64) throws {
        let generator = TOTPGenerator(
            secret: .generate(), configuration: try TOTPConfiguration(period: 1, epoch: epoch))
        let step = generator.step(at: Date(timeIntervalSince1970: epoch < 0 ? 1e19 : -1e19))
        #expect(step == (epoch < 0 ? Int64.max : Int64.min))
        #expect(throws: TOTPError.parameterOutOfRange) {
            try generator.exactStep(at: Date(timeIntervalSince1970: epoch < 0 ? 0x1p53 : -0x1p53))
        }
    }

    @Test(
        "exact steps: whole seconds within ±2^53 only",
        arguments: [
            (0x1p53, true), (-0x1p53, true), (0x1p53 + 2, false), (-0x1p53 - 2, false), (.infinity, false),
            (-.infinity, false), (.nan, false), (1e300, false),
        ]
            as [(TimeInterval, Bool)])
    func exactStepRange(time: TimeInterval, accepted: Bool) throws {
        let date = Date(timeIntervalSince1970: time)
        if accepted {
            #expect(try Self.generator.exactStep(at: date) == Self.generator.step(at: date))
        } else {
            #expect(throws: TOTPError.parameterOutOfRange) { try Self.generator.exactStep(at: date) }
        }
        #expect(TOTPGenerator.exactUnixTimes == -(1 << 53)...(1 << 53))
    }

    /// Regression: the verifier computed the current step from any clock reading, so a clock gone
    /// wrong (infinite, NaN, centuries of centuries ahead) accepted that step's code and recorded a
    /// step so far ahead that every later code was refused as a replay.
    @Test(
        "regression: a broken clock recorded a far-future step, refusing every later code as a replay",
        arguments: [.infinity, -.infinity, .nan, 1e19, 0x1p53 + 2] as [TimeInterval])
    func brokenClockRefused(time: TimeInterval) async throws {
        let secret = OTPSecret.generate()
        let generator = TOTPGenerator(secret: secret)
        let broken = Date(timeIntervalSince1970: time)
        let store = InMemoryTOTPStore()
        let verifier = try TOTPVerifier(store: store, clock: ManualClock(now: broken))
        await #expect(throws: TOTPError.parameterOutOfRange) {
            try await verifier.verify(generator.code(at: broken), secret: secret, userID: "ada")
        }
        #expect(try await store.lastUsedStep(userID: "ada") == nil, "nothing was recorded")
    }

    @Test("the last steps before the ends of Int64 are checked without overflow", arguments: [Int64.max, Int64.min])
    func windowAtTheEnds(epoch: Int64) async throws {
        // T0 far away puts the current step at the end of Int64; the window must not wrap around.
        let configuration = try TOTPConfiguration(
            period: 1, epoch: epoch == .max ? Int64.min + (1 << 53) + 1 : Int64.max - (1 << 53) + 1)
        let generator = TOTPGenerator(secret: .generate(), configuration: configuration)
        let now = Date(timeIntervalSince1970: epoch == .max ? 0x1p53 : -0x1p53)
        let current = try generator.exactStep(at: now)
        #expect(current == (epoch == .max ? Int64.max : Int64.min))
        let store = InMemoryTOTPStore()
        let verifier = try TOTPVerifier(
            configuration: configuration, window: TOTPVerifier.maximumWindow, store: store, clock: ManualClock(now: now)
        )
        let wrapped = epoch == .max ? Int64.min : Int64.max  // one step past the end, wrapped
        let result = try await verifier.verify(generator.code(forStep: wrapped), generator: generator, userID: "ada")
        let reachable = (0...TOTPVerifier.maximumWindow).map {
            generator.code(forStep: epoch == .max ? current - Int64($0) : current + Int64($0))
        }
        if !reachable.contains(generator.code(forStep: wrapped)) {  // a chance collision of 6 digits aside
            #expect(result == .invalid, "a wrapped-around step is never in the window")
        }
        #expect(
            try await verifier.verify(generator.code(forStep: current), generator: generator, userID: "ada").isAccepted)
    }

    @Test(
        "digit counts a command line can give are refused, not trapped on",
        arguments: [Int.min, -1, 0, 5, 9, 10, Int.max])
    func hostileDigits(digits: Int) {
        #expect(throws: TOTPError.parameterOutOfRange) { try TOTPConfiguration(digits: digits) }
        #expect(throws: TOTPError.parameterOutOfRange) { try HOTPGenerator(secret: .generate(), digits: digits) }
        #expect(throws: TOTPError.parameterOutOfRange) {
            try OTPAuthURI(issuer: "a", account: "b", secret: .generate(), digits: digits)
        }
    }

    @Test("periods a command line can give are refused", arguments: [Int64.min, -1, 0, 86_401, Int64.max])
    func hostilePeriods(period: Int64) {
        #expect(throws: TOTPError.parameterOutOfRange) { try TOTPConfiguration(period: period) }
        #expect(throws: TOTPError.parameterOutOfRange) {
            try OTPAuthURI(kind: .totp(period: period), issuer: "a", account: "b", secret: .generate())
        }
    }

    @Test("windows and look-aheads a command line can give are refused", arguments: [Int.min, -1, 101, Int.max])
    func hostileWindows(value: Int) {
        #expect(throws: TOTPError.parameterOutOfRange) {
            try TOTPVerifier(window: value, store: InMemoryTOTPStore(), clock: ManualClock())
        }
        #expect(throws: TOTPError.parameterOutOfRange) {
            try HOTPVerifier(lookAhead: value, store: InMemoryHOTPCounterStore())
        }
    }

    @Test("recovery code counts at the ends of Int are refused", arguments: [Int.min, Int.max])
    func hostileRecoveryCounts(count: Int) {
        #expect(throws: TOTPError.parameterOutOfRange) { try RecoveryCode.generate(count: count) }
    }

    @Test(
        "the largest HOTP counter in a URI round-trips; verifying from it works once, then the counter space is used up"
    )
    func largestCounter() async throws {
        let uri = try OTPAuthURI(kind: .hotp(counter: .max), issuer: "a", account: "b", secret: .generate())
        let parsed = try OTPAuthURI(parsing: uri.revealedString)
        #expect(parsed.kind == .hotp(counter: .max))
        let verifier = try HOTPVerifier(store: InMemoryHOTPCounterStore())
        let code = try HOTPGenerator(secret: parsed.secret).code(counter: .max)
        #expect(
            try await verifier.verify(code, secret: parsed.secret, userID: "ada", initialCounter: .max)
                == .accepted(counter: .max, skipped: 0))
        #expect(try await verifier.verify(code, secret: parsed.secret, userID: "ada", initialCounter: .max) == .invalid)
        #expect(HOTPGenerator.allowedDigits.contains(code.count))
    }
}
