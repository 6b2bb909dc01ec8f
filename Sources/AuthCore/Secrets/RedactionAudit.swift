/// Looks for secret bytes in everything a value prints, for the tests that prove a type redacts
/// itself (each module's test target uses it; it is not public API).
///
/// A value is rendered the four ways Swift prints values: `String(describing:)`,
/// `String(reflecting:)`, `dump` and `Mirror(reflecting:)` (its children, recursively). The secret
/// is then looked for as hex (either case), Base32, Base64, Base64URL and decimal bytes, and any
/// extra words (such as an HMAC key's pad states) as decimal and hex numbers.
package enum RedactionAudit {
    /// The four renderings of `value`, joined by newlines.
    package static func renderings(of value: Any) -> String {
        var dumped = ""
        dump(value, to: &dumped)
        var mirrored = ""
        describeChildren(of: value, depth: 0, into: &mirrored)
        return [String(describing: value), String(reflecting: value), dumped, mirrored].joined(separator: "\n")
    }

    /// The renderings of `secret` found in `text`; empty when nothing leaks.
    ///
    /// Any run of `window` consecutive secret bytes counts, so a prefix or a slice is caught too;
    /// `words` are matched whole, in decimal and in hex.
    package static func leaks(of secret: [UInt8], words: [UInt64] = [], in text: String, window: Int = 6) -> [String] {
        var found: [String] = []
        let window = min(window, secret.count)
        if window > 0 {
            for start in 0...(secret.count - window) {
                let slice = Array(secret[start..<(start + window)])
                let hex = slice.map { ($0 < 16 ? "0" : "") + String($0, radix: 16) }.joined()
                // Text encodings of a slice only line up at the encoding's group boundaries.
                var needles = [hex, hex.uppercased()]
                if start % 5 == 0 { needles.append(String(Base32.encode(slice).prefix(window * 8 / 5))) }
                if start % 3 == 0 {
                    needles.append(String(Base64.standard.encode(slice).prefix(window * 4 / 3)))
                    needles.append(String(Base64URL.encode(slice).prefix(window * 4 / 3)))
                }
                for needle in needles where text.contains(needle) { found.append(needle) }
            }
            let numbers = integers(in: text)
            if numbers.count >= window {
                for start in 0...(secret.count - window) {
                    let slice = secret[start..<(start + window)].map(UInt64.init)
                    for offset in 0...(numbers.count - window) where Array(numbers[offset..<(offset + window)]) == slice
                    {
                        found.append("decimal bytes " + slice.map(String.init).joined(separator: ","))
                    }
                }
            }
        }
        let numbers = Set(integers(in: text))
        for word in words where word > 0xffff {
            if numbers.contains(word) { found.append("decimal word \(word)") }
            let hex = String(word, radix: 16)
            if text.lowercased().contains(hex) { found.append("hex word \(hex)") }
        }
        return found
    }

    private static func describeChildren(of value: Any, depth: Int, into text: inout String) {
        guard depth < 8 else { return }
        for child in Mirror(reflecting: value).children {
            text += (child.label ?? "_") + ": " + String(reflecting: child.value) + "\n"
            describeChildren(of: child.value, depth: depth + 1, into: &text)
        }
    }

    /// Every run of decimal digits in `text`, as numbers (runs too long for 64 bits are skipped).
    private static func integers(in text: String) -> [UInt64] {
        var numbers: [UInt64] = []
        var current: UInt64? = nil
        var overflowed = false
        for byte in text.utf8 {
            if (0x30...0x39).contains(byte) {
                let (times10, o1) = (current ?? 0).multipliedReportingOverflow(by: 10)
                let (sum, o2) = times10.addingReportingOverflow(UInt64(byte - 0x30))
                overflowed = overflowed || o1 || o2
                current = sum
            } else if let value = current {
                if !overflowed { numbers.append(value) }
                current = nil
                overflowed = false
            }
        }
        if let current, !overflowed { numbers.append(current) }
        return numbers
    }
}
