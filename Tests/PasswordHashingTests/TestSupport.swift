import PasswordHashing

/// The UTF-8 bytes of `text`.
func ascii(_ text: String) -> [UInt8] { Array(text.utf8) }

/// `count` copies of `byte`.
func repeated(_ byte: UInt8, _ count: Int) -> [UInt8] { [UInt8](repeating: byte, count: count) }

/// Lower-case hex of `bytes`, as test vectors are written.
func hex(_ bytes: [UInt8]) -> String {
    let digits = Array("0123456789abcdef")
    var text = ""
    for byte in bytes {
        text.append(digits[Int(byte >> 4)])
        text.append(digits[Int(byte & 0x0F)])
    }
    return text
}

/// The tests write passwords as text. These normalize it as an app does where a password enters
/// and call the public API, without `NormalizedPassword`'s own size bound, so a test sees the
/// hasher's limits (an empty password, one over `maxPasswordBytes`) exactly as the hasher applies them.
extension PasswordHasher {
    func hash(_ typed: String) async throws(PasswordHashingError) -> String {
        try await hash(NormalizedPassword(typed, maximumBytes: .max))
    }

    func verify(_ typed: String, against stored: String) async throws(PasswordHashingError) -> PasswordVerification {
        try await verify(NormalizedPassword(typed, maximumBytes: .max), against: stored)
    }

    func verifyDummy(_ typed: String) async throws(PasswordHashingError) -> PasswordVerification {
        try await verifyDummy(NormalizedPassword(typed, maximumBytes: .max))
    }
}

/// The code points of `text`, as hex, for readable failures.
func codePoints(_ text: String) -> [String] {
    text.unicodeScalars.map { String($0.value, radix: 16, uppercase: true) }
}
