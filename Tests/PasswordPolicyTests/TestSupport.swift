import PasswordHashing
import PasswordPolicy
import Synchronization

/// The tests write passwords as text. These normalize it as an app does where a password enters
/// and call the public API, without `NormalizedPassword`'s own size bound, so a test sees the
/// checker's and the hasher's bounds exactly as they apply them.
extension PasswordPolicyChecker {
    func check(_ typed: String, context: PasswordContext = PasswordContext()) async throws -> PasswordCheckResult {
        try await check(NormalizedPassword(typed, maximumBytes: .max), context: context)
    }

    func breachMatch(for typed: String) async throws -> BreachedPasswordMatch? {
        try await breachMatch(for: NormalizedPassword(typed, maximumBytes: .max))
    }
}

extension PasswordStrengthEstimator {
    func estimate(_ typed: String, userInputs: [String]) -> PasswordStrength {
        estimate(try! NormalizedPassword(typed, maximumBytes: .max), userInputs: userInputs)
    }
}

extension BundledBreachedPasswords {
    func rank(of typed: String) throws(PasswordPolicyError) -> Int? {
        try rank(of: try! NormalizedPassword(typed, maximumBytes: .max))
    }

    func match(_ typed: String) async throws -> BreachedPasswordMatch? {
        try await match(try! NormalizedPassword(typed, maximumBytes: .max))
    }
}

extension BreachedPasswordFile {
    func rank(of typed: String) -> Int? {
        rank(of: try! NormalizedPassword(typed, maximumBytes: .max))
    }

    func match(_ typed: String) async throws -> BreachedPasswordMatch? {
        try await match(try! NormalizedPassword(typed, maximumBytes: .max))
    }
}

extension PasswordHasher {
    func hash(_ typed: String) async throws(PasswordHashingError) -> String {
        try await hash(NormalizedPassword(typed, maximumBytes: .max))
    }
}

/// A breached-password source over a fixed set of words, matched exactly after the folding the
/// bundled list uses (lowercase ASCII here), remembering what it was asked.
final class WordSetChecker: BreachedPasswordChecker {
    private let words: Set<String>
    private let asked = Mutex<[String]>([])

    init(_ words: Set<String>) { self.words = words }

    /// Every password passed to ``match(_:)``, in order.
    var queries: [String] { asked.withLock { $0 } }

    func match(_ password: NormalizedPassword) async throws -> BreachedPasswordMatch? {
        asked.withLock { $0.append(password.revealed) }
        return words.contains(password.revealed.lowercased())
            ? BreachedPasswordMatch(source: "test list", rank: 1) : nil
    }
}

/// A source that cannot answer.
struct UnavailableChecker: BreachedPasswordChecker {
    struct Outage: Error {}
    func match(_ password: NormalizedPassword) async throws -> BreachedPasswordMatch? { throw Outage() }
}

/// A deterministic estimator: score = code points / 5, capped at 4; guesses = 10^(2 × score + 1).
/// Remembers the user inputs it was given.
final class LengthEstimator: PasswordStrengthEstimating {
    private let inputs = Mutex<[[String]]>([])

    var receivedInputs: [[String]] { inputs.withLock { $0 } }

    func estimate(_ password: NormalizedPassword, userInputs: [String]) -> PasswordStrength {
        inputs.withLock { $0.append(userInputs) }
        let score = min(4, password.codePointCount / 5)
        var guesses = 10.0
        for _ in 0..<score { guesses *= 100 }
        return PasswordStrength(
            guesses: guesses, score: score,
            feedback: PasswordFeedback(warning: score < 2 ? "Too short." : nil, suggestions: ["Add a word."]))
    }
}

/// A checker with the default rules and no sources, unless configured.
func makeChecker(_ configure: (inout PasswordPolicyChecker.Configuration) -> Void = { _ in }) throws
    -> PasswordPolicyChecker
{
    var configuration = PasswordPolicyChecker.Configuration(breachedPasswords: nil, strengthEstimator: nil)
    configure(&configuration)
    return try PasswordPolicyChecker(configuration: configuration)
}

/// The code points of `text`, as hex, for readable failures.
func codePoints(_ text: String) -> [String] {
    text.unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }
}
