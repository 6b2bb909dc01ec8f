/// The bytes libFuzzer hands a target, with the views the targets need.
///
/// Parsers of outside text take a `String`, which is always valid Unicode; ``text`` repairs invalid
/// UTF-8 (with U+FFFD) the way `String(decoding:as:)` does wherever an app builds a String from
/// request bytes, so every input reaches the parser.
public struct FuzzInput: Sendable {
    /// The raw bytes.
    public let bytes: [UInt8]

    /// Copies `size` bytes from `data` (which may be null when `size` is 0).
    public init(_ data: UnsafePointer<UInt8>?, _ size: Int) {
        guard let data, size > 0 else {
            bytes = []
            return
        }
        bytes = Array(UnsafeBufferPointer(start: data, count: size))
    }

    /// The bytes as text, invalid UTF-8 repaired.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The bytes as text split at NUL bytes (at most `limit` parts), so one input can carry a
    /// password and the words of its context.
    public func fields(limit: Int) -> [String] {
        bytes.split(separator: 0, maxSplits: max(0, limit - 1), omittingEmptySubsequences: false)
            .map { String(decoding: $0, as: UTF8.self) }
    }
}
