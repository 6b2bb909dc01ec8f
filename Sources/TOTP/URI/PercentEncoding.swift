/// Percent-encoding (RFC 3986 §2.1) for otpauth labels and parameters.
enum PercentEncoding {
    /// `text` with every byte outside RFC 3986 §2.3's unreserved set written as `%XX` (so a space is
    /// `%20`, as the Key URI format asks, and a colon is `%3A`).
    static func encode(_ text: String) -> String {
        let hexDigits = Array("0123456789ABCDEF".utf8)
        var out = [UInt8]()
        out.reserveCapacity(text.utf8.count)
        for byte in text.utf8 {
            if isUnreserved(byte) {
                out.append(byte)
            } else {
                out += [0x25, hexDigits[Int(byte >> 4)], hexDigits[Int(byte & 0x0f)]]
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    /// The text `encoded` stands for; with `plusAsSpace`, `+` decodes to a space (form encoding, which
    /// some generators use in query values).
    ///
    /// - Throws: ``TOTPError/invalidURI`` for a bad `%` escape, invalid UTF-8 or a control character.
    static func decode(_ encoded: Substring, plusAsSpace: Bool) throws(TOTPError) -> String {
        var out = [UInt8]()
        out.reserveCapacity(encoded.utf8.count)
        var bytes = encoded.utf8.makeIterator()
        while let byte = bytes.next() {
            switch byte {
            case 0x25:
                guard let high = bytes.next().flatMap(hexValue), let low = bytes.next().flatMap(hexValue) else {
                    throw TOTPError(.invalidURI, "bad percent-escape")
                }
                out.append(high << 4 | low)
            case 0x2b where plusAsSpace:
                out.append(0x20)
            default:
                out.append(byte)
            }
        }
        guard !out.contains(where: { $0 < 0x20 || $0 == 0x7f }) else {
            throw TOTPError(.invalidURI, "control character in label or parameter")
        }
        guard let text = String(validating: out, as: UTF8.self) else {
            throw TOTPError(.invalidURI, "percent-escapes do not decode to UTF-8")
        }
        return text
    }

    private static func isUnreserved(_ byte: UInt8) -> Bool {
        switch byte {
        case 0x41...0x5a, 0x61...0x7a, 0x30...0x39, 0x2d, 0x2e, 0x5f, 0x7e: true
        default: false
        }
    }

    private static func hexValue(_ byte: UInt8) -> UInt8? {
        switch byte {
        case 0x30...0x39: byte - 0x30
        case 0x41...0x46: byte - 0x41 + 10
        case 0x61...0x66: byte - 0x61 + 10
        default: nil
        }
    }
}
