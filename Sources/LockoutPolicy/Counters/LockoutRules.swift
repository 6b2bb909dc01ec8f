/// The rules of every counter dimension: the configuration of a ``LoginThrottle``.
///
/// ```swift
/// var rules = LockoutRules.standard
/// rules.source = try CounterRules(threshold: 40, ...)   // a stricter stuffing limit
/// ```
///
/// The defaults (``standard``) and why:
///
/// | Dimension | Lock after | Free, then delay | Lock | Administrator lock | Window / memory |
/// |---|---|---|---|---|---|
/// | account | 10 | 3, then 1 s doubling to 30 s | 15 min doubling to 4 h | after 9 locks (90 failures) | 1 h / 7 days |
/// | pair | 5 | 1, then 1 s doubling to 30 s | 5 min doubling to 1 h | never | 15 min / 1 day |
/// | trustedPair | 5 | 2, then 1 s doubling to 30 s | 5 min | after 2 locks (10 failures) | 15 min / 1 day |
/// | source | 100 | 20, then 1 s doubling to 15 s | 1 h doubling to 24 h | never | 1 h / 7 days |
///
/// - The account counts strangers at one account from everywhere. NIST SP 800-63B (rev. 3 §5.2.2,
///   rev. 4 §3.2.2) allows at most 100 consecutive failures per account: strangers get at most 90
///   (nine temporary locks of 10) and trusted devices at most 10 before an administrator acts, 100 in
///   all. The locks double, so the nine take about 20 hours to reach; the owner on a trusted device is
///   never refused by them.
/// - The pair acts first for one person mistyping on one machine: a short lock that never needs an
///   administrator, because the account counter already bounds the total.
/// - The trusted pair is a known device mistyping: lenient delays, but a stolen device token gets only
///   10 guesses.
/// - The source counts one address at every account (credential stuffing), where each account sees
///   few failures. Its threshold is high because one address may be a whole office behind NAT; it never
///   locks for good, since an administrator lock on a shared address would lock everyone out.
public struct LockoutRules: Sendable, Hashable, Codable {
    /// Failures at one account from all untrusted sources.
    public var account: CounterRules
    /// Failures from one source at all accounts.
    public var source: CounterRules
    /// Failures at one account from one untrusted source.
    public var pair: CounterRules
    /// Failures at one account from its trusted sources.
    public var trustedPair: CounterRules

    /// Rules for each dimension.
    ///
    /// - Parameters:
    ///   - account: failures at one account from all untrusted sources.
    ///   - source: failures from one source at all accounts.
    ///   - pair: failures at one account from one untrusted source.
    ///   - trustedPair: failures at one account from its trusted sources.
    public init(account: CounterRules, source: CounterRules, pair: CounterRules, trustedPair: CounterRules) {
        self.account = account
        self.source = source
        self.pair = pair
        self.trustedPair = trustedPair
    }

    /// The rules of `dimension`.
    ///
    /// - Parameter dimension: which counter.
    public func rules(for dimension: LockoutDimension) -> CounterRules {
        switch dimension {
        case .account: account
        case .source: source
        case .pair: pair
        case .trustedPair: trustedPair
        }
    }

    /// The defaults in the table above.
    public static let standard: LockoutRules = {
        let minute: Double = 60
        let hour = 60 * minute
        let day = 24 * hour
        // Constant arguments that satisfy every bound of `CounterRules.init`; a test builds each.
        return try! LockoutRules(
            account: CounterRules(
                threshold: 10, failureWindow: hour, freeFailures: 3, firstDelay: 1, maximumDelay: 30,
                firstLockDuration: 15 * minute, maximumLockDuration: 4 * hour, administratorLockAfter: 9,
                lockMemory: 7 * day),
            source: CounterRules(
                threshold: 100, failureWindow: hour, freeFailures: 20, firstDelay: 1, maximumDelay: 15,
                firstLockDuration: hour, maximumLockDuration: day, administratorLockAfter: nil, lockMemory: 7 * day),
            pair: CounterRules(
                threshold: 5, failureWindow: 15 * minute, freeFailures: 1, firstDelay: 1, maximumDelay: 30,
                firstLockDuration: 5 * minute, maximumLockDuration: hour, administratorLockAfter: nil,
                lockMemory: day),
            trustedPair: CounterRules(
                threshold: 5, failureWindow: 15 * minute, freeFailures: 2, firstDelay: 1, maximumDelay: 30,
                firstLockDuration: 5 * minute, maximumLockDuration: 5 * minute, administratorLockAfter: 2,
                lockMemory: day))
    }()
}
