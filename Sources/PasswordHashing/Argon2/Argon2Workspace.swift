#if canImport(Glibc)
    import Glibc
#elseif canImport(Musl)
    import Musl
#elseif canImport(Darwin)
    import Darwin
#endif

/// Reusable memory for Argon2: the block matrix plus a few scratch blocks (RFC 9106 §3.4).
///
/// Faulting in fresh pages costs about 40% extra per hash at 19 MiB, so each hashing worker keeps one
/// workspace and passes it to every ``Argon2Engine/hash(password:salt:secret:associatedData:parameters:workspace:)``
/// call. The workspace grows to the largest memory size it has seen and keeps that allocation, unless
/// the size exceeds ``retentionLimitKiB``: then the memory is released right after that hash.
///
/// Not thread-safe and deliberately not `Sendable`: create one per worker thread.
///
/// ```swift
/// let workspace = Argon2Workspace()
/// let tag = try Argon2Engine.hash(password: password, salt: salt, parameters: .owasp, workspace: workspace)
/// ```
///
/// After a hash with t >= 2 the matrix holds only blocks that took the full memory-hard computation
/// to produce, so keeping them gives an attacker who can read process memory no shortcut; with t = 1
/// the first-pass blocks would allow cheap guessing, so the engine wipes the matrix in that case.
package final class Argon2Workspace {
    /// Scratch blocks placed before the matrix: the compression temporary, the address block, the
    /// address generator's input block and an all-zero block (RFC 9106 §3.4.1.2).
    static let scratchBlocks = 4
    /// 64-bit words in one 1 KiB block.
    static let wordsPerBlock = 128

    private var storage: UnsafeMutableRawPointer?
    /// Matrix blocks (each 1 KiB) the current allocation holds, not counting scratch blocks.
    package private(set) var capacityKiB = 0
    /// The largest matrix, in KiB, the workspace keeps between hashes; larger ones are freed after use.
    package var retentionLimitKiB: Int

    /// Creates an empty workspace that retains any size it has used.
    package convenience init() {
        self.init(retentionLimitKiB: .max)
    }

    /// Creates an empty workspace that keeps at most `retentionLimitKiB` KiB allocated between hashes.
    package init(retentionLimitKiB: Int) {
        self.retentionLimitKiB = retentionLimitKiB
    }

    deinit {
        free(storage)
    }

    /// Frees the memory now; the next hash allocates again.
    package func releaseMemory() {
        free(storage)
        storage = nil
        capacityKiB = 0
    }

    /// Frees the memory if it holds more than `limitKiB`.
    package func shrink(toAtMostKiB limitKiB: Int) {
        if capacityKiB > limitKiB { releaseMemory() }
    }

    /// Returns memory for `blocks` matrix blocks after the scratch blocks, growing if needed.
    ///
    /// The contents are unspecified: Argon2 writes every block before reading it.
    func prepare(blocks: Int) throws(PasswordHashingError) -> UnsafeMutablePointer<UInt64> {
        if let storage, capacityKiB >= blocks {
            return storage.assumingMemoryBound(to: UInt64.self)
        }
        releaseMemory()
        guard blocks >= 0, blocks <= Int.max - Self.scratchBlocks else {
            throw PasswordHashingError(
                .exceedsLimits, "Argon2 memory of \(blocks) KiB does not fit in the address space")
        }
        let (total, overflow) = (blocks + Self.scratchBlocks).multipliedReportingOverflow(by: 1024)
        guard !overflow else {
            throw PasswordHashingError(
                .exceedsLimits, "Argon2 memory of \(blocks) KiB does not fit in the address space")
        }
        var pointer: UnsafeMutableRawPointer?
        // 64-byte alignment keeps every block on its own cache lines.
        guard posix_memalign(&pointer, 64, total) == 0, let pointer else {
            throw PasswordHashingError(.exceedsLimits, "could not allocate \(blocks) KiB for Argon2")
        }
        storage = pointer
        capacityKiB = blocks
        return pointer.bindMemory(to: UInt64.self, capacity: total / 8)
    }

    /// Called after each hash: wipes what must not linger and applies the retention limit.
    func finish(usedBlocks: Int, wipeMatrix: Bool) {
        guard let storage else { return }
        let scratchBytes = Self.scratchBlocks * 1024
        memset(storage, 0, scratchBytes)
        if wipeMatrix { memset(storage + scratchBytes, 0, usedBlocks * 1024) }
        if capacityKiB > retentionLimitKiB { releaseMemory() }
    }
}

@available(*, unavailable, message: "Argon2Workspace is mutable scratch memory; use one per thread")
extension Argon2Workspace: Sendable {}
