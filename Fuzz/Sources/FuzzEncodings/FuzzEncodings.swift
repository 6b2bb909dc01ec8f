import AuthCore
import FuzzSupport

// Base32 (TOTP secrets), Base64 with and without padding (PHC strings, ASP.NET blobs, peppers) and
// Base64URL (tokens, session ids): decoding arbitrary text, and round trips both ways.

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzEncodings(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let text = input.text

    // Every encoding of arbitrary bytes decodes back to them.
    let base32 = Base32.encode(input.bytes)
    fuzzCheck((try? Base32.decode(base32, maxLength: .max)) == input.bytes, "Base32 round trip")
    let padded32 = Base32.encode(input.bytes, padding: true)
    fuzzCheck((try? Base32.decode(padded32, maxLength: .max)) == input.bytes, "padded Base32 round trip")
    for coder in [Base64.standard, Base64.standardUnpadded, Base64.url] {
        fuzzCheck((try? coder.decode(coder.encode(input.bytes))) == input.bytes, "Base64 round trip")
    }
    fuzzCheck((try? Base64URL.decode(Base64URL.encode(input.bytes))) == input.bytes, "Base64URL round trip")

    // Decoding arbitrary text either fails or yields the one canonical encoding back.
    if let bytes = try? Base32.decode(text) {
        var canonical = Array(text.utf8).filter { $0 != 0x20 && $0 != 0x2d }
        while canonical.last == 0x3d { canonical.removeLast() }
        let upper = canonical.map { (0x61...0x7a).contains($0) ? $0 - 0x20 : $0 }
        fuzzCheck(Array(Base32.encode(bytes).utf8) == upper, "Base32 decoding is not canonical")
    }
    for coder in [Base64.standard, Base64.standardUnpadded, Base64.url] {
        guard let bytes = try? coder.decode(text) else { continue }
        var canonical = Array(text.utf8)
        while canonical.last == 0x3d { canonical.removeLast() }
        var encoded = Array(coder.encode(bytes).utf8)
        while encoded.last == 0x3d { encoded.removeLast() }
        fuzzCheck(encoded == canonical, "Base64 decoding is not canonical")
    }
    _ = try? Base64URL.decode(text[...])
    return 0
}

@main
enum Main {
    static func main() { FuzzMain.run(fuzzEncodings) }
}
