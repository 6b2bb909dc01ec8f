public import AuthCore

public import struct Foundation.Date

extension AuditTrail {
    /// Verifies records `from` through `through` (default: the whole chain as stored).
    ///
    /// The record before `from`, if still stored, anchors the range; otherwise the checkpoint at
    /// `from - 1` does (as after pruning).
    ///
    /// - Parameters:
    ///   - publicKeys: the trusted keys for checkpoint signatures.
    ///   - from: the first sequence number, at least 1.
    ///   - through: the last sequence number; `nil` for the head.
    /// - Returns: the report.
    /// - Throws: ``AuditError/storeFailure`` if the store fails.
    public func verify(
        publicKeys: [Ed25519PublicKey], from: UInt64 = 1, through: UInt64? = nil
    ) async throws(AuditError) -> AuditVerificationReport {
        do {
            let last: UInt64
            if let through { last = through } else { last = try await store.head().sequence }
            let start = max(from, 1)
            var anchor: AuditChainHead?
            if start > 1, let previous = try await store.records(from: start - 1, limit: 1).first,
                previous.sequence == start - 1
            {
                anchor = previous.head
            }
            var records: [AuditRecord] = []
            var next = start
            while next <= last {
                let page = try await store.records(from: next, limit: 10_000)
                let wanted = page.prefix { $0.sequence <= last }
                records.append(contentsOf: wanted)
                guard let end = page.last?.sequence, wanted.count == page.count, end >= next else { break }
                next = end + 1
            }
            // The checkpoint at the cut anchors a pruned chain; later ones pin the range and its tail.
            let checkpoints = try await checkpointStore.checkpoints(from: start - 1, through: last)
            return AuditVerifier(publicKeys: publicKeys).verify(
                records: records, checkpoints: checkpoints, anchor: anchor)
        } catch let error as AuditError {
            throw error
        } catch {
            throw AuditError(.storeFailure, "reading the chain", underlying: error)
        }
    }

    /// Deletes the records older than `horizon`, after signing a checkpoint at the last of them, so
    /// the records that remain verify from that checkpoint.
    ///
    /// - Parameter horizon: records whose event time is before this instant are deleted (the
    ///   oldest ones only: pruning stops at the first record at or after it).
    /// - Returns: how many records were deleted.
    /// - Throws: ``AuditError/storeFailure`` or ``AuditError/signingFailed``.
    @discardableResult
    public func prune(olderThan horizon: Date) async throws(AuditError) -> Int {
        let cutoff = AuditQuery.milliseconds(horizon)
        do {
            var cut: AuditRecord?
            var next: UInt64 = 1
            scan: while true {
                let page = try await store.records(from: next, limit: 10_000)
                guard let end = page.last?.sequence else { break }
                for record in page {
                    guard record.event.milliseconds < cutoff else { break scan }
                    cut = record
                }
                next = end + 1
            }
            guard let cut else { return 0 }
            try await saveCheckpoint(of: cut.head)
            return try await store.prune(through: cut.sequence)
        } catch let error as AuditError {
            throw error
        } catch {
            throw AuditError(.storeFailure, "pruning", underlying: error)
        }
    }
}
