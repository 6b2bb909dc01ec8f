import Foundation
import FuzzSupport
import Glibc
import LockoutPolicy

// Source addresses from outside text (a socket peer, a trusted proxy's header). Checked against
// glibc's inet_pton, which implements the same RFC 4291 §2.2 text forms: the parser accepts exactly
// what inet_pton accepts (AF_INET without a colon, AF_INET6 with one), to the same 128 bits; an
// IPv4-mapped address is the IPv4 address; the printed form parses back to the same address; the
// prefix reads back from its own JSON. The same text as an address range (`ADDRESS/LENGTH`, a trusted
// proxy's block): a range parses back from its printed form, contains its base, and a lone address is
// a block of one. Also: never a crash, whatever the bytes.

@_cdecl("LLVMFuzzerTestOneInput")
func fuzzSourceAddress(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    let input = FuzzInput(data, size)
    let text = input.text
    let parsed = try? SourceAddress(parsing: text)

    // inet_pton reads a C string; the comparison holds for valid UTF-8 without NUL bytes.
    if !input.bytes.contains(0), Array(text.utf8) == input.bytes {
        let expected = reference(text)
        fuzzCheck(parsed == expected, "SourceAddress and inet_pton disagree on \(text.debugDescription)")
    }
    if let parsed {
        fuzzCheck((try? SourceAddress(parsing: parsed.description)) == parsed, "the printed form parses back")
        let json = try! JSONEncoder().encode([parsed.prefix])
        fuzzCheck((try? JSONDecoder().decode([SourcePrefix].self, from: json)) == [parsed.prefix], "prefix JSON")
    }
    if let range = try? AddressRange(parsing: text) {
        fuzzCheck((try? AddressRange(parsing: range.description)) == range, "the printed range parses back")
        fuzzCheck(range.contains(range.base), "a range contains its base")
        if let parsed {
            fuzzCheck(range.prefixLength == (parsed.isIPv4 ? 32 : 128), "a lone address is a block of one")
        }
    } else if let parsed {
        fuzzCheck(false, "an address \(parsed) is refused as a range")
    }
    return 0
}

/// What glibc's inet_pton makes of `text`, as a `SourceAddress`; `nil` if it refuses it.
func reference(_ text: String) -> SourceAddress? {
    guard text.utf8.count <= SourceAddress.maximumLength else { return nil }
    var bytes = [UInt8](repeating: 0, count: 16)
    if text.contains(":") {
        guard inet_pton(AF_INET6, text, &bytes) == 1 else { return nil }
        let high = bytes[0..<8].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        let low = bytes[8..<16].reduce(UInt64(0)) { $0 << 8 | UInt64($1) }
        return SourceAddress(ipv6High: high, low: low)
    }
    guard inet_pton(AF_INET, text, &bytes) == 1 else { return nil }
    return SourceAddress(ipv4: bytes[0..<4].reduce(UInt32(0)) { $0 << 8 | UInt32($1) })
}

@main
enum Main {
    static func main() { FuzzMain.run(fuzzSourceAddress) }
}
