/// Who is trying to log in, as lockout sees it: the account digest, the source and its trust.
///
/// Made by ``LoginThrottle/attempt(account:source:trust:)`` once per request and passed to
/// ``LoginThrottle/admit(_:)``, so the identifier is digested once.
public struct LoginAttempt: Sendable, Hashable, Codable {
    /// The digest of the identifier typed (known or not: both are counted alike).
    public let account: AccountDigest
    /// The source, as counted.
    public let source: SourcePrefix
    /// Whether the caller recognised the source.
    public let trust: SourceTrust

    /// An attempt from parts already digested and parsed.
    ///
    /// - Parameters:
    ///   - account: the digest of the identifier typed.
    ///   - source: the source's prefix.
    ///   - trust: whether the caller recognised the source.
    public init(account: AccountDigest, source: SourcePrefix, trust: SourceTrust) {
        self.account = account
        self.source = source
        self.trust = trust
    }

    /// The counters this attempt is checked against and charged to: a stranger's pair, account and
    /// source; a known device's trusted pair only.
    public var keys: [LockoutKey] {
        switch trust {
        case .stranger: [.pair(account, source), .account(account), .source(source)]
        case .knownDevice: [.trustedPair(account)]
        }
    }
}
