/// Splits a newline-separated word list into entries.
enum WordListLines {
    /// Calls `body` with each non-empty line of `bytes`, without its line break (`\n` or `\r\n`).
    static func forEach<E: Error>(
        in bytes: UnsafeBufferPointer<UInt8>,
        _ body: (UnsafeBufferPointer<UInt8>) throws(E) -> Void
    ) throws(E) {
        var start = 0
        for index in 0...bytes.count where index == bytes.count || bytes[index] == 0x0A {
            var end = index
            if end > start, bytes[end - 1] == 0x0D { end -= 1 }
            if end > start { try body(UnsafeBufferPointer(rebasing: bytes[start..<end])) }
            start = index + 1
        }
    }

    /// The number of line breaks in `bytes` plus one: an upper bound on the entries.
    static func countUpperBound(in bytes: UnsafeBufferPointer<UInt8>) -> Int {
        bytes.reduce(1) { $1 == 0x0A ? $0 + 1 : $0 }
    }
}
