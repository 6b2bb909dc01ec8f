import FuzzSupport
import LoginFlow

// Login identifiers as a person types them into a login or registration form: any bytes, read as
// UTF-8. Checks: never a crash; input past `maximumInputBytes` is refused before any normalization
// (so no input makes the Unicode work or its allocations grow past that bound); an accepted
// identifier's key is within its kind's byte bound and holds no whitespace; the key is idempotent
// (parsing it again gives the same kind and key, byte for byte); the email and username initializers
// agree with `init(parsing:)`; ASCII input gives what the Unicode normalization gives (the same text
// with a trailing U+00A0 NO-BREAK SPACE, which trimming removes, takes the Unicode path: same kind,
// text and key, or the same refusal).

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzLoginIdentifier(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let text = input.text
    let parsed = try? LoginIdentifier(parsing: text)
    if text.utf8.count > LoginIdentifier.maximumInputBytes {
        fuzzCheck(parsed == nil, "input over \(LoginIdentifier.maximumInputBytes) bytes was read")
        return 0
    }
    if text.utf8.allSatisfy({ $0 < 0x80 }), text.utf8.count + 2 <= LoginIdentifier.maximumInputBytes {
        fuzzCheck(outcome(text) == outcome(text + "\u{A0}"), "the ASCII path disagrees with the Unicode path")
    }
    guard let parsed else { return 0 }
    let key = Array(parsed.key.utf8)
    switch parsed.kind {
    case .email:
        fuzzCheck(key.count <= LoginIdentifier.maximumEmailBytes, "email key over its bound")
        fuzzCheck(key.filter { $0 == UInt8(ascii: "@") }.count == 1, "an email key holds exactly one @")
        fuzzCheck((try? LoginIdentifier(email: text)) == parsed, "init(email:) disagrees with init(parsing:)")
    case .username:
        fuzzCheck(key.count <= LoginIdentifier.maximumUsernameBytes, "username key over its bound")
        fuzzCheck(!key.contains(UInt8(ascii: "@")), "a username key holds no @")
        fuzzCheck((try? LoginIdentifier(username: text)) == parsed, "init(username:) disagrees with init(parsing:)")
    }
    fuzzCheck(!key.isEmpty, "an empty key")
    fuzzCheck(
        !parsed.key.unicodeScalars.contains { $0.properties.isWhitespace || $0.value < 0x20 || $0.value == 0x7F },
        "a key holds whitespace or a control character")
    guard let again = try? LoginIdentifier(parsing: parsed.key) else {
        fuzzCheck(false, "the key \(parsed.key.debugDescription) does not parse again")
        return 0
    }
    fuzzCheck(again.kind == parsed.kind && Array(again.key.utf8) == key, "the key is not idempotent")
    fuzzCheck(again == parsed, "an identifier and its key's identifier compare unequal")
    return 0
}

/// What `init(parsing:)` answers, as bytes: kind, text and key, or the refusal's reason.
private func outcome(_ text: String) -> String {
    do {
        let parsed = try LoginIdentifier(parsing: text)
        return "\(parsed.kind) \(Array(parsed.text.utf8)) \(Array(parsed.key.utf8))"
    } catch {
        return "refused: \(error.reason)"
    }
}

@main
enum Main {
    static func main() { FuzzMain.run(fuzzLoginIdentifier) }
}
