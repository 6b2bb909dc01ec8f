public import AuditLog
public import AuthCore
import Foundation
import Testing

/// The checks every `AuditCheckpointStore` (AuditLog) must pass.
///
/// ```swift
/// @Test("MyCheckpointStore keeps the contract", arguments: AuditCheckpointStoreConformance.Check.allCases)
/// func conformance(check: AuditCheckpointStoreConformance.Check) async throws {
///     try await AuditCheckpointStoreConformance { _ in MyCheckpointStore() }.run(check)
/// }
/// ```
public struct AuditCheckpointStoreConformance: Sendable {
    /// One promise of the contract.
    public enum Check: String, Sendable, CaseIterable, CustomStringConvertible {
        /// Checkpoints read back exactly (signature bytes included), ascending, within the range.
        case savedAndRead
        /// Saving the same sequence number and key id again replaces the checkpoint; another key id
        /// at the same sequence number is kept beside it.
        case sameSequenceAndKeyReplaces

        /// The case name, used in issue comments.
        public var description: String { "AuditCheckpointStore.\(rawValue)" }
    }

    let makeStore: @Sendable (ManualClock) async throws -> any AuditCheckpointStore

    /// Creates the suite.
    ///
    /// - Parameter makeStore: returns a new, empty store; the clock is the check's.
    public init(makeStore: @escaping @Sendable (ManualClock) async throws -> any AuditCheckpointStore) {
        self.makeStore = makeStore
    }

    /// Runs every check; a check that throws is recorded as an issue and the others still run.
    public func run() async {
        await Conformance.runAll(Check.allCases) { try await run($0) }
    }

    /// Runs one check against a fresh store.
    ///
    /// - Parameter check: the check to run.
    /// - Throws: whatever the store or `makeStore` throws where the contract expects no error.
    public func run(_ check: Check) async throws {
        let clock = ManualClock(now: Conformance.start)
        let store = try await makeStore(clock)
        let key = try Ed25519SigningKey.generate(id: "k1")
        let records = AuditChain.link(try AuditStoreConformance.events(30, at: clock), after: .empty)
        switch check {
        case .savedAndRead:
            let saved = try [25, 5, 15].map {
                try AuditCheckpoint(signing: records[$0 - 1].head, at: clock.now(), with: key)
            }
            for checkpoint in saved { try await store.save(checkpoint) }
            #expect(try await store.checkpoints(from: 1, through: 30) == saved.sorted { $0.sequence < $1.sequence })
            #expect(try await store.checkpoints(from: 5, through: 15).map(\.sequence) == [5, 15], "inclusive range")
            #expect(try await store.checkpoints(from: 16, through: 24).isEmpty)
            #expect(try await store.checkpoints(from: 1, through: 30).allSatisfy { $0.isSigned(by: key.publicKey) })
        case .sameSequenceAndKeyReplaces:
            let first = try AuditCheckpoint(signing: records[9].head, at: clock.now(), with: key)
            let again = try AuditCheckpoint(signing: records[9].head, at: clock.now().addingTimeInterval(60), with: key)
            let other = try AuditCheckpoint(
                signing: records[9].head, at: clock.now(), with: Ed25519SigningKey.generate(id: "k2"))
            try await store.save(first)
            try await store.save(again)
            try await store.save(other)
            let read = try await store.checkpoints(from: 10, through: 10)
            #expect(read.count == 2, "one per key id")
            #expect(read.contains(again) && read.contains(other) && !read.contains(first))
        }
    }
}
