/// Cryptographically secure random bytes.
///
/// Backed by the system generator (`getrandom(2)` on Linux, `arc4random_buf` on Apple platforms),
/// which Swift documents as cryptographically secure.
public enum SecureRandom {
    /// `count` random bytes; none for a count below 1 (never a trap).
    public static func bytes(count: Int) -> [UInt8] {
        var generator = SystemRandomNumberGenerator()
        var output = [UInt8](repeating: 0, count: max(0, count))
        output.withUnsafeMutableBytes { buffer in
            var index = 0
            while index < buffer.count {
                let word = generator.next()
                withUnsafeBytes(of: word) { wordBytes in
                    let take = min(8, buffer.count - index)
                    for offset in 0..<take { buffer[index + offset] = wordBytes[offset] }
                    index += take
                }
            }
        }
        return output
    }

    /// A uniformly random integer in `range`, without modulo bias.
    public static func integer(in range: Range<Int>) -> Int {
        var generator = SystemRandomNumberGenerator()
        return Int.random(in: range, using: &generator)
    }
}
