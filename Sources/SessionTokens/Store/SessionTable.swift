import AuthCore
import CRMAuthIntrinsics

import struct Foundation.Date

/// The digest-to-session map inside ``InMemorySessionStore``, laid out so that a lookup among a
/// million sessions waits on memory about once.
///
/// A Swift `Dictionary` keeps occupancy bits, keys and values in three separate arrays, so a lookup
/// that misses the CPU caches pays three misses (plus one per heap-allocated field it copies). This
/// table is open-addressed with linear probing and keeps:
/// - `tags`: one byte per slot, `0` for empty, else `0x80` and 7 bits of the digest's hash. A
///   million sessions need 2 MiB of tags, which stay in the last-level cache, and the probe scans
///   them without touching a slot whose tag differs.
/// - `slots`: the digest and its session side by side, so the one slot a lookup reads brings both
///   into the cache together.
///
/// Deletion shifts later entries of the probe run back (no tombstones), so probe runs never grow
/// from churn. The table doubles when 7/8 full.
///
/// The hash mixes the digest with a random per-table seed. Stored digests are of random tokens, but
/// the store contract accepts any digest, and a lookup digest comes from client-chosen text: the seed
/// keeps anyone from aiming digests at one probe run.
struct SessionTable {
    private struct Slot {
        var digest: TokenDigest
        var session: Session
    }

    /// What an empty slot holds (its tag says it is empty): small strings (the shortest valid user id),
    /// no heap storage.
    private static let vacant = Slot(
        digest: TokenDigest(words: (0, 0, 0, 0)),
        session: Session(
            id: SessionID(rawValue: ""), userID: "-", createdAt: Date(timeIntervalSince1970: 0),
            lastSeenAt: Date(timeIntervalSince1970: 0),
            idleTimeout: 0, absoluteTimeout: 0, authenticationLevel: .password, securityStamp: ""))

    private var tags: [UInt8] = []
    private var slots: [Slot] = []
    // Not a secret worth the secure source: only unpredictable per process and table.
    private let seed = UInt64.random(in: .min ... .max)

    /// The number of sessions stored.
    private(set) var count = 0

    /// The session stored under `digest`, or `nil`.
    subscript(digest: TokenDigest) -> Session? {
        guard let position = position(of: digest) else { return nil }
        return slots[position].session
    }

    /// Whether a session is stored under `digest`.
    func contains(_ digest: TokenDigest) -> Bool { position(of: digest) != nil }

    /// Stores `session` under `digest`; the caller has checked that `digest` is not stored yet.
    mutating func insert(_ session: Session, digest: TokenDigest) {
        if (count + 1) * 8 > tags.count * 7 { grow() }
        place(Slot(digest: digest, session: session))
        count += 1
    }

    /// Changes the session stored under `digest` in place; `false` if there is none.
    mutating func update(_ digest: TokenDigest, _ change: (inout Session) -> Void) -> Bool {
        guard let position = position(of: digest) else { return false }
        change(&slots[position].session)
        return true
    }

    /// Removes and returns the session stored under `digest`, or `nil`.
    @discardableResult
    mutating func remove(_ digest: TokenDigest) -> Session? {
        guard var hole = position(of: digest) else { return nil }
        let removed = slots[hole].session
        // Backward-shift deletion: walk the rest of the probe run and move back every entry whose
        // home position does not lie after the hole, so each entry stays reachable from its home.
        var next = successor(of: hole)
        while tags[next] != 0 {
            let home = self.home(of: slots[next].digest)
            if distance(from: home, to: next) >= distance(from: hole, to: next) {
                tags[hole] = tags[next]
                slots[hole] = slots[next]
                hole = next
            }
            next = successor(of: next)
        }
        tags[hole] = 0
        slots[hole] = Self.vacant
        count -= 1
        return removed
    }

    /// Every stored session, in no particular order.
    var sessions: [Session] { tags.indices.compactMap { tags[$0] == 0 ? nil : slots[$0].session } }

    // MARK: Probing

    /// The mixed hash of `digest`: the top bits choose the home slot, bits 32-38 the tag.
    private func hash(of digest: TokenDigest) -> UInt64 {
        (digest.leadingWord ^ seed) &* 0x9E37_79B9_7F4A_7C15
    }

    private func home(of digest: TokenDigest) -> Int {
        home(hash: hash(of: digest))
    }

    private func home(hash: UInt64) -> Int {
        Int(truncatingIfNeeded: hash.multipliedFullWidth(by: UInt64(tags.count)).high)
    }

    private static func tag(hash: UInt64) -> UInt8 {
        0x80 | UInt8(truncatingIfNeeded: hash >> 32) & 0x7F
    }

    private func successor(of position: Int) -> Int {
        position + 1 == tags.count ? 0 : position + 1
    }

    /// How many steps the probe takes from `start` to reach `end`, wrapping around.
    private func distance(from start: Int, to end: Int) -> Int {
        end >= start ? end - start : end + tags.count - start
    }

    private func position(of digest: TokenDigest) -> Int? {
        guard !tags.isEmpty else { return nil }
        let hash = hash(of: digest)
        let tag = Self.tag(hash: hash)
        var position = home(hash: hash)
        // Start loading the home slot now, so its memory access overlaps the tag scan: most entries
        // sit at their home position.
        slots.withUnsafeBufferPointer { crmauth_prefetch_read($0.baseAddress! + position) }
        // Both buffers by pointer: an Array subscript here copied the whole slot (session included,
        // with a retain per string) just to compare its digest.
        return tags.withUnsafeBufferPointer { tags in
            slots.withUnsafeBufferPointer { slots in
                while true {
                    let found = tags[position]
                    if found == 0 { return nil }
                    if found == tag, slots[position].digest == digest { return position }
                    position = position + 1 == tags.count ? 0 : position + 1
                }
            }
        }
    }

    /// Puts `slot` at the first free position of its probe run; the table must have room.
    private mutating func place(_ slot: Slot) {
        let hash = hash(of: slot.digest)
        var position = home(hash: hash)
        while tags[position] != 0 { position = successor(of: position) }
        tags[position] = Self.tag(hash: hash)
        slots[position] = slot
    }

    private mutating func grow() {
        let capacity = Swift.max(16, tags.count * 2)
        let (oldTags, oldSlots) = (tags, slots)
        tags = Array(repeating: 0, count: capacity)
        // Allocated, advised, then written: a million sessions take ~400 MB of slots, and with 4 KiB
        // pages a cold lookup also pays a page walk (on this project's VMs, huge pages cut the cost
        // of a cold lookup over a warm one by 40-200 ns; Documentation/Performance.md).
        slots = Array(unsafeUninitializedCapacity: capacity) { buffer, initialized in
            crmauth_advise_huge_pages(buffer.baseAddress, buffer.count * MemoryLayout<Slot>.stride)
            buffer.initialize(repeating: Self.vacant)
            initialized = capacity
        }
        for position in oldTags.indices where oldTags[position] != 0 { place(oldSlots[position]) }
    }
}
