import FuzzSupport
import PasswordHashing
import PasswordPolicy

// The password policy check on arbitrary UTF-8: NFKC normalization and its size bounds, character
// screening, banned and context words, the bundled breached-password list and the strength estimate.
// The input is `password NUL email NUL username NUL name NUL company NUL other words...`, so the
// context words are fuzzed too. Run with -max_len and -timeout (Fuzz/run.sh does): the check is
// bounded by the configuration's size limits, and a slow input is a finding.

let checker: PasswordPolicyChecker = {
    var configuration = PasswordPolicyChecker.Configuration()
    configuration.bannedWords = ["acme", "crm"]
    return try! PasswordPolicyChecker(configuration: configuration)
}()
let bundled = BundledBreachedPasswords()

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzPasswordPolicy(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let fields = FuzzInput(data, size).fields(limit: 8)
    let password = fields[0]
    let context = PasswordContext(
        hasMultiFactor: size % 2 == 1, email: fields.count > 1 ? fields[1] : nil,
        username: fields.count > 2 ? fields[2] : nil, name: fields.count > 3 ? fields[3] : nil,
        companyName: fields.count > 4 ? fields[4] : nil, productName: fields.count > 5 ? fields[5] : nil,
        otherWords: Array(fields.dropFirst(6)))

    guard let normalized = try? NormalizedPassword(password) else { return 0 }
    _ = try? bundled.rank(of: normalized)
    let result = runBlocking { try? await checker.check(normalized, context: context) }
    if let result {
        fuzzCheck(result.isAcceptable == result.violations.isEmpty, "isAcceptable disagrees with violations")
        if let score = result.strength?.score { fuzzCheck((0...4).contains(score), "score \(score)") }
    }
    return 0
}

@main
enum Main {
    static func main() { FuzzMain.run(fuzzPasswordPolicy) }
}
