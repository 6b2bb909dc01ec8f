/// Comparisons whose running time does not depend on where the inputs differ.
public enum ConstantTime {
    /// Whether `lhs` and `rhs` hold the same bytes.
    ///
    /// The time taken depends only on the lengths, never on the contents, so a secret compared
    /// against attacker input leaks nothing but its length (which callers keep fixed).
    @inline(never)
    public static func equals(_ lhs: [UInt8], _ rhs: [UInt8]) -> Bool {
        lhs.withUnsafeBytes { l in rhs.withUnsafeBytes { r in equals(l, r) } }
    }

    /// Whether the two buffers hold the same bytes, in time that depends only on their lengths.
    @inline(never)
    public static func equals(_ lhs: UnsafeRawBufferPointer, _ rhs: UnsafeRawBufferPointer) -> Bool {
        guard lhs.count == rhs.count else { return false }
        var difference: UInt8 = 0
        for index in 0..<lhs.count {
            difference |= lhs[index] ^ rhs[index]
        }
        return difference == 0
    }

    /// Whether two strings have the same UTF-8 bytes, in time that depends only on their lengths.
    public static func equals(_ lhs: String, _ rhs: String) -> Bool {
        // Native strings lend their UTF-8 storage; only others (bridged) are copied.
        let compared = lhs.utf8.withContiguousStorageIfAvailable { l in
            rhs.utf8.withContiguousStorageIfAvailable { r in
                equals(UnsafeRawBufferPointer(l), UnsafeRawBufferPointer(r))
            }
        }
        return (compared ?? nil) ?? equals(Array(lhs.utf8), Array(rhs.utf8))
    }
}
