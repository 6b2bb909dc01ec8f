import AuthCore
import FuzzSupport
import SessionTokens

// Session, refresh and one-time tokens as a client sends them (a cookie, a header, a link), and
// session ids read back from a store.
//
// Random text almost never carries a valid SHA-256 checksum, so besides parsing the input as it is,
// the target writes the correct checksum over its last 6 characters and parses again: the token
// parser must then accept exactly the texts whose body is canonical Base64URL of 32 bytes.

let prefixes = [SessionToken.prefix, RefreshToken.prefix, OneTimeToken.prefix]

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzOpaqueTokens(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let text = input.text

    parseAll(text)
    // The generic (StringProtocol) overload must agree with the String one.
    let viaString = try? SessionToken(parsing: text)
    let viaSubstring = try? SessionToken(parsing: text[...])
    fuzzCheck(viaString?.digest == viaSubstring?.digest, "SessionToken overloads disagree")

    // The same bytes with the right checksum for each prefix.
    let bytes = Array(text.utf8)
    if bytes.count >= 6 + 43 {
        let body = Array(bytes[6..<49])
        for prefix in prefixes {
            let prefixAndBody = Array(prefix.utf8) + body
            let checksum = Base64URL.encode(HashFunction.sha256.digest(prefixAndBody).prefix(4))
            let candidate = String(decoding: prefixAndBody, as: UTF8.self) + checksum
            let decodable = (try? Base64URL.decode(String(decoding: body, as: UTF8.self)))?.count == 32
            let parsed: Bool
            switch prefix {
            case SessionToken.prefix: parsed = (try? SessionToken(parsing: candidate)) != nil
            case RefreshToken.prefix: parsed = (try? RefreshToken(parsing: candidate)) != nil
            default: parsed = (try? OneTimeToken(parsing: candidate)) != nil
            }
            fuzzCheck(
                parsed == decodable, "token with a correct checksum: parsed \(parsed), body decodable \(decodable)")
        }
    }

    // A session id keeps its text byte for byte, whichever way it is held.
    let id = SessionID(rawValue: text)
    fuzzCheck(Array(id.rawValue.utf8) == bytesOf(text), "SessionID changed its text")
    fuzzCheck(id == SessionID(rawValue: id.rawValue), "SessionID round trip")
    return 0
}

func parseAll(_ text: String) {
    _ = try? SessionToken(parsing: text)
    _ = try? RefreshToken(parsing: text)
    _ = try? OneTimeToken(parsing: text)
    _ = try? RefreshToken(parsing: text[...])
    _ = try? OneTimeToken(parsing: text[...])
}

func bytesOf(_ text: String) -> [UInt8] { Array(text.utf8) }

@main
enum Main {
    static func main() { FuzzMain.run(fuzzOpaqueTokens) }
}
