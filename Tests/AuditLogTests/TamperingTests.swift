import AuditLog
import AuthCore
import Testing

/// Each kind of tampering is reported, with the sequence number where it shows.
@Suite("Verification reports every kind of tampering")
struct TamperingTests {
    let records = AuditChain.link(Sample.events(10), after: .empty)
    var checkpoints: [AuditCheckpoint] { [Sample.checkpoint(records[4]), Sample.checkpoint(records[9])] }
    let verifier = AuditVerifier(publicKeys: [Sample.key.publicKey])

    func problems(_ records: [AuditRecord], _ checkpoints: [AuditCheckpoint]? = nil) -> [AuditProblem] {
        verifier.verify(records: records, checkpoints: checkpoints ?? self.checkpoints).problems
    }

    @Test("an intact chain has no problem and is pinned to its last checkpoint")
    func intact() {
        let report = verifier.verify(records: records, checkpoints: checkpoints)
        #expect(report.isIntact)
        #expect(report.lastPinnedSequence == 10)
        #expect(report.unpinnedTail == 0)
        #expect(report.signaturesChecked)
    }

    @Test("an edited record whose hash was kept: record_altered at its sequence")
    func alteredKeepingHash() {
        var copy = records
        copy[3] = copy[3].editing(Sample.event(.roleGranted, 99))
        #expect(problems(copy) == [AuditProblem(.recordAltered, at: 4)])
    }

    @Test("a chain long enough to be checked in chunks on every core reports each edit, in order")
    func alteredAcrossChunks() {
        let long = AuditChain.link(Sample.events(20_000), after: .empty)
        var copy = long
        // Both ends, every chunk boundary for up to 8 cores (20,000 / n), and records in between.
        var edited = Set([0, 1, 4_095, 4_096, 9_999, 10_000, 19_998, 19_999])
        for cores in 2...8 { edited.formUnion([20_000 / cores - 1, 20_000 / cores, (20_000 + cores - 1) / cores]) }
        edited.formUnion(stride(from: 113, to: 20_000, by: 997))
        for index in edited { copy[index] = copy[index].editing(Sample.event(.roleGranted, 99)) }
        let expected = edited.sorted().map { AuditProblem(.recordAltered, at: UInt64($0 + 1)) }
        #expect(AuditVerifier.withoutSignatures.verify(records: copy, checkpoints: []).problems == expected)
        #expect(AuditVerifier.withoutSignatures.verify(records: long, checkpoints: []).isIntact)
    }

    @Test("an edited and rehashed record: link_broken at the next one, and the checkpoint disagrees")
    func alteredAndRehashed() {
        var copy = records
        copy[3] = AuditChain.link([Sample.event(.roleGranted, 99)], after: records[2].head)[0]
        #expect(problems(copy) == [AuditProblem(.linkBroken, at: 5)])
    }

    @Test("a chain rewritten from an edit onward: only the signed checkpoint shows it")
    func rewritten() {
        let rewritten =
            Array(records.prefix(3))
            + AuditChain.link([Sample.event(.roleGranted, 99)] + Sample.events(10).suffix(6), after: records[2].head)
        #expect(
            problems(rewritten) == [
                AuditProblem(.checkpointHashMismatch, at: 5), AuditProblem(.checkpointHashMismatch, at: 10),
            ])
        #expect(
            AuditVerifier.withoutSignatures.verify(records: rewritten, checkpoints: []).isIntact,
            "undetectable without checkpoints")
    }

    @Test("deleted records: records_missing at the record after the gap")
    func deleted() {
        var copy = records
        copy.removeSubrange(5...6)
        #expect(problems(copy) == [AuditProblem(.recordsMissing, at: 8)])
    }

    @Test("a deleted first record: the start is unanchored")
    func deletedFirst() {
        #expect(problems(Array(records.dropFirst()), []) == [AuditProblem(.startUnanchored, at: 2)])
    }

    @Test("a truncated tail: invisible without a checkpoint after it, checkpoint_record_missing with one")
    func truncated() {
        let cut = Array(records.prefix(7))
        #expect(problems(cut, [checkpoints[0]]) == [], "records after the last checkpoint can vanish unnoticed")
        #expect(verifier.verify(records: cut, checkpoints: [checkpoints[0]]).unpinnedTail == 2)
        #expect(problems(cut) == [AuditProblem(.checkpointRecordMissing, at: 10)])
    }

    @Test("an inserted record with a taken number: record_duplicated")
    func inserted() {
        var copy = records
        copy.insert(AuditChain.link([Sample.event(.userCreated, 50)], after: records[2].head)[0], at: 4)
        #expect(problems(copy) == [AuditProblem(.recordDuplicated, at: 4)])
    }

    @Test("reordered records: records_missing where the order jumps, record_out_of_order where it falls back")
    func reordered() {
        var copy = records
        copy.swapAt(5, 6)
        #expect(problems(copy) == [AuditProblem(.recordsMissing, at: 7), AuditProblem(.recordOutOfOrder, at: 6)])
    }

    @Test("a checkpoint with a bad signature, an unknown key, or no key at all")
    func brokenCheckpoints() throws {
        let good = checkpoints[0]
        var signature = good.signature
        signature[0] ^= 1
        let forged = AuditCheckpoint(
            sequence: 5, recordHash: good.recordHash, milliseconds: good.milliseconds, keyID: good.keyID,
            signature: signature)
        #expect(problems(records, [forged]) == [AuditProblem(.checkpointSignatureInvalid, at: 5)])
        let moved = AuditCheckpoint(
            sequence: 6, recordHash: good.recordHash, milliseconds: good.milliseconds, keyID: good.keyID,
            signature: good.signature)
        #expect(problems(records, [moved]) == [AuditProblem(.checkpointSignatureInvalid, at: 6)])
        let other = try AuditCheckpoint(
            signing: records[4].head, at: Sample.start, with: Ed25519SigningKey.generate(id: "rogue"))
        #expect(problems(records, [other]) == [AuditProblem(.checkpointKeyUnknown, at: 5)])
        let sameIDOtherKey = try AuditCheckpoint(
            signing: records[4].head, at: Sample.start, with: Ed25519SigningKey.generate(id: "audit-test"))
        #expect(problems(records, [sameIDOtherKey]) == [AuditProblem(.checkpointSignatureInvalid, at: 5)])
    }

    @Test("a pruned chain verifies from the checkpoint at the cut, and not without it")
    func pruned() {
        let rest = Array(records.dropFirst(5))
        #expect(problems(rest) == [])
        #expect(problems(rest, [checkpoints[1]]) == [AuditProblem(.startUnanchored, at: 6)])
    }

    @Test("a range verifies from a trusted anchor")
    func anchored() {
        let range = Array(records[3..<8])
        #expect(verifier.verify(records: range, checkpoints: [], anchor: records[2].head).isIntact)
        #expect(
            verifier.verify(records: range, checkpoints: [], anchor: records[1].head).problems == [
                AuditProblem(.recordsMissing, at: 4)
            ])
    }
}
