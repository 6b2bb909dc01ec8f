import FuzzSupport
import PasswordHashing
import PasswordPolicy

// The strength estimator alone (dictionaries, l33t, keyboard walks, sequences, repeats, dates) on
// arbitrary UTF-8: `password NUL user input NUL user input ...`. Its search is cubic in the analysed
// length (capped at 100 scalars), so run with -max_len and -timeout (Fuzz/run.sh does).

let estimator = try! PasswordStrengthEstimator(referenceYear: 2026)

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPasswordStrength(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let fields = FuzzInput(data, size).fields(limit: 8)
    guard let password = try? NormalizedPassword(fields[0], maximumBytes: .max) else { return 0 }
    let strength = estimator.estimate(password, userInputs: Array(fields.dropFirst()))
    fuzzCheck((0...4).contains(strength.score), "score \(strength.score)")
    fuzzCheck(strength.guesses >= 1 && strength.guesses.isFinite, "guesses \(strength.guesses)")
    fuzzCheck(
        PasswordStrengthEstimator.score(forGuesses: strength.guesses) == strength.score, "score disagrees with guesses")
    return 0
}

@main
enum Main {
    static func main() { FuzzMain.run(fuzzPasswordStrength) }
}
