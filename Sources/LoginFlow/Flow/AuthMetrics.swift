public import CoreMetrics

/// The login flow's counters, made once from a `MetricsFactory` so that recording never allocates.
///
/// The library never bootstraps swift-metrics: by default the counters come from
/// `MetricsSystem.factory` as it is when the ``AuthFlow`` is built, so bootstrap your backend (Prometheus,
/// StatsD, ...) before building the flow. Labels and dimensions name outcomes only, never a user, an
/// identifier, an address or a secret.
///
/// | Metric | Dimensions | Counts |
/// |---|---|---|
/// | `crmauth_logins_total` | `outcome` | every answer of `login`: `authenticated`, `mfa_required`, `mfa_enrollment_required`, `password_change_required`, `failed`, `throttled`, `busy` |
/// | `crmauth_lockouts_total` | | attempts that started a lock |
/// | `crmauth_mfa_total` | `result` | second-factor answers: `succeeded`, `failed` |
/// | `crmauth_session_validations_total` | `result` | `valid`, `invalid` |
/// | `crmauth_hashing_busy_total` | | logins refused because the hashing pool was saturated |
public struct AuthMetrics: Sendable {
    let authenticated: Counter
    let mfaRequired: Counter
    let mfaEnrollmentRequired: Counter
    let passwordChangeRequired: Counter
    let failed: Counter
    let throttled: Counter
    let busy: Counter
    let lockouts: Counter
    let mfaSucceeded: Counter
    let mfaFailed: Counter
    let validSessions: Counter
    let invalidSessions: Counter
    let hashingBusy: Counter

    /// Makes every counter with `factory`.
    /// - Parameter factory: the metrics backend; `MetricsSystem.factory` (whatever the app bootstrapped,
    ///   or a no-op) by default.
    public init(factory: any MetricsFactory = MetricsSystem.factory) {
        func logins(_ outcome: String) -> Counter {
            Counter(label: "crmauth_logins_total", dimensions: [("outcome", outcome)], factory: factory)
        }
        authenticated = logins("authenticated")
        mfaRequired = logins("mfa_required")
        mfaEnrollmentRequired = logins("mfa_enrollment_required")
        passwordChangeRequired = logins("password_change_required")
        failed = logins("failed")
        throttled = logins("throttled")
        busy = logins("busy")
        lockouts = Counter(label: "crmauth_lockouts_total", dimensions: [], factory: factory)
        mfaSucceeded = Counter(label: "crmauth_mfa_total", dimensions: [("result", "succeeded")], factory: factory)
        mfaFailed = Counter(label: "crmauth_mfa_total", dimensions: [("result", "failed")], factory: factory)
        validSessions = Counter(
            label: "crmauth_session_validations_total", dimensions: [("result", "valid")], factory: factory)
        invalidSessions = Counter(
            label: "crmauth_session_validations_total", dimensions: [("result", "invalid")], factory: factory)
        hashingBusy = Counter(label: "crmauth_hashing_busy_total", dimensions: [], factory: factory)
    }

    /// Counts one answer of `login` (or of `completeMFA`, which answers with the same outcomes).
    func count(_ outcome: LoginOutcome) {
        switch outcome {
        case .authenticated: authenticated.increment()
        case .mfaRequired: mfaRequired.increment()
        case .mfaEnrollmentRequired: mfaEnrollmentRequired.increment()
        case .passwordChangeRequired: passwordChangeRequired.increment()
        case .failed: failed.increment()
        case .throttled: throttled.increment()
        case .busy: busy.increment()
        }
    }
}
