/// The text forms of IPv4 and IPv6 addresses, parsed from and written to bytes.
enum AddressText {
    private static let colon = UInt8(ascii: ":")
    private static let dot = UInt8(ascii: ".")

    /// A dotted-decimal IPv4 address: four decimal parts 0-255, no leading zeros, nothing else.
    static func ipv4(_ text: ArraySlice<UInt8>) -> UInt32? {
        var value: UInt32 = 0
        var parts = 0
        for part in text.split(separator: dot, omittingEmptySubsequences: false) {
            guard (1...3).contains(part.count), part.allSatisfy({ (0x30...0x39).contains($0) }) else { return nil }
            // "010" is 8 to inet_aton and 10 to other parsers: refuse it rather than guess.
            guard part.count == 1 || part.first != 0x30 else { return nil }
            let number = part.reduce(UInt32(0)) { $0 * 10 + UInt32($1 - 0x30) }
            guard number <= 255 else { return nil }
            value = value << 8 | number
            parts += 1
        }
        return parts == 4 ? value : nil
    }

    /// An IPv6 address in RFC 4291 §2.2 text form, as two 64-bit halves.
    static func ipv6(_ text: ArraySlice<UInt8>) -> (UInt64, UInt64)? {
        var gap: Int?
        var index = text.startIndex
        while index < text.endIndex - 1 {
            if text[index] == colon, text[index + 1] == colon {
                guard gap == nil else { return nil }
                gap = index
                index += 2
            } else {
                index += 1
            }
        }
        var groups: [UInt16]
        if let gap {
            guard let head = self.groups(text[text.startIndex..<gap], ipv4Tail: false),
                let tail = self.groups(text[(gap + 2)...], ipv4Tail: true),
                head.count + tail.count <= 7
            else { return nil }
            groups = head + Array(repeating: 0, count: 8 - head.count - tail.count) + tail
        } else {
            guard let all = self.groups(text, ipv4Tail: true), all.count == 8 else { return nil }
            groups = all
        }
        let high = groups[0..<4].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        let low = groups[4..<8].reduce(UInt64(0)) { $0 << 16 | UInt64($1) }
        return (high, low)
    }

    /// Colon-separated groups of one to four hexadecimal digits; the last may be a dotted IPv4 address
    /// (two groups) when `ipv4Tail`. Empty text is no groups; an empty group is an error.
    private static func groups(_ text: ArraySlice<UInt8>, ipv4Tail: Bool) -> [UInt16]? {
        if text.isEmpty { return [] }
        let parts = text.split(separator: colon, omittingEmptySubsequences: false)
        var groups: [UInt16] = []
        for (position, part) in parts.enumerated() {
            if ipv4Tail, position == parts.count - 1, part.contains(dot) {
                guard let value = ipv4(part) else { return nil }
                groups.append(UInt16(value >> 16))
                groups.append(UInt16(value & 0xFFFF))
                continue
            }
            guard (1...4).contains(part.count) else { return nil }
            var value: UInt16 = 0
            for byte in part {
                guard let digit = hexDigit(byte) else { return nil }
                value = value << 4 | UInt16(digit)
            }
            groups.append(value)
        }
        return groups.count <= 8 ? groups : nil
    }

    private static func hexDigit(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }

    /// `a.b.c.d`.
    static func dotted(_ value: UInt32) -> String {
        [24, 16, 8, 0].map { String((value >> UInt32($0)) & 0xFF) }.joined(separator: ".")
    }

    /// The four 16-bit groups of `value` in lowercase hexadecimal without leading zeros.
    static func groups(_ value: UInt64) -> [String] {
        [48, 32, 16, 0].map { String((value >> UInt64($0)) & 0xFFFF, radix: 16) }
    }
}
