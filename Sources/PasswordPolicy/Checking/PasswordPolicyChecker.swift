import Foundation
public import PasswordHashing

/// Checks a new password against the policy and reports every problem in plain language.
///
/// ```swift
/// let checker = try PasswordPolicyChecker()          // NIST SP 800-63B rev. 4 defaults
/// let password = try NormalizedPassword(typed)       // NFKC, once, where the password enters
/// let result = try await checker.check(password, context: PasswordContext(email: email, name: name))
/// guard result.isAcceptable else { return show(result.violations.map(\.message)) }
/// let stored = try await hasher.hash(password)
/// ```
///
/// The rules run in this order, and every violation is listed, not just the first:
/// 1. size in bytes, as typed and after NFKC (an error, ``PasswordPolicyError/passwordTooLong``,
///    before anything else);
/// 2. length in code points after NFKC (`too_short`, `too_long`; a password over the maximum is
///    refused for that alone and nothing below runs on it, which bounds the work);
/// 3. characters (`contains_control_character`, `contains_unassigned_character`: control
///    characters and unassigned code points are refused, everything else is accepted);
/// 4. opt-in composition rules;
/// 5. banned words, then context words (case-folded containment that skips separators and undoes
///    common substitutions; Documentation/PasswordPolicy.md gives the exact rules);
/// 6. the breached-password source (`breached`);
/// 7. the strength estimate (`too_weak`);
/// 8. history (`reused`), only for a password that passed everything above, since it costs one
///    slow hash per remembered password and a password refused anyway need not pay for it.
public struct PasswordPolicyChecker: Sendable {
    /// The rules in force.
    public let configuration: Configuration
    /// The configuration's banned words, prepared for matching.
    let bannedWords: BannedWords
    /// The banned words as the built-in strength estimator's user inputs, prepared once.
    let bannedStrengthInputs: [[Unicode.Scalar]]
    /// How look-alike and accented characters are read when comparing with words.
    let skeleton: ConfusableSkeleton

    /// Creates a checker.
    ///
    /// - Throws: ``PasswordPolicyError/invalidConfiguration`` when a setting is out of range;
    ///   ``PasswordPolicyError/wordListUnreadable`` when the bundled look-alike table cannot be read.
    public init(configuration: Configuration = .standard) throws(PasswordPolicyError) {
        try configuration.validate()
        self.configuration = configuration
        skeleton = try ConfusableSkeleton.bundled()
        bannedWords = try BannedWords(configuration.bannedWords, skeleton: skeleton)
        bannedStrengthInputs = bannedWords.words.wordScalars.map { PasswordStrengthEstimator.foldedUserInput($0) }
    }

    /// Checks `password`, in the NFKC form the hasher will hash.
    ///
    /// - Throws: ``PasswordPolicyError/passwordTooLong`` over ``Configuration/maximumBytes`` (as typed
    ///   or after normalization);
    ///   ``PasswordPolicyError/breachCheckUnavailable`` (or the source's own error) when the
    ///   breached-password source cannot answer, so an outage never lets a password through
    ///   unchecked; ``PasswordPolicyError/historyUnavailable`` when the history cannot be read or
    ///   checked.
    public func check(_ password: NormalizedPassword, context: PasswordContext = PasswordContext())
        async throws(PasswordPolicyError) -> PasswordCheckResult
    {
        let normalized = try bounded(password)
        var violations = lengthViolations(normalized, hasMultiFactor: context.hasMultiFactor)
        guard normalized.codePointCount <= configuration.maximumLength else {
            return PasswordCheckResult(violations: violations)
        }
        violations += CharacterScreening.violations(in: normalized.revealed)
        violations += configuration.compositionRules.compactMap { $0.violation(for: normalized.revealed) }
        let contextWords = ContextWords(context, skeleton: skeleton)
        violations += wordViolations(normalized, contextWords: contextWords)

        let breach = try await breachMatch(normalized)
        if breach != nil {
            violations.append(
                PasswordViolation(
                    .breached,
                    message:
                        "This password has appeared in data breaches, so attackers try it early. Choose a different one."
                ))
        }

        let strength = estimateStrength(normalized, context: context, contextWords: contextWords)
        if let strength, let minimum = configuration.minimumStrengthScore, strength.score < minimum {
            violations.append(
                PasswordViolation(
                    .tooWeak,
                    message: "This password is easy to guess. Add another word or two; uncommon words are better."))
        }

        if violations.isEmpty, let history = configuration.history, let userID = context.userID,
            try await history.contains(normalized, userID: userID)
        {
            violations.append(
                PasswordViolation(
                    .reused, message: "You've used this password recently. Choose one you haven't used before."))
        }
        return PasswordCheckResult(violations: violations, strength: strength, breach: breach)
    }

    /// What the breached-password source knows about `password`, for example at login, where a
    /// match is evidence of compromise (see ``PasswordChangeRequirement``); `nil` without a source.
    ///
    /// - Throws: as ``check(_:context:)`` does for the size and the source.
    public func breachMatch(for password: NormalizedPassword) async throws(PasswordPolicyError)
        -> BreachedPasswordMatch?
    {
        try await breachMatch(bounded(password))
    }

    /// `password`, if it is within ``Configuration/maximumBytes`` as typed and after normalization.
    private func bounded(_ password: NormalizedPassword) throws(PasswordPolicyError) -> NormalizedPassword {
        let bytes = max(password.typedByteCount, password.revealed.utf8.count)
        guard bytes <= configuration.maximumBytes else {
            throw PasswordPolicyError(
                .passwordTooLong, "the password is \(bytes) bytes; the maximum is \(configuration.maximumBytes)")
        }
        return password
    }

    /// The source's answer for `password`, or else for its skeleton (``ConfusableSkeleton``:
    /// "pаssword" with a Cyrillic "а" is looked up as "password" too). ASCII is its own skeleton, so
    /// most passwords are looked up once.
    private func breachMatch(_ password: NormalizedPassword) async throws(PasswordPolicyError) -> BreachedPasswordMatch?
    {
        guard let source = configuration.breachedPasswords else { return nil }
        if let match = try await breachMatch(password, in: source) { return match }
        guard let text = skeleton.text(of: password.revealed) else { return nil }
        // Never longer than the password: each change replaces a code point by one ASCII byte or drops it.
        // Unbounded, so it cannot throw.
        guard let skeletonPassword = try? NormalizedPassword(text, maximumBytes: .max) else { return nil }
        return try await breachMatch(skeletonPassword, in: source)
    }

    private func breachMatch(
        _ password: NormalizedPassword, in source: any BreachedPasswordChecker
    ) async throws(PasswordPolicyError) -> BreachedPasswordMatch? {
        // CRMAuth's own sources take the normalized password as it is and answer without suspending.
        if let source = source as? any NormalizedBreachLookup { return try source.match(normalized: password) }
        do {
            return try await source.match(password)
        } catch let error as PasswordPolicyError {
            throw error
        } catch {
            throw PasswordPolicyError(.breachCheckUnavailable, "the breached-password source failed", underlying: error)
        }
    }

    private func lengthViolations(_ password: NormalizedPassword, hasMultiFactor: Bool) -> [PasswordViolation] {
        let minimum = hasMultiFactor ? configuration.minimumLengthWithMultiFactor : configuration.minimumLength
        if password.codePointCount < minimum {
            return [
                PasswordViolation(
                    .tooShort, message: "Use at least \(minimum) characters. Longer phrases are easier to remember.")
            ]
        }
        if password.codePointCount > configuration.maximumLength {
            return [PasswordViolation(.tooLong, message: "Use at most \(configuration.maximumLength) characters.")]
        }
        return []
    }

    private func wordViolations(_ password: NormalizedPassword, contextWords: ContextWords) -> [PasswordViolation] {
        guard bannedWords.words.count > 0 || contextWords.words.count > 0 else { return [] }
        let folded = FoldedPassword(password, skeleton: skeleton)
        var violations: [PasswordViolation] = []
        if bannedWords.words.matchesAny(folded) {
            violations.append(
                PasswordViolation(
                    .containsBannedWord,
                    message: "Leave out the name of this service and words like it. Attackers try those first."))
        }
        if contextWords.words.matchesAny(folded) {
            violations.append(
                PasswordViolation(
                    .containsContextWord,
                    message:
                        "Leave out your name, your email address and the company or product name. Attackers try those first."
                ))
        }
        return violations
    }
}
