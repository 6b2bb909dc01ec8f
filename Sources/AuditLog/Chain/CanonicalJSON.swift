import AuthCore

/// Writes the JSON subset of the canonical encoding (Documentation/AuditLog.md, "Canonical encoding"):
/// objects with keys in byte order, no whitespace, integers in plain decimal, strings as UTF-8 with
/// only `"`, `\` and control characters escaped (RFC 8785 §3.2.2.2). The caller writes keys in order.
///
/// The bytes go to one buffer this value owns, written through a pointer after one capacity check
/// per value (`Array.append` checks uniqueness and capacity for every byte); ``reset()`` keeps the
/// buffer, so a loop encodes every record without allocating.
struct CanonicalJSON: ~Copyable {
    private var base: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    private var count = 0
    private var needsComma = false

    init(capacity: Int = 512) {
        self.capacity = max(capacity, 16)
        base = .allocate(capacity: self.capacity)
    }

    deinit { base.deallocate() }

    /// A copy of the bytes written.
    var bytes: [UInt8] { Array(UnsafeBufferPointer(start: base, count: count)) }

    /// Calls `body` with the bytes written, without copying them.
    func withBytes<Result>(_ body: (UnsafeBufferPointer<UInt8>) throws -> Result) rethrows -> Result {
        try body(UnsafeBufferPointer(start: base, count: count))
    }

    /// The SHA-256 of the bytes written.
    func hash() -> AuditHash {
        AuditHash(unchecked: HashFunction.sha256.digest(UnsafeRawBufferPointer(start: base, count: count)))
    }

    /// Whether the SHA-256 of the bytes written is `hash`, without allocating the digest.
    func hashes(to hash: AuditHash) -> Bool {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 32) { digest in
            HashFunction.sha256.digest(
                UnsafeRawBufferPointer(start: base, count: count), into: UnsafeMutableRawBufferPointer(digest))
            return hash.bytes.elementsEqual(digest)
        }
    }

    /// Empties the buffer, keeping its capacity, to encode the next value without allocating.
    mutating func reset() {
        count = 0
        needsComma = false
    }

    mutating func beginObject() {
        reserve(2)
        separate()
        put(UInt8(ascii: "{"))
        needsComma = false
    }

    mutating func endObject() {
        reserve(1)
        put(UInt8(ascii: "}"))
        needsComma = true
    }

    mutating func key(_ key: StaticString) {
        reserve(key.utf8CodeUnitCount + 4)
        separate()
        put(UInt8(ascii: "\""))
        (base + count).update(from: key.utf8Start, count: key.utf8CodeUnitCount)
        count += key.utf8CodeUnitCount
        put(UInt8(ascii: "\""))
        put(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func key(_ key: String) {
        reserve(1)
        separate()
        appendString(key)
        reserve(1)
        put(UInt8(ascii: ":"))
        needsComma = false
    }

    mutating func string(_ value: String) {
        reserve(1)
        separate()
        appendString(value)
        needsComma = true
    }

    mutating func hex(_ value: [UInt8]) {
        reserve(value.count * 2 + 3)
        separate()
        put(UInt8(ascii: "\""))
        Self.hexDigits.withUnsafeBufferPointer { digits in
            for byte in value {
                put(digits[Int(byte >> 4)])
                put(digits[Int(byte & 0x0f)])
            }
        }
        put(UInt8(ascii: "\""))
        needsComma = true
    }

    mutating func integer(_ value: Int64) {
        reserve(22)
        separate()
        if value < 0 { put(UInt8(ascii: "-")) }
        appendDigits(value.magnitude)
        needsComma = true
    }

    mutating func integer(_ value: UInt64) {
        reserve(21)
        separate()
        appendDigits(value)
        needsComma = true
    }

    /// Makes room for `extra` more bytes.
    @inline(__always)
    private mutating func reserve(_ extra: Int) {
        if count + extra > capacity { grow(to: count + extra) }
    }

    private mutating func grow(to needed: Int) {
        let newCapacity = max(needed, capacity * 2)
        let newBase = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        newBase.initialize(from: base, count: count)
        base.deallocate()
        base = newBase
        capacity = newCapacity
    }

    /// Writes one byte; the caller reserved room for it.
    @inline(__always)
    private mutating func put(_ byte: UInt8) {
        base[count] = byte
        count += 1
    }

    /// Writes a comma if a value came before; the caller reserved a byte for it.
    @inline(__always)
    private mutating func separate() {
        if needsComma { put(UInt8(ascii: ",")) }
    }

    /// Writes the digits of `value` (at most 20; the caller reserved them) without a temporary.
    private mutating func appendDigits(_ value: UInt64) {
        var digits = 1
        var rest = value
        while rest >= 10 {
            rest /= 10
            digits += 1
        }
        rest = value
        var index = count + digits
        repeat {
            index -= 1
            base[index] = UInt8(ascii: "0") + UInt8(truncatingIfNeeded: rest % 10)
            rest /= 10
        } while rest > 0
        count += digits
    }

    /// Writes `value` quoted, copying runs of bytes that need no escape in one copy each.
    private mutating func appendString(_ value: String) {
        var value = value
        value.withUTF8 { utf8 in
            // An escape is at most six bytes (`\u00XX`) for one byte of text.
            reserve(utf8.count * 6 + 2)
            put(UInt8(ascii: "\""))
            var start = 0
            for index in 0..<utf8.count {
                let byte = utf8[index]
                guard byte < 0x20 || byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") else { continue }
                copy(utf8, from: start, to: index)
                appendEscape(byte)
                start = index + 1
            }
            copy(utf8, from: start, to: utf8.count)
            put(UInt8(ascii: "\""))
        }
    }

    @inline(__always)
    private mutating func copy(_ utf8: UnsafeBufferPointer<UInt8>, from start: Int, to end: Int) {
        guard end > start, let source = utf8.baseAddress else { return }
        (base + count).update(from: source + start, count: end - start)
        count += end - start
    }

    /// Writes the escape of `byte`; the caller reserved six bytes for it.
    private mutating func appendEscape(_ byte: UInt8) {
        put(UInt8(ascii: "\\"))
        switch byte {
        case UInt8(ascii: "\""), UInt8(ascii: "\\"): put(byte)
        case 0x08: put(UInt8(ascii: "b"))
        case 0x09: put(UInt8(ascii: "t"))
        case 0x0a: put(UInt8(ascii: "n"))
        case 0x0c: put(UInt8(ascii: "f"))
        case 0x0d: put(UInt8(ascii: "r"))
        default:
            put(UInt8(ascii: "u"))
            put(UInt8(ascii: "0"))
            put(UInt8(ascii: "0"))
            put(Self.hexDigits[Int(byte >> 4)])
            put(Self.hexDigits[Int(byte & 0x0f)])
        }
    }

    static let hexDigits: [UInt8] = Array("0123456789abcdef".utf8)
}
