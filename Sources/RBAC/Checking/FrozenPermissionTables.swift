/// Every ``PermissionTable`` of a snapshot, frozen for checks: each table's keys and bits in one
/// open-addressing region of two contiguous arrays shared by all tables (keys, bits), found by the
/// table's header.
///
/// A `Dictionary<UInt64, UInt8>` lookup hashes its key with SipHash through `Hasher`, which cost
/// about as much as the rest of a prepared check. Here a key (`resource << 32 | action`, never 0:
/// `*:*` is kept in the header) is hashed with one multiplication and one shift-xor, and found by
/// linear probing in the table's power-of-two region, kept at most three quarters full; 0 marks an
/// empty slot.
///
/// The hash is not keyed, and need not be: the tables hold only keys from the policy's rules
/// (written by operators) and never change after compilation. A request names one key per lookup
/// and cannot add any, so the worst a crafted request can cost is one probe sequence of an
/// already-built table.
final class FrozenPermissionTables: @unchecked Sendable {
    // @unchecked Sendable: every stored property is set once in `init` and never written again, and
    // the storage is freed only in `deinit`, when nothing else can reach it.

    /// Where one table's region is, and what it keeps outside it.
    struct Header {
        /// The first slot of the region.
        var start: Int
        /// The region's size minus one (a power of two minus one).
        var mask: Int
        /// The bits of `*:*`.
        var everything: UInt8
        /// Which wildcard keys occur (see ``PermissionTable/resourceWildcardAction``).
        var wildcards: UInt8
    }

    /// The number of tables.
    let count: Int
    private let headers: UnsafeMutablePointer<Header>
    private let keys: UnsafeMutablePointer<UInt64>
    private let values: UnsafeMutablePointer<UInt8>

    /// Freezes `tables`, keeping their order: table `i` here is `tables[i]`.
    ///
    /// - Parameter tables: the tables.
    init(_ tables: [PermissionTable]) {
        count = tables.count
        headers = .allocate(capacity: max(tables.count, 1))
        var total = 0
        for (index, table) in tables.enumerated() {
            var capacity = 1
            // At most three quarters full, as `Dictionary` keeps it (so the memory stays what the
            // dictionaries took); the capacity always exceeds the count, so a probe ends.
            while capacity * 3 < table.bits.count * 4 { capacity *= 2 }
            (headers + index).initialize(
                to: Header(start: total, mask: capacity - 1, everything: table.everything, wildcards: table.wildcards))
            total += capacity
        }
        keys = .allocate(capacity: max(total, 1))
        keys.initialize(repeating: 0, count: max(total, 1))
        values = .allocate(capacity: max(total, 1))
        values.initialize(repeating: 0, count: max(total, 1))
        for (index, table) in tables.enumerated() {
            let header = headers[index]
            for (key, bits) in table.bits {
                var slot = Self.slot(key, header.mask)
                while keys[header.start + slot] != 0 { slot = (slot + 1) & header.mask }
                keys[header.start + slot] = key
                values[header.start + slot] = bits
            }
        }
    }

    deinit {
        headers.deinitialize(count: count)
        headers.deallocate()
        keys.deallocate()
        values.deallocate()
    }

    /// The home slot of `key` in a region of `mask + 1` slots (Fibonacci hashing: one multiply by
    /// 2^64 divided by the golden ratio, the high half folded into the low).
    @inline(__always)
    private static func slot(_ key: UInt64, _ mask: Int) -> Int {
        let product = key &* 0x9E37_79B9_7F4A_7C15
        return Int(truncatingIfNeeded: product ^ (product >> 32)) & mask
    }

    /// The bits stored for `key` in the table with this header, or 0.
    @inline(__always)
    private func bits(_ key: UInt64, _ header: Header) -> UInt8 {
        var slot = Self.slot(key, header.mask)
        while true {
            // Both loads first, so that in a large snapshot the two cache misses overlap rather than
            // the value's waiting for the key's comparison.
            let stored = keys[header.start + slot]
            let value = values[header.start + slot]
            if stored == key { return value }
            if stored == 0 { return 0 }
            slot = (slot + 1) & header.mask
        }
    }

    /// The bits of every rule of table `table` covering `resource:action`; a negative id is a name
    /// no rule mentions. The same answer as ``PermissionTable/lookup(resource:action:)`` on the
    /// table frozen.
    ///
    /// - Parameters:
    ///   - table: the table's index, below ``count``.
    ///   - resource: the resource's interned id.
    ///   - action: the action's interned id.
    @inline(__always)
    func lookup(table: Int, resource: Int32, action: Int32) -> UInt8 {
        precondition(table >= 0 && table < count, "permission table index out of range")
        let header = headers[table]
        var found = header.everything
        guard resource > 0 else {
            if action > 0, header.wildcards & PermissionTable.anyResourceAction != 0 {
                found |= bits(PermissionTable.key(0, action), header)
            }
            return found
        }
        if action > 0 { found |= bits(PermissionTable.key(resource, action), header) }
        if header.wildcards & PermissionTable.resourceWildcardAction != 0 {
            found |= bits(PermissionTable.key(resource, 0), header)
        }
        if action > 0, header.wildcards & PermissionTable.anyResourceAction != 0 {
            found |= bits(PermissionTable.key(0, action), header)
        }
        return found
    }
}
