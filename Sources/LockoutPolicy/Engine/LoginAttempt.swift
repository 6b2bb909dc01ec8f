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

    /// Calls `body` with ``keys`` in a stack buffer instead of an array (the party's own key first,
    /// as there).
    ///
    /// - Parameter body: reads the keys.
    func withKeys<Result, Failure: Error>(
        _ body: (UnsafeBufferPointer<LockoutKey>) throws(Failure) -> Result
    ) throws(Failure) -> Result {
        switch trust {
        case .stranger:
            let keys = (LockoutKey.pair(account, source), LockoutKey.account(account), LockoutKey.source(source))
            // A homogeneous tuple's elements lie one stride apart, as in an array.
            return try withUnsafePointer(to: keys) { pointer throws(Failure) in
                try body(
                    UnsafeBufferPointer(
                        start: UnsafeRawPointer(pointer).assumingMemoryBound(to: LockoutKey.self), count: 3))
            }
        case .knownDevice:
            let key = LockoutKey.trustedPair(account)
            return try withUnsafePointer(to: key) { pointer throws(Failure) in
                try body(UnsafeBufferPointer(start: pointer, count: 1))
            }
        }
    }
}
