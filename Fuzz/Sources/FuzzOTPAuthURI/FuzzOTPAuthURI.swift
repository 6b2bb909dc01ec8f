import AuthCore
import FuzzSupport
import TOTP

// otpauth:// Key URIs (what an authenticator app, or an import, hands the server) and Base32 OTP
// secrets. A URI that parses must parse again, to an equal value, from the text it writes.

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOTPAuthURI(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let text = FuzzInput(data, size).text

    if let uri = try? OTPAuthURI(parsing: text) {
        _ = uri.description
        _ = uri.configuration
        let written = uri.revealedString
        let again = try? OTPAuthURI(parsing: written)
        fuzzCheck(again == uri, "the URI written for a parsed URI parses differently: \(uri) -> \(written)")
    }
    if let secret = try? OTPSecret(base32: text) {
        fuzzCheck((try? OTPSecret(base32: secret.revealedBase32)) == secret, "Base32 secret round trip")
    }
    return 0
}

@main
enum Main {
    static func main() { FuzzMain.run(fuzzOTPAuthURI) }
}
