/// Buffers events and appends them to an ``AuditTrail`` in batches, so a sign-in does not wait for a
/// store write of its own.
///
/// ``record(_:)`` only buffers, except for the call that fills a batch, which appends it (other
/// callers keep buffering meanwhile: the actor does not block on the write). ``flush()`` appends
/// everything buffered and returns once it is stored; call it on a timer and at shutdown.
///
/// Back-pressure, never silent loss: the buffer holds at most ``capacity`` events. When a store
/// write fails the batch goes back to the front of the buffer, in order, and the next batch retries
/// it. When the buffer is full and the store still fails, ``record(_:)`` throws
/// ``AuditError/recorderFull`` and does not accept the event: the caller decides (refuse the
/// action, answer "try again"). A security event is never dropped without its caller knowing.
///
/// ```swift
/// let recorder = try AuditRecorder(trail: trail, batchSize: 256)
/// try await recorder.record(event)      // on the login path: usually just buffers
/// try await recorder.flush()            // every second, and at shutdown
/// ```
public actor AuditRecorder {
    /// The trail batches are appended to.
    public let trail: AuditTrail
    /// How many events make a batch.
    public let batchSize: Int
    /// The most events buffered.
    public let capacity: Int
    private var buffer: [AuditEvent] = []
    private var flushing = false
    private var waiters: [CheckedContinuation<Void, Never>] = []

    /// Creates a recorder.
    ///
    /// - Parameters:
    ///   - trail: where batches are appended.
    ///   - batchSize: events per batch, 1 to 10,000.
    ///   - capacity: the most events buffered, at least `batchSize`.
    /// - Throws: ``AuditError/invalidQuery`` for sizes out of range.
    public init(trail: AuditTrail, batchSize: Int = 256, capacity: Int = 16_384) throws(AuditError) {
        guard (1...10_000).contains(batchSize), capacity >= batchSize else {
            throw AuditError(.invalidQuery, "a batch is 1 to 10,000 events and the capacity at least one batch")
        }
        self.trail = trail
        self.batchSize = batchSize
        self.capacity = capacity
    }

    /// How many events wait in the buffer.
    public var pendingCount: Int { buffer.count }

    /// Buffers `event`; appends a batch when one is full.
    ///
    /// - Parameter event: the event.
    /// - Throws: ``AuditError/recorderFull`` (the event was not accepted) when the buffer is full and
    ///   the store fails; a failure to append a full batch is otherwise kept for the next try.
    public func record(_ event: AuditEvent) async throws(AuditError) {
        if buffer.count >= capacity {
            do { try await flush() } catch {
                throw AuditError(.recorderFull, "\(buffer.count) events wait and the store fails", underlying: error)
            }
        }
        buffer.append(event)
        if buffer.count >= batchSize, !flushing {
            try? await appendBatches(untilBelow: batchSize)  // kept in the buffer on failure; retried later
        }
    }

    /// Appends everything buffered and returns when it is stored.
    ///
    /// - Throws: the trail's error; the events stay buffered, in order.
    public func flush() async throws(AuditError) {
        try await appendBatches(untilBelow: 1)
    }

    private func appendBatches(untilBelow threshold: Int) async throws(AuditError) {
        while flushing { await withCheckedContinuation { waiters.append($0) } }
        flushing = true
        defer {
            flushing = false
            let waiting = waiters
            waiters = []
            for waiter in waiting { waiter.resume() }
        }
        while buffer.count >= threshold, !buffer.isEmpty {
            let batch = Array(buffer.prefix(batchSize))
            buffer.removeFirst(batch.count)
            do {
                try await trail.record(batch)
            } catch {
                buffer.insert(contentsOf: batch, at: 0)
                throw error
            }
        }
    }
}
