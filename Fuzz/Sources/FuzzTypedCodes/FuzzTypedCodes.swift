import AuthCore
import Foundation
import FuzzSupport
import TOTP

// What a person types at the second-factor step: a TOTP or HOTP code, or a recovery code (normalized:
// case, spaces and hyphens ignored, O read as 0, I and L as 1).

let secret = try! OTPSecret(base32: "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ")
let clock = ManualClock(now: Date(timeIntervalSince1970: 59))
let recovery = RecoveryCodeManager(store: InMemoryRecoveryCodeStore())

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzTypedCodes(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text

    // Recovery codes: a code that normalizes does so whatever its case.
    if let digest = RecoveryCodeDigest(typed: text) {
        fuzzCheck(text.utf8.allSatisfy { $0 < 0x80 }, "a recovery code with non-ASCII text normalized")
        fuzzCheck(RecoveryCodeDigest(typed: text.lowercased()) == digest, "lower-case recovery code differs")
        fuzzCheck(RecoveryCodeDigest(typed: text.uppercased()) == digest, "upper-case recovery code differs")
    }

    // TOTP (RFC 6238 Appendix B secret at T=59) and HOTP codes, each against a fresh store.
    let totp = TOTPGenerator(secret: secret, configuration: .default)
    let expected = Set((-1...1).map { totp.code(forStep: totp.step(at: clock.now()) + Int64($0)) })
    runBlocking {
        let verifier = try! TOTPVerifier(store: InMemoryTOTPStore(), clock: clock)
        if case .accepted = (try? await verifier.verify(text, secret: secret, userID: "u")) {
            fuzzCheck(expected.contains(text), "TOTP accepted a code outside its window: \(text)")
        }
        let hotp = try! HOTPVerifier(store: InMemoryHOTPCounterStore())
        _ = try? await hotp.verify(text, secret: secret, userID: "h")
        _ = try? await recovery.redeem(text, userID: "r")
    }
    return 0
}

@main
enum Main {
    static func main() { FuzzMain.run(fuzzTypedCodes) }
}
