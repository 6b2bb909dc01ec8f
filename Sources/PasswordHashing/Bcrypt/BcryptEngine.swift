/// The bcrypt key derivation: EksBlowfish setup followed by 64 encryptions of "OrpheanBeholderScryDoubt".
///
/// Follows Provos and Mazières, "A Future-Adaptable Password Scheme" (USENIX 1999), as OpenBSD's
/// `bcrypt.c` implements it for `$2b$`. The result depends only on the password, salt and cost; the
/// variant letter is not an input (see ``BcryptVariant``).
///
/// ```swift
/// let salt = SecureRandom.bytes(count: BcryptEngine.saltByteCount)
/// let raw = try BcryptEngine.checksum(password: Array("hunter2".utf8), salt: salt, cost: 12)
/// ```
package enum BcryptEngine {
    /// The only salt length bcrypt defines, in bytes.
    package static let saltByteCount = 16
    /// The length of the encoded checksum, in bytes: 24 bytes of ciphertext with the last one dropped,
    /// as every bcrypt implementation has done since OpenBSD's first.
    package static let checksumByteCount = 23
    /// The longest key bcrypt reads, in bytes. Longer passwords are truncated to this many bytes.
    package static let maxKeyByteCount = 72
    /// The costs (base-2 logarithms of the key-schedule rounds) bcrypt defines.
    package static let costRange = 4...31

    /// Raw 23-byte bcrypt output for a password, a 16-byte salt and a cost.
    ///
    /// The key is the password bytes followed by a NUL terminator, read cyclically and cut at 72 bytes:
    /// a password of 72 bytes or more contributes exactly its first 72 bytes and no terminator. This is
    /// OpenBSD's `$2b$` rule (the key length is capped at 72 before it can wrap around an 8-bit
    /// counter, the `$2a$` flaw) and what every current implementation computes for `$2a$`, `$2b$` and
    /// `$2y$` alike. Whether a longer password is acceptable for a *new* hash is the caller's policy.
    ///
    /// - Throws: ``PasswordHashingError/parameterOutOfRange`` when `cost` is outside 4...31 or the salt
    ///   is not 16 bytes.
    package static func checksum(
        password: [UInt8], salt: [UInt8], cost: Int
    ) throws(PasswordHashingError) -> [UInt8] {
        guard costRange.contains(cost) else {
            throw PasswordHashingError(.parameterOutOfRange, "bcrypt cost must be 4...31, got \(cost)")
        }
        guard salt.count == saltByteCount else {
            throw PasswordHashingError(.parameterOutOfRange, "bcrypt salt must be 16 bytes, got \(salt.count)")
        }

        // One allocation: the cipher state (P then S0...S3), the 18 key words, the 4 salt words.
        let buffer = UnsafeMutablePointer<UInt32>.allocate(capacity: Layout.total)
        defer {
            // The state is derived from the password; do not leave it in freed memory.
            buffer.update(repeating: 0, count: Layout.total)
            buffer.deallocate()
        }
        blowfishInitialState.withUnsafeBufferPointer { initial in
            buffer.initialize(from: initial.baseAddress!, count: Layout.stateWords)
        }
        let keyWords = buffer + Layout.keyOffset
        let saltWords = buffer + Layout.saltOffset
        loadKey(password, into: keyWords)
        loadSalt(salt, into: saltWords)

        eksSetup(state: buffer, key: keyWords, salt: saltWords, rounds: UInt64(1) << UInt64(cost))
        return encryptMagic(state: buffer)
    }

    /// Word offsets within the single working allocation.
    private enum Layout {
        static let pWords = 18
        static let stateWords = pWords + 4 * 256
        static let keyOffset = stateWords
        static let saltOffset = keyOffset + pWords
        static let total = saltOffset + 4
    }

    /// Writes the 72-byte cyclic key stream (password, NUL, password, NUL, ...) as 18 big-endian words.
    private static func loadKey(_ password: [UInt8], into words: UnsafeMutablePointer<UInt32>) {
        // Cycle over the password plus its terminator; only the first 72 stream bytes are ever read.
        let cycle = min(password.count, maxKeyByteCount) + 1
        var position = 0
        for index in 0..<Layout.pWords {
            var word: UInt32 = 0
            for _ in 0..<4 {
                let byte: UInt8 = position < password.count ? password[position] : 0
                word = word << 8 | UInt32(byte)
                position += 1
                if position == cycle { position = 0 }
            }
            words[index] = word
        }
    }

    /// Writes the 16 salt bytes as four big-endian words.
    private static func loadSalt(_ salt: [UInt8], into words: UnsafeMutablePointer<UInt32>) {
        for index in 0..<4 {
            words[index] =
                UInt32(salt[4 * index]) << 24 | UInt32(salt[4 * index + 1]) << 16
                | UInt32(salt[4 * index + 2]) << 8 | UInt32(salt[4 * index + 3])
        }
    }

    /// EksBlowfishSetup: one salted key expansion, then `rounds` alternating expansions by key and salt.
    private static func eksSetup(
        state: UnsafeMutablePointer<UInt32>,
        key: UnsafeMutablePointer<UInt32>,
        salt: UnsafeMutablePointer<UInt32>,
        rounds: UInt64
    ) {
        xorIntoP(state, key, period: Layout.pWords)
        refillSalted(state, salt: salt)
        var remaining = rounds
        while remaining > 0 {
            xorIntoP(state, key, period: Layout.pWords)
            refill(state)
            // The 16-byte salt used as a key repeats every four words.
            xorIntoP(state, salt, period: 4)
            refill(state)
            remaining -= 1
        }
    }

    /// XORs the cyclic key stream `words` (of `period` words) into the P-array.
    @inline(__always)
    private static func xorIntoP(
        _ state: UnsafeMutablePointer<UInt32>, _ words: UnsafeMutablePointer<UInt32>, period: Int
    ) {
        for index in 0..<Layout.pWords { state[index] ^= words[index % period] }
    }

    /// Replaces P and every S-box with a chain of encryptions starting from a zero block.
    ///
    /// P and the S-boxes are contiguous, so one loop overwrites them in the order Blowfish's key
    /// schedule requires.
    private static func refill(_ state: UnsafeMutablePointer<UInt32>) {
        var left: UInt32 = 0
        var right: UInt32 = 0
        var index = 0
        while index < Layout.stateWords {
            encrypt(&left, &right, state)
            state[index] = left
            state[index + 1] = right
            index += 2
        }
    }

    /// ``refill(_:)`` with the salt stream XORed into each block before it is encrypted.
    private static func refillSalted(_ state: UnsafeMutablePointer<UInt32>, salt: UnsafeMutablePointer<UInt32>) {
        var left: UInt32 = 0
        var right: UInt32 = 0
        var index = 0
        while index < Layout.stateWords {
            left ^= salt[index & 3]
            right ^= salt[(index + 1) & 3]
            encrypt(&left, &right, state)
            state[index] = left
            state[index + 1] = right
            index += 2
        }
    }

    /// Encrypts "OrpheanBeholderScryDoubt" 64 times in ECB mode and returns its first 23 bytes.
    private static func encryptMagic(state: UnsafeMutablePointer<UInt32>) -> [UInt8] {
        let magic: [UInt32] = [0x4F72_7068, 0x6561_6E42, 0x6568_6F6C, 0x6465_7253, 0x6372_7944, 0x6F75_6274]
        var output = [UInt8]()
        output.reserveCapacity(24)
        for block in 0..<3 {
            var left = magic[2 * block]
            var right = magic[2 * block + 1]
            for _ in 0..<64 { encrypt(&left, &right, state) }
            for word in [left, right] {
                output.append(UInt8(truncatingIfNeeded: word >> 24))
                output.append(UInt8(truncatingIfNeeded: word >> 16))
                output.append(UInt8(truncatingIfNeeded: word >> 8))
                output.append(UInt8(truncatingIfNeeded: word))
            }
        }
        output.removeLast()
        return output
    }

    /// Blowfish's F function: four S-box lookups, one per byte of `x`.
    @inline(__always)
    private static func feistel(_ x: UInt32, _ state: UnsafeMutablePointer<UInt32>) -> UInt32 {
        // S-box k starts at word 18 + 256 k.
        let a = state[18 + Int(x >> 24)]
        let b = state[274 + Int((x >> 16) & 0xFF)]
        let c = state[530 + Int((x >> 8) & 0xFF)]
        let d = state[786 + Int(x & 0xFF)]
        return ((a &+ b) ^ c) &+ d
    }

    /// Encrypts one 64-bit block in place with the current P-array and S-boxes (16 rounds, unrolled).
    @inline(__always)
    private static func encrypt(_ left: inout UInt32, _ right: inout UInt32, _ state: UnsafeMutablePointer<UInt32>) {
        var l = left ^ state[0]
        var r = right
        r ^= feistel(l, state) ^ state[1]
        l ^= feistel(r, state) ^ state[2]
        r ^= feistel(l, state) ^ state[3]
        l ^= feistel(r, state) ^ state[4]
        r ^= feistel(l, state) ^ state[5]
        l ^= feistel(r, state) ^ state[6]
        r ^= feistel(l, state) ^ state[7]
        l ^= feistel(r, state) ^ state[8]
        r ^= feistel(l, state) ^ state[9]
        l ^= feistel(r, state) ^ state[10]
        r ^= feistel(l, state) ^ state[11]
        l ^= feistel(r, state) ^ state[12]
        r ^= feistel(l, state) ^ state[13]
        l ^= feistel(r, state) ^ state[14]
        r ^= feistel(l, state) ^ state[15]
        l ^= feistel(r, state) ^ state[16]
        // The final swap is folded into the assignment.
        left = r ^ state[17]
        right = l
    }
}
