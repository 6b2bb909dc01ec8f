/// An immutable table from names (user ids, tenant ids, resource and action names) to their
/// interned indices, built once per snapshot and read by every check.
///
/// A check looks up four names; Swift's `Dictionary` hashes each with SipHash through `Hasher` and
/// compares keys through `String` (or `ExactText`), which costs most of a check. This table keeps
/// the names' UTF-8 bytes one after another in a single allocation, hashes a name's bytes eight at a
/// time with a seeded multiply-and-xor hash, probes linearly in a power-of-two slot array kept at
/// most half full, and compares bytes exactly: two canonically equivalent but byte-different names
/// are different names here, as in `ExactText` and in a SQL store.
///
/// The hash is not cryptographic, and need not be: the table holds only names that appear in the
/// policy (written by operators, not by the people who send requests), and it never grows at run
/// time. A request names at most one entry per lookup, so a crafted request can cost at most one
/// probe sequence of an already-built table; it cannot add keys to make chains longer. The per-table
/// random seed still keeps slot positions from being predictable from one snapshot to the next.
final class NameTable: @unchecked Sendable {
    // @unchecked Sendable: every stored property is set once in `init` and never written again, and
    // `storage` is freed only in `deinit`, when nothing else can reach it.

    /// The number of names.
    let count: Int
    private let seed: UInt64
    private let mask: Int
    /// `mask + 1` slots of two `UInt64`s each. The first is 0 for an empty slot, otherwise the upper
    /// 24 bits of the name's hash, then its length in bytes (255 for 255 or more), then its index + 1
    /// in the lower 32 bits; the second holds the name's first eight bytes (zero-padded). A lookup
    /// of a name of at most eight bytes (and the first eight of any other) compares it in the slot,
    /// without reading `starts` and `bytes`.
    private let slots: UnsafeMutablePointer<UInt64>
    /// `count + 1` offsets into `bytes`: name `i` is `bytes[starts[i]..<starts[i + 1]]`.
    private let starts: UnsafeMutablePointer<UInt32>
    private let bytes: UnsafeMutablePointer<UInt8>

    /// Builds the table for `names`, whose positions are their indices; the names must differ
    /// byte for byte.
    ///
    /// - Parameter names: the names in index order.
    init(_ names: [String]) {
        count = names.count
        seed = UInt64.random(in: .min ... .max)
        var capacity = 8
        while capacity < 2 * names.count { capacity *= 2 }
        mask = capacity - 1
        slots = .allocate(capacity: 2 * capacity)
        slots.initialize(repeating: 0, count: 2 * capacity)
        starts = .allocate(capacity: names.count + 1)
        let total = names.reduce(0) { $0 + $1.utf8.count }
        precondition(total < Int(UInt32.max), "names too large for a name table")
        bytes = .allocate(capacity: max(total, 1))
        var offset = 0
        for (index, name) in names.enumerated() {
            starts[index] = UInt32(offset)
            var name = name
            let (hash, prefix) = name.withUTF8 { utf8 in
                if let base = utf8.baseAddress { (bytes + offset).initialize(from: base, count: utf8.count) }
                return (Self.hash(UnsafeRawBufferPointer(utf8), seed: seed), Self.prefix(UnsafeRawBufferPointer(utf8)))
            }
            let length = name.utf8.count
            offset += length
            var slot = Int(truncatingIfNeeded: hash) & mask
            while slots[2 * slot] != 0 { slot = (slot + 1) & mask }
            slots[2 * slot] = Self.header(hash: hash, length: length) | UInt64(index + 1)
            slots[2 * slot + 1] = prefix
        }
        starts[names.count] = UInt32(offset)
    }

    deinit {
        slots.deallocate()
        starts.deallocate()
        bytes.deallocate()
    }

    /// The index of `name`, or -1 when the table does not hold exactly these bytes.
    ///
    /// - Parameter name: the name.
    @inline(__always)
    func index(of name: String) -> Int32 {
        let found = name.utf8.withContiguousStorageIfAvailable { index(of: UnsafeRawBufferPointer($0)) }
        if let found { return found }
        // A bridged or otherwise non-contiguous string: one contiguous copy, looked up the same way.
        var copy = name
        return copy.withUTF8 { index(of: UnsafeRawBufferPointer($0)) }
    }

    /// The index of the name with these UTF-8 bytes, or -1.
    @inline(__always)
    private func index(of name: UnsafeRawBufferPointer) -> Int32 {
        let hash = Self.hash(name, seed: seed)
        let header = Self.header(hash: hash, length: name.count)
        let prefix = Self.prefix(name)
        var slot = Int(truncatingIfNeeded: hash) & mask
        while true {
            let entry = slots[2 * slot]
            if entry == 0 { return -1 }
            if entry & 0xFFFF_FFFF_0000_0000 == header, slots[2 * slot + 1] == prefix {
                let index = Int(entry & 0xFFFF_FFFF) - 1
                if name.count <= 8 { return Int32(index) }
                let start = Int(starts[index])
                let length = Int(starts[index + 1]) - start
                if length == name.count && Self.equal(UnsafeRawPointer(bytes + start), name) { return Int32(index) }
            }
            slot = (slot + 1) & mask
        }
    }

    /// The upper half of a slot's first word: 24 bits of the hash, then the length (capped at 255).
    @inline(__always)
    private static func header(hash: UInt64, length: Int) -> UInt64 {
        (hash & 0xFFFF_FF00_0000_0000) | UInt64(min(length, 255)) << 32
    }

    /// The first eight bytes of `name` as a little-endian word, zero-padded.
    @inline(__always)
    private static func prefix(_ name: UnsafeRawBufferPointer) -> UInt64 {
        if name.count >= 8 { return UInt64(littleEndian: name.loadUnaligned(fromByteOffset: 0, as: UInt64.self)) }
        var word: UInt64 = 0
        var offset = 0
        while offset < name.count {
            word |= UInt64(name[offset]) << UInt64(8 * offset)
            offset += 1
        }
        return word
    }

    /// Whether the `name.count` bytes at `stored` are `name`'s, compared eight at a time.
    @inline(__always)
    private static func equal(_ stored: UnsafeRawPointer, _ name: UnsafeRawBufferPointer) -> Bool {
        var offset = 0
        while offset + 8 <= name.count {
            guard
                stored.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
                    == name.loadUnaligned(fromByteOffset: offset, as: UInt64.self)
            else { return false }
            offset += 8
        }
        while offset < name.count {
            guard stored.load(fromByteOffset: offset, as: UInt8.self) == name[offset] else { return false }
            offset += 1
        }
        return true
    }

    /// The name at `index`, as the bytes it was built from.
    ///
    /// - Parameter index: an index below ``count``.
    func name(at index: Int) -> String {
        let start = Int(starts[index])
        return String(
            decoding: UnsafeBufferPointer(start: bytes + start, count: Int(starts[index + 1]) - start), as: UTF8.self)
    }

    /// Every name, in index order.
    var names: [String] { (0..<count).map(name(at:)) }

    /// A seeded 64-bit hash of `bytes`, read eight bytes at a time (the last, short chunk padded
    /// with zeros; the length is mixed in first, so padding cannot make two names collide).
    @inline(__always)
    static func hash(_ bytes: UnsafeRawBufferPointer, seed: UInt64) -> UInt64 {
        let multiplier: UInt64 = 0x9E37_79B9_7F4A_7C15
        var hash = seed ^ (UInt64(bytes.count) &* multiplier)
        var offset = 0
        while offset + 8 <= bytes.count {
            let chunk = UInt64(littleEndian: bytes.loadUnaligned(fromByteOffset: offset, as: UInt64.self))
            hash = (hash ^ chunk) &* multiplier
            hash ^= hash >> 29
            offset += 8
        }
        if offset < bytes.count {
            let chunk = prefix(UnsafeRawBufferPointer(rebasing: bytes[offset...]))
            hash = (hash ^ chunk) &* multiplier
            hash ^= hash >> 29
        }
        // Final avalanche (the 64-bit finalizer constants of MurmurHash3, a published fact).
        hash ^= hash >> 33
        hash &*= 0xFF51_AFD7_ED55_8CCD
        hash ^= hash >> 33
        hash &*= 0xC4CE_B9FE_1A85_EC53
        hash ^= hash >> 33
        return hash
    }
}
