public import AuthCore
import Dispatch

import class Foundation.ProcessInfo

/// Checks a chain of records and its checkpoints, and reports every problem with its sequence number.
///
/// The rules are those of Documentation/AuditLog.md, "Verification", which an independent verifier
/// follows too (Scripts/audit_verify.py does). What cannot be detected: records removed from the end
/// after the last checkpoint (nothing follows them to break), and a chain rewritten after the last
/// checkpoint by someone with write access. Checkpoints made every N records and on demand close
/// both: a checkpoint past the last record is ``AuditProblem/Kind/checkpointRecordMissing``.
///
/// ```swift
/// let report = AuditVerifier(publicKeys: [publicKey]).verify(records: records, checkpoints: checkpoints)
/// for problem in report.problems { print(problem) }   // sequence 17: link_broken
/// ```
public struct AuditVerifier: Sendable {
    /// The trusted public keys by id; `nil` when signatures are not checked.
    public let publicKeys: [String: Ed25519PublicKey]?

    /// A verifier that checks checkpoint signatures with `publicKeys`.
    ///
    /// - Parameter publicKeys: the trusted keys; a checkpoint under any other id is a problem.
    public init(publicKeys: [Ed25519PublicKey]) {
        self.publicKeys = Dictionary(publicKeys.map { ($0.id, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// A verifier without keys: it checks hashes, links and that checkpoints match their records, but
    /// not who signed them, so it cannot tell a chain rewritten by someone with write access.
    public static let withoutSignatures = AuditVerifier(keys: nil)

    private init(keys: [String: Ed25519PublicKey]?) { publicKeys = keys }

    /// Verifies `records` and `checkpoints`.
    ///
    /// - Parameters:
    ///   - records: the records, in the order read (a store's or an export's order).
    ///   - checkpoints: the checkpoints, in the order read.
    ///   - anchor: the trusted head just before the first record, when verifying a range whose
    ///     predecessor the caller read itself; `nil` to anchor at the chain's start or a checkpoint.
    /// - Returns: every problem found and how far checkpoints pin the chain.
    public func verify(
        records: [AuditRecord], checkpoints: [AuditCheckpoint], anchor: AuditChainHead? = nil
    ) -> AuditVerificationReport {
        var problems: [AuditProblem] = []
        var sound: [AuditCheckpoint] = []
        var checkpointProblems: [AuditProblem] = []
        for checkpoint in checkpoints {
            if let publicKeys {
                guard let key = publicKeys[checkpoint.keyID] else {
                    checkpointProblems.append(AuditProblem(.checkpointKeyUnknown, at: checkpoint.sequence))
                    continue
                }
                guard checkpoint.isSigned(by: key) else {
                    checkpointProblems.append(AuditProblem(.checkpointSignatureInvalid, at: checkpoint.sequence))
                    continue
                }
            }
            sound.append(checkpoint)
        }

        var last: AuditChainHead? = anchor
        if last == nil, let first = records.first {
            if first.sequence == 1 {
                last = .empty
            } else if first.sequence > 1, let pin = sound.first(where: { $0.sequence == first.sequence - 1 }) {
                last = pin.head
            } else {
                problems.append(AuditProblem(.startUnanchored, at: first.sequence))
            }
        }
        // Hashes are kept only where a sound checkpoint or the anchor needs them; every sequence
        // number is remembered, to tell an inserted record from a reordered one.
        let pinned = Set(sound.map(\.sequence))
        var hashes: [UInt64: AuditHash] = [:]
        var seen = Set<UInt64>(minimumCapacity: records.count)
        var highest = anchor?.sequence ?? 0
        let altered = Self.alteredRecords(records)
        for (index, record) in records.enumerated() {
            if altered[index] {
                problems.append(AuditProblem(.recordAltered, at: record.sequence))
            }
            if let previous = last {
                if record.sequence <= previous.sequence {
                    let repeated = seen.contains(record.sequence) || record.sequence == anchor?.sequence
                    problems.append(
                        AuditProblem(repeated ? .recordDuplicated : .recordOutOfOrder, at: record.sequence))
                    if seen.insert(record.sequence).inserted, pinned.contains(record.sequence) {
                        hashes[record.sequence] = record.hash
                    }
                    continue
                }
                if record.sequence > previous.sequence + 1 {
                    problems.append(AuditProblem(.recordsMissing, at: record.sequence))
                } else if record.previousHash != previous.hash {
                    problems.append(AuditProblem(.linkBroken, at: record.sequence))
                }
            }
            last = record.head
            seen.insert(record.sequence)
            if pinned.contains(record.sequence) { hashes[record.sequence] = record.hash }
            highest = max(highest, record.sequence)
        }

        var pinnedThrough: UInt64?
        for checkpoint in sound {
            if let hash = hashes[checkpoint.sequence] {
                if hash != checkpoint.recordHash {
                    checkpointProblems.append(AuditProblem(.checkpointHashMismatch, at: checkpoint.sequence))
                } else {
                    pinnedThrough = max(pinnedThrough ?? 0, checkpoint.sequence)
                }
            } else if let anchor, checkpoint.sequence == anchor.sequence {
                if anchor.hash != checkpoint.recordHash {
                    checkpointProblems.append(AuditProblem(.checkpointHashMismatch, at: checkpoint.sequence))
                }
            } else if let first = records.first?.sequence, checkpoint.sequence < first {
                continue  // pins a record before the range (pruned, or not asked for)
            } else {
                checkpointProblems.append(AuditProblem(.checkpointRecordMissing, at: checkpoint.sequence))
            }
        }
        let tailStart = pinnedThrough ?? (records.first.map { max($0.sequence, 1) - 1 } ?? highest)
        return AuditVerificationReport(
            problems: problems + checkpointProblems, recordCount: records.count, checkpointCount: checkpoints.count,
            signaturesChecked: publicKeys != nil, lastPinnedSequence: pinnedThrough,
            unpinnedTail: highest > tailStart ? highest - tailStart : 0)
    }

    /// Records per chunk below which encoding and hashing stay on the calling thread.
    static let minimumChunk = 4096

    /// Whether each record's stored hash differs from the hash of its canonical encoding.
    ///
    /// Each record's check depends on that record alone, so contiguous chunks are checked on all
    /// available cores, each with its own encoder, each writing only its own slots of the result;
    /// the caller then walks the links in order. The result is the same as checking one by one.
    static func alteredRecords(_ records: [AuditRecord]) -> [Bool] {
        let cores = max(1, ProcessInfo.processInfo.activeProcessorCount)
        let chunks = max(1, min(cores, records.count / minimumChunk))
        let chunkSize = (records.count + chunks - 1) / max(chunks, 1)
        return [Bool](unsafeUninitializedCapacity: records.count) { altered, initialized in
            // Each chunk writes only its own slots of `output` and reads only its records, and
            // `concurrentPerform` returns after every chunk has: the buffers are shared safely.
            nonisolated(unsafe) let output = altered
            records.withUnsafeBufferPointer { records in
                nonisolated(unsafe) let records = records
                let check: @Sendable (Int) -> Void = { chunk in
                    var encoder = CanonicalJSON()
                    let end = min(records.count, (chunk + 1) * chunkSize)
                    var index = chunk * chunkSize
                    while index < end {
                        let record = records[index]
                        encoder.reset()
                        AuditRecord.write(
                            sequence: record.sequence, event: record.event, previousHash: record.previousHash,
                            to: &encoder)
                        (output.baseAddress! + index).initialize(to: !encoder.hashes(to: record.hash))
                        index += 1
                    }
                }
                if chunks == 1 {
                    check(0)
                } else {
                    DispatchQueue.concurrentPerform(iterations: chunks, execute: check)
                }
            }
            initialized = records.count
        }
    }
}
