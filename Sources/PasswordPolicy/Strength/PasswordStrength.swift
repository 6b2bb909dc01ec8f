/// The estimated strength of a password: how many guesses it would take, a 0–4 score, and advice.
public struct PasswordStrength: Sendable, Hashable {
    /// The estimated number of guesses an attacker needs.
    public var guesses: Double
    /// The score from 0 (guessable within about 10^3 guesses) to 4 (needs about 10^10 or more),
    /// on zxcvbn's scale: 0 below 10^3, 1 below 10^6, 2 below 10^8, 3 below 10^10, 4 otherwise.
    public var score: Int
    /// Advice a person can act on.
    public var feedback: PasswordFeedback

    /// Creates a strength estimate.
    public init(guesses: Double, score: Int, feedback: PasswordFeedback) {
        self.guesses = guesses
        self.score = score
        self.feedback = feedback
    }
}
