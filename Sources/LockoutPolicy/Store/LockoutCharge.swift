/// One counter a failure is charged to: its key and the rules its dimension escalates by.
public struct LockoutCharge: Sendable, Hashable {
    /// The counter.
    public let key: LockoutKey
    /// The rules ``LockoutCounter/recordingFailure(to:at:rules:)`` applies.
    public let rules: CounterRules

    /// A charge of one failure to `key` under `rules`.
    ///
    /// - Parameters:
    ///   - key: the counter.
    ///   - rules: the rules of the key's dimension.
    public init(key: LockoutKey, rules: CounterRules) {
        self.key = key
        self.rules = rules
    }
}
