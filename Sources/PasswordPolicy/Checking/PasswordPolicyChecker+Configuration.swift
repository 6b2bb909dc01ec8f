import PasswordHashing

public import struct Foundation.TimeInterval

extension PasswordPolicyChecker {
    /// The rules a ``PasswordPolicyChecker`` applies. The defaults follow NIST SP 800-63B rev. 4
    /// §3.1.1.2 (see Documentation/PasswordPolicy.md for each setting's source).
    ///
    /// ```swift
    /// var configuration = PasswordPolicyChecker.Configuration()
    /// configuration.bannedWords = ["Acme CRM", "acmecrm"]
    /// configuration.history = try PasswordHistory(store: historyStore, hasher: hasher)
    /// let checker = try PasswordPolicyChecker(configuration: configuration)
    /// ```
    public struct Configuration: Sendable {
        /// The breached-password source a configuration uses unless told otherwise: the bundled
        /// 100,000 most common breached passwords (``BundledBreachedPasswords``).
        public static let defaultBreachedPasswords: (any BreachedPasswordChecker)? = BundledBreachedPasswords()
        /// The strength estimator a configuration uses unless told otherwise: the built-in
        /// ``PasswordStrengthEstimator``, over the same bundled table as the blocklist.
        ///
        /// Creating it loads the bundled word lists (about 30 ms, once per process). Should they be
        /// unreadable (a damaged installation), this is `nil` and the failure surfaces where it cannot
        /// be missed: the bundled blocklist reads the same table, so every check throws
        /// ``PasswordPolicyError/wordListUnreadable`` instead of passing a password unchecked.
        public static let defaultStrengthEstimator: (any PasswordStrengthEstimating)? = try? PasswordStrengthEstimator()

        /// The default configuration.
        public static let standard = Configuration()

        /// The fewest code points when the password is the only factor (default 15, §3.1.1.2).
        public var minimumLength = 15
        /// The fewest code points when the account also has a second factor (default 8, §3.1.1.2).
        public var minimumLengthWithMultiFactor = 8
        /// The most code points (default 256; must be 64...4096, since §3.1.1.2 asks that at least
        /// 64 be allowed). A longer password is refused with `too_long` and nothing else is checked.
        public var maximumLength = 256
        /// The hard bound in UTF-8 bytes (default 4096, the default hasher's bound; must be
        /// 1024...4096). A larger password is an error (``PasswordPolicyError/passwordTooLong``),
        /// checked before any normalization, never truncated.
        public var maximumBytes = NormalizedPassword.defaultMaximumBytes
        /// Opt-in composition rules; none by default, as §3.1.1.2 says verifiers shall not impose them.
        public var compositionRules: [PasswordCompositionRule] = []
        /// The app's own banned words (its name, product names), each of at least 3 letters or digits.
        /// They are folded like context words, keeping letters and digits ("Acme CRM" is looked for
        /// as "acmecrm"), and matched the same way (Documentation/PasswordPolicy.md). Meant for a
        /// handful of words; use a ``BreachedPasswordChecker`` for long lists.
        public var bannedWords: [String] = []
        /// Where breached and common passwords are looked up (§3.1.1.2 requires a blocklist).
        public var breachedPasswords: (any BreachedPasswordChecker)?
        /// The strength estimator, whose result is reported with every check (§3.1.1.2 recommends
        /// guidance such as a strength meter).
        public var strengthEstimator: (any PasswordStrengthEstimating)?
        /// The lowest acceptable strength score, 0...4; `nil` reports the estimate without refusing.
        /// Used only with an estimator.
        ///
        /// Default 2 (an estimated 10^6 guesses or more, beyond online guessing against a
        /// rate-limited login): a backstop for what passes length and blocklist yet follows an
        /// obvious pattern (`aaaaaaaaaaaaaaa`, `123456789012345`, `qwertyuiopasdfg`, which score 0
        /// or 1), without second-guessing people further than NIST asks. 3 (10^8) is stricter.
        public var minimumStrengthScore: Int? = 2
        /// The password history; `nil` (the default) does not check reuse.
        public var history: PasswordHistory?
        /// How long a password may be used before a change is required; `nil` (the default) never,
        /// since §3.1.1.2 says verifiers shall not require periodic changes. Must be positive and
        /// finite.
        public var maximumAge: TimeInterval?

        /// A configuration with the default rules and the given sources.
        public init(
            breachedPasswords: (any BreachedPasswordChecker)? = Self.defaultBreachedPasswords,
            strengthEstimator: (any PasswordStrengthEstimating)? = Self.defaultStrengthEstimator
        ) {
            self.breachedPasswords = breachedPasswords
            self.strengthEstimator = strengthEstimator
        }

        /// Throws ``PasswordPolicyError/invalidConfiguration`` naming the first setting out of range.
        func validate() throws(PasswordPolicyError) {
            func require(_ condition: Bool, _ reason: String) throws(PasswordPolicyError) {
                if !condition { throw PasswordPolicyError(.invalidConfiguration, reason) }
            }
            try require((64...4096).contains(maximumLength), "maximumLength must be 64...4096, not \(maximumLength)")
            try require((1024...4096).contains(maximumBytes), "maximumBytes must be 1024...4096, not \(maximumBytes)")
            try require((1...maximumLength).contains(minimumLength), "minimumLength must be 1...maximumLength")
            try require(
                (1...maximumLength).contains(minimumLengthWithMultiFactor),
                "minimumLengthWithMultiFactor must be 1...maximumLength")
            try require(minimumStrengthScore.map { (0...4).contains($0) } ?? true, "minimumStrengthScore must be 0...4")
            try require(compositionRules.allSatisfy(\.isValid), "maximumRepeatedCharacters needs a count of at least 1")
            try require(maximumAge.map { $0 > 0 && $0.isFinite } ?? true, "maximumAge must be positive and finite")
        }
    }
}
