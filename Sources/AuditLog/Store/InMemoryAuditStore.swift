import Synchronization

/// An ``AuditStore`` and ``AuditCheckpointStore`` in memory, for tests and single-process apps.
///
/// Appends link under one mutex, exactly as the protocol requires of a database's transaction.
///
/// ```swift
/// let store = InMemoryAuditStore()
/// let trail = AuditTrail(store: store, checkpoints: store, signingKey: key)
/// ```
public final class InMemoryAuditStore: AuditStore, AuditCheckpointStore {
    private struct State {
        var records: [AuditRecord] = []  // ascending, contiguous from records.first.sequence
        var head = AuditChainHead.empty
        var checkpoints: [UInt64: [String: AuditCheckpoint]] = [:]
    }

    private let state = Mutex(State())

    /// Creates an empty store.
    public init() {}

    /// See ``AuditStore/append(_:)``.
    public func append(_ events: [AuditEvent]) async throws -> [AuditRecord] {
        state.withLock { state in
            let records = AuditChain.link(events, after: state.head)
            if state.records.isEmpty {
                state.records = records  // shares the buffer: no copy of the records
            } else {
                state.records.append(contentsOf: records)
            }
            if let last = records.last { state.head = last.head }
            return records
        }
    }

    /// See ``AuditStore/head()``.
    public func head() async throws -> AuditChainHead { state.withLock { $0.head } }

    /// See ``AuditStore/records(from:limit:)``.
    public func records(from: UInt64, limit: Int) async throws -> [AuditRecord] {
        state.withLock { state in
            guard let first = state.records.first?.sequence, limit > 0 else { return [] }
            let start = from <= first ? 0 : Int(clamping: from - first)
            guard start < state.records.count else { return [] }
            let end = limit >= state.records.count - start ? state.records.count : start + limit
            return Array(state.records[start..<end])
        }
    }

    /// See ``AuditStore/query(_:)``.
    public func query(_ query: AuditQuery) async throws -> AuditPage {
        try query.validate()
        return state.withLock { state in
            var found: [AuditRecord] = []
            var index = state.records.count - 1
            if let cursor = query.cursor, let first = state.records.first?.sequence {
                index = min(index, Int(clamping: cursor.before) - Int(clamping: first) - 1)
            }
            while index >= 0 {
                let record = state.records[index]
                index -= 1
                guard query.matches(record) else { continue }
                if found.count == query.limit {
                    return AuditPage(records: found, nextCursor: AuditCursor(before: found[found.count - 1].sequence))
                }
                found.append(record)
            }
            return AuditPage(records: found, nextCursor: nil)
        }
    }

    /// See ``AuditStore/prune(through:)``.
    public func prune(through sequence: UInt64) async throws -> Int {
        state.withLock { state in
            guard let first = state.records.first?.sequence, sequence >= first else { return 0 }
            let count = min(state.records.count, Int(clamping: sequence - first + 1))
            state.records.removeFirst(count)
            return count
        }
    }

    /// See ``AuditCheckpointStore/save(_:)``.
    public func save(_ checkpoint: AuditCheckpoint) async throws {
        state.withLock { $0.checkpoints[checkpoint.sequence, default: [:]][checkpoint.keyID] = checkpoint }
    }

    /// See ``AuditCheckpointStore/checkpoints(from:through:)``.
    public func checkpoints(from: UInt64, through: UInt64) async throws -> [AuditCheckpoint] {
        state.withLock { state in
            state.checkpoints.filter { (from...max(from, through)).contains($0.key) && from <= through }
                .sorted { $0.key < $1.key }
                .flatMap { $0.value.values.sorted { $0.keyID < $1.keyID } }
        }
    }
}
