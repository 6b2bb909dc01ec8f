public import PasswordHashing

/// Estimates how many guesses an attacker needs to find a password.
///
/// CRMAuth's built-in estimator follows the model zxcvbn made popular (dictionary, keyboard-pattern,
/// sequence, repeat and date matching); an app can supply its own, for example one with localized
/// dictionaries.
///
/// Contract for conformers: `estimate` is a pure function of its inputs (the same password and user
/// inputs give the same answer), never logs the password, and returns quickly enough to run on every
/// keystroke of a registration form.
public protocol PasswordStrengthEstimating: Sendable {
    /// Estimates the strength of `password` (its NFKC text, `password.revealed`), treating `userInputs` (the user's email, name, the
    /// company and product names) as words an attacker would try first.
    func estimate(_ password: NormalizedPassword, userInputs: [String]) -> PasswordStrength
}
