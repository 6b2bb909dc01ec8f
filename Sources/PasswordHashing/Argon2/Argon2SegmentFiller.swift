import CRMAuthIntrinsics

/// Fills segments of the Argon2 memory matrix (RFC 9106 §3.2 steps 5-6, §3.4).
///
/// Holds raw pointers into an ``Argon2Workspace``; it lives only for the duration of one hash.
struct Argon2SegmentFiller {
    /// Scratch blocks: [0] compression temporary, [1] address block, [2] address input, [3] zeros.
    let scratch: UnsafeMutablePointer<UInt64>
    /// Block (lane, column) starts at word (lane * laneLength + column) * 128.
    let memory: UnsafeMutablePointer<UInt64>
    let lanes: Int
    let laneLength: Int
    let segmentLength: Int
    let passes: Int
    let variant: Argon2Variant
    /// Version 0x13 XORs new blocks into the old ones on passes after the first; 0x10 overwrites them.
    let xorsOnLaterPasses: Bool

    private static let words = Argon2Workspace.wordsPerBlock

    private var temporary: UnsafeMutablePointer<UInt64> { scratch }
    private var addresses: UnsafeMutablePointer<UInt64> { scratch + Self.words }
    private var addressInput: UnsafeMutablePointer<UInt64> { scratch + 2 * Self.words }
    private var zeros: UnsafeMutablePointer<UInt64> { scratch + 3 * Self.words }

    /// Computes every block of segment `slice` of `lane` in pass `pass`.
    func fillSegment(pass: Int, slice: Int, lane: Int) {
        let words = Self.words
        // Argon2i always, Argon2id in the first half of the first pass, derive reference indices from
        // a counter instead of memory contents (RFC 9106 §3.4.1.2, §3.4.1.3).
        let independent = variant == .argon2i || (variant == .argon2id && pass == 0 && slice < 2)
        if independent {
            zeros.initialize(repeating: 0, count: words)
            addressInput.initialize(repeating: 0, count: words)
            addressInput[0] = UInt64(pass)
            addressInput[1] = UInt64(lane)
            addressInput[2] = UInt64(slice)
            addressInput[3] = UInt64(lanes * laneLength)
            addressInput[4] = UInt64(passes)
            addressInput[5] = UInt64(variant.typeNumber)
        }
        var start = 0
        if pass == 0 && slice == 0 {
            // The first two blocks of each lane come from H' (RFC 9106 §3.2 steps 3-4).
            start = 2
            if independent { nextAddresses() }
        }
        let laneStart = lane * laneLength
        var current = laneStart + slice * segmentLength + start
        var previous = current == laneStart ? laneStart + laneLength - 1 : current - 1
        let xorsOld = xorsOnLaterPasses && pass > 0
        for index in start..<segmentLength {
            let pseudoRandom: UInt64
            if independent {
                if index % words == 0 { nextAddresses() }
                pseudoRandom = addresses[index % words]
            } else {
                pseudoRandom = memory[previous * words]
            }
            let reference = referenceBlock(
                pass: pass, slice: slice, lane: lane, index: index, pseudoRandom: pseudoRandom)
            let output = memory + current * words
            Argon2Compression.compress(
                memory + previous * words, memory + reference * words, into: output,
                xorsExisting: xorsOld, temporary: temporary
            ) {
                // Prefetch the next block's reference block while this block's other seven columns are
                // computed: it is a random block of the matrix, usually not in cache, and waiting for
                // it otherwise costs about a fifth of the running time at 19 MiB.
                let next = index + 1
                guard next < segmentLength else { return }
                let nextPseudoRandom: UInt64
                if independent {
                    guard next % words != 0 else { return }
                    nextPseudoRandom = addresses[next % words]
                } else {
                    nextPseudoRandom = output[0]
                }
                let nextReference =
                    memory + words
                    * referenceBlock(
                        pass: pass, slice: slice, lane: lane, index: next, pseudoRandom: nextPseudoRandom
                    )
                for line in 0..<16 { prefetch(nextReference + 8 * line) }
            }
            previous = current
            current += 1
        }
    }

    /// The matrix index of the block that block `index` of the segment references (RFC 9106 §3.4.1, §3.4.2).
    @inline(__always)
    private func referenceBlock(pass: Int, slice: Int, lane: Int, index: Int, pseudoRandom: UInt64) -> Int {
        // J2 picks the lane, except in the first slice of the first pass, which stays in its own lane.
        let referenceLane: Int
        if (pass == 0 && slice == 0) || lanes == 1 {
            referenceLane = lane
        } else {
            referenceLane = Int((pseudoRandom >> 32) % UInt64(lanes))
        }
        let column = referenceColumn(
            pass: pass, slice: slice, index: index, j1: pseudoRandom & 0xFFFF_FFFF, sameLane: referenceLane == lane
        )
        return referenceLane * laneLength + column
    }

    /// Maps J1 onto the blocks a new block may reference (RFC 9106 §3.4.2).
    @inline(__always)
    private func referenceColumn(pass: Int, slice: Int, index: Int, j1: UInt64, sameLane: Bool) -> Int {
        // W: every block already finished in this lane (same lane: except the previous one) or in
        // finished segments of the other lane (minus one if this is the segment's first block).
        let areaSize: Int
        if pass == 0 {
            if sameLane {
                areaSize = slice * segmentLength + index - 1
            } else {
                areaSize = slice * segmentLength - (index == 0 ? 1 : 0)
            }
        } else {
            if sameLane {
                areaSize = laneLength - segmentLength + index - 1
            } else {
                areaSize = laneLength - segmentLength - (index == 0 ? 1 : 0)
            }
        }
        // x = J1^2 / 2^32; y = (|W| * x) / 2^32; zz = |W| - 1 - y: biased towards recent blocks.
        let x = (j1 &* j1) >> 32
        let y = (UInt64(areaSize) &* x) >> 32
        let relative = areaSize - 1 - Int(y)
        let startColumn = pass == 0 || slice == 3 ? 0 : (slice + 1) * segmentLength
        // Both terms are below laneLength, so one conditional subtraction is the modulo.
        let column = startColumn + relative
        return column >= laneLength ? column - laneLength : column
    }

    /// Produces the next 128 pseudo-random values: G(ZERO, G(ZERO, input)) with input's counter
    /// incremented first (RFC 9106 §3.4.1.2).
    private func nextAddresses() {
        addressInput[6] &+= 1
        Argon2Compression.compress(zeros, addressInput, into: addresses, xorsExisting: false, temporary: temporary)
        Argon2Compression.compress(zeros, addresses, into: addresses, xorsExisting: false, temporary: temporary)
    }
}

/// Asks the CPU to start loading the cache line at `address`; never faults, never blocks.
@inline(__always)
private func prefetch(_ address: UnsafePointer<UInt64>) {
    crmauth_prefetch_read(UnsafeRawPointer(address))
}
