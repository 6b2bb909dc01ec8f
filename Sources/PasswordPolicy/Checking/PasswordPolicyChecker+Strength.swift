import Foundation
import PasswordHashing

extension PasswordPolicyChecker {
    /// The configured estimator's estimate of `password`, or nil without an estimator.
    ///
    /// The built-in ``PasswordStrengthEstimator`` gets the password as normalized already and the
    /// user inputs already folded, so a check normalizes each text once; any other estimator gets
    /// text through ``PasswordStrengthEstimating/estimate(_:userInputs:)``. Both see the same inputs.
    func estimateStrength(_ password: NormalizedPassword, context: PasswordContext, contextWords: ContextWords)
        -> PasswordStrength?
    {
        guard let estimator = configuration.strengthEstimator else { return nil }
        if let builtIn = estimator as? PasswordStrengthEstimator {
            return builtIn.estimate(
                normalized: password, foldedUserInputs: foldedUserInputs(context, contextWords: contextWords))
        }
        return estimator.estimate(password, userInputs: userInputs(context, contextWords: contextWords))
    }

    /// What the strength estimator treats as the person's own words: the context fields as given
    /// (NFKC) and every context and banned word.
    func userInputs(_ context: PasswordContext, contextWords: ContextWords) -> [String] {
        Self.contextFields(context) + contextWords.words.texts + bannedWords.words.texts
    }

    /// ``userInputs(_:contextWords:)`` as the built-in estimator folds them
    /// (``PasswordStrengthEstimator/foldedUserInput(_:)``), the first
    /// ``PasswordStrengthEstimator/userInputLimit`` of them, without building the words' text.
    func foldedUserInputs(_ context: PasswordContext, contextWords: ContextWords) -> [[Unicode.Scalar]] {
        let limit = PasswordStrengthEstimator.userInputLimit
        var inputs = Self.contextFields(context).prefix(limit).map { PasswordStrengthEstimator.foldedUserInput($0) }
        for word in contextWords.words.wordScalars where inputs.count < limit {
            inputs.append(PasswordStrengthEstimator.foldedUserInput(word))
        }
        inputs += bannedStrengthInputs.prefix(max(0, limit - inputs.count))
        return inputs
    }

    /// The context fields that are not too long, NFKC-normalized.
    private static func contextFields(_ context: PasswordContext) -> [String] {
        let fields =
            [context.email, context.username, context.name, context.companyName, context.productName]
            .compactMap { $0 } + context.otherWords.prefix(ContextWords.wordLimit)
        return fields.filter { $0.utf8.count <= ContextWords.fieldLimit }
            .map(NormalizedPassword.nfkc)
    }
}
