/// Argon2d, Argon2i and Argon2id (RFC 9106), versions 0x13 and 0x10, in pure Swift.
///
/// Lanes are computed one after another on the calling thread; the result is identical to a parallel
/// computation because lanes only synchronise at segment boundaries (RFC 9106 §3.4).
///
/// ```swift
/// let workspace = Argon2Workspace()
/// let tag = try Argon2Engine.hash(password: password, salt: salt, parameters: .owasp, workspace: workspace)
/// ```
package enum Argon2Engine {
    /// Computes the Argon2 tag of `password` (RFC 9106 §3.2).
    ///
    /// Validates every input against RFC 9106 §3.1 first (salt 8...2^32-1 bytes, tag at least 4 bytes,
    /// p in 1...2^24-1, m at least 8p, t at least 1, version 0x10 or 0x13, password, secret and
    /// associated data at most 2^32-1 bytes) and throws ``PasswordHashingError/Code/parameterOutOfRange``
    /// with a reason naming the offending value. Memory ceilings for untrusted stored hashes are the
    /// caller's job; a size the system cannot allocate throws ``PasswordHashingError/Code/exceedsLimits``.
    ///
    /// - Parameters:
    ///   - password: The message P.
    ///   - salt: The nonce S.
    ///   - secret: The optional key K (a pepper).
    ///   - associatedData: The optional associated data X.
    ///   - parameters: Variant, version, m, t, p and tag length; ``Argon2Parameters/saltLength`` is ignored.
    ///   - workspace: Memory to reuse; `nil` allocates and frees a matrix for this call only.
    /// - Returns: The tag, ``Argon2Parameters/tagLength`` bytes.
    package static func hash(
        password: [UInt8],
        salt: [UInt8],
        secret: [UInt8] = [],
        associatedData: [UInt8] = [],
        parameters: Argon2Parameters,
        workspace: Argon2Workspace? = nil
    ) throws(PasswordHashingError) -> [UInt8] {
        try validate(
            passwordLength: password.count, saltLength: salt.count, secretLength: secret.count,
            associatedDataLength: associatedData.count, parameters: parameters
        )
        // m' = 4p * floor(m / 4p) blocks, p lanes of q = m'/p columns, 4 slices per lane (RFC 9106 §3.2).
        let lanes = Int(parameters.parallelism)
        let segmentLength = Int(parameters.memoryKiB) / (4 * lanes)
        let laneLength = 4 * segmentLength
        let blockCount = lanes * laneLength

        let workspace = workspace ?? Argon2Workspace(retentionLimitKiB: 0)
        let base = try workspace.prepare(blocks: blockCount)
        defer { workspace.finish(usedBlocks: blockCount, wipeMatrix: parameters.iterations == 1) }

        let preHash = initialHash(
            password: password, salt: salt, secret: secret, associatedData: associatedData,
            parameters: parameters
        )
        let words = Argon2Workspace.wordsPerBlock
        let filler = Argon2SegmentFiller(
            scratch: base,
            memory: base + Argon2Workspace.scratchBlocks * words,
            lanes: lanes,
            laneLength: laneLength,
            segmentLength: segmentLength,
            passes: Int(parameters.iterations),
            variant: parameters.variant,
            xorsOnLaterPasses: parameters.version == Argon2Parameters.currentVersion
        )
        // B[i][0] = H'(H0 || LE32(0) || LE32(i)), B[i][1] = H'(H0 || LE32(1) || LE32(i)).
        for lane in 0..<lanes {
            for column in 0..<2 {
                let block = filler.memory + (lane * laneLength + column) * words
                BLAKE2b.variableLength(into: UnsafeMutableRawBufferPointer(start: block, count: 1024)) {
                    $0.update(preHash)
                    $0.update(littleEndian: UInt32(column))
                    $0.update(littleEndian: UInt32(lane))
                }
                for word in 0..<words { block[word] = UInt64(littleEndian: block[word]) }
            }
        }
        for pass in 0..<filler.passes {
            for slice in 0..<4 {
                for lane in 0..<lanes {
                    filler.fillSegment(pass: pass, slice: slice, lane: lane)
                }
            }
        }
        // C = XOR of each lane's last block; Tag = H'^T(C).
        let final = filler.scratch
        final.update(from: filler.memory + (laneLength - 1) * words, count: words)
        for lane in 1..<lanes {
            let last = filler.memory + (lane * laneLength + laneLength - 1) * words
            for word in 0..<words { final[word] ^= last[word] }
        }
        for word in 0..<words { final[word] = final[word].littleEndian }
        var tag = [UInt8](repeating: 0, count: parameters.tagLength)
        tag.withUnsafeMutableBytes { output in
            BLAKE2b.variableLength(into: output) {
                $0.update(UnsafeRawBufferPointer(start: final, count: 1024))
            }
        }
        return tag
    }

    /// H0 = H^64(LE32(p) || LE32(T) || LE32(m) || LE32(t) || LE32(v) || LE32(y) || length-prefixed P,
    /// S, K, X) (RFC 9106 §3.2, step 1).
    private static func initialHash(
        password: [UInt8], salt: [UInt8], secret: [UInt8], associatedData: [UInt8],
        parameters: Argon2Parameters
    ) -> [UInt8] {
        var hasher = BLAKE2b(outputLength: 64)
        hasher.update(littleEndian: parameters.parallelism)
        hasher.update(littleEndian: UInt32(parameters.tagLength))
        hasher.update(littleEndian: parameters.memoryKiB)
        hasher.update(littleEndian: parameters.iterations)
        hasher.update(littleEndian: parameters.version)
        hasher.update(littleEndian: parameters.variant.typeNumber)
        for field in [password, salt, secret, associatedData] {
            hasher.update(littleEndian: UInt32(field.count))
            hasher.update(field)
        }
        return hasher.finalize()
    }
}
