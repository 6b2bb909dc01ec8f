import Dispatch
import Foundation
import Synchronization

/// A fixed set of threads that run password hashes off Swift's cooperative executor.
///
/// Hashing is deliberately slow. Run on the cooperative pool, a burst of logins would occupy every
/// executor thread and stall unrelated work such as session validation. The pool runs at most
/// ``workerCount`` hashes at once on its own threads, queues up to ``queueLimit`` more, and refuses the
/// rest at once with ``PasswordHashingError/busy`` so callers can answer "try again" instead of
/// queueing without bound. Each thread keeps its own ``HashingWorkspace``, so Argon2's memory matrix
/// is allocated once per thread rather than faulted in again for every hash; a ``PasswordHasher`` job
/// leaves at most its configured algorithm's Argon2 memory behind, freeing any larger one-off matrix
/// a stored hash needed.
///
/// ```swift
/// let pool = HashingPool(workerCount: 2, queueLimit: 32)
/// let hasher = PasswordHasher(pool: pool)
/// ```
public final class HashingPool: Sendable {
    /// How many hashes run at once.
    public let workerCount: Int
    /// How many hashes may wait for a worker before callers are refused.
    public let queueLimit: Int

    private typealias Job = @Sendable (HashingWorkspace) -> Void

    private struct State {
        var jobs: [Job] = []
        var head = 0
        var stopped = false
        /// Accepted jobs not yet finished: running plus waiting.
        var inFlight = 0
        var waiting: Int { jobs.count - head }
    }

    private let state = Mutex(State())
    private let available = DispatchSemaphore(value: 0)

    /// A pool shared by hashers that are not given one: one worker per active processor core, queue
    /// limit 64.
    public static let shared = HashingPool(
        workerCount: max(1, ProcessInfo.processInfo.activeProcessorCount), queueLimit: 64)

    /// Starts `workerCount` threads (at least one) with room for `queueLimit` waiting hashes (at least 0).
    public init(workerCount: Int, queueLimit: Int) {
        self.workerCount = max(1, workerCount)
        self.queueLimit = max(0, queueLimit)
        for index in 0..<self.workerCount {
            let thread = Thread { [self] in self.workLoop() }
            thread.name = "crmauth-hashing-\(index)"
            thread.stackSize = 1 << 20
            thread.start()
        }
    }

    /// Stops the worker threads once the queue is empty. Later submissions fail with ``PasswordHashingError/busy``.
    public func shutdown() {
        state.withLock { $0.stopped = true }
        for _ in 0..<workerCount { available.signal() }
    }

    /// The number of hashes waiting for a worker.
    public var waitingCount: Int { state.withLock { $0.waiting } }

    /// Whether ``run(_:)`` would refuse a job now (every worker busy and ``queueLimit`` jobs waiting, or
    /// the pool shut down): a caller can answer "busy" before doing the work that leads to a hash.
    /// Another job may finish or arrive right after, so it is a hint, never a reservation.
    public var isSaturated: Bool {
        state.withLock { $0.stopped || $0.inFlight >= workerCount + queueLimit }
    }

    /// Runs `body` on a pool thread and returns its result.
    ///
    /// - Throws: ``PasswordHashingError/busy`` at once when ``queueLimit`` hashes already wait, or
    ///   whatever `body` throws.
    public func run<Result: Sendable>(
        _ body: @escaping @Sendable (HashingWorkspace) throws(PasswordHashingError) -> Result
    ) async throws(PasswordHashingError) -> Result {
        let outcome: Swift.Result<Result, PasswordHashingError> = await withCheckedContinuation { continuation in
            let job: Job = { workspace in
                do throws(PasswordHashingError) {
                    continuation.resume(returning: .success(try body(workspace)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            let accepted = state.withLock { state -> Bool in
                guard !state.stopped, state.inFlight < workerCount + queueLimit else { return false }
                state.inFlight += 1
                state.jobs.append(job)
                return true
            }
            if accepted {
                available.signal()
            } else {
                continuation.resume(
                    returning: .failure(PasswordHashingError(.busy, "the hashing queue is full; try again shortly")))
            }
        }
        return try outcome.get()
    }

    private func workLoop() {
        let workspace = HashingWorkspace()
        while true {
            available.wait()
            let job = state.withLock { state -> Job? in
                guard state.waiting > 0 else { return nil }
                let job = state.jobs[state.head]
                state.head += 1
                if state.head > 64, state.head * 2 > state.jobs.count {
                    state.jobs.removeFirst(state.head)
                    state.head = 0
                }
                return job
            }
            guard let job else {
                if state.withLock({ $0.stopped }) { return }
                continue
            }
            job(workspace)
            state.withLock { $0.inFlight -= 1 }
        }
    }
}
