import PostgresNIO
import Synchronization

/// One store call raced against its deadline: the caller waits on a continuation that the call's
/// task or the deadline resumes, whichever comes first, exactly once.
///
/// Unlike a task group (which waits for every child before it returns), the caller is answered at
/// the deadline even when the call cannot be interrupted, for example a query already sent to a server
/// that stopped answering without closing the connection: the call's task is cancelled and left to end
/// on its own (PostgresNIO fails it when the connection closes). It is also cheaper: one task and one
/// timer on an event loop, where a group racing `Task.sleep` starts two tasks and a timer.
final class BoundedCall<Value: Sendable>: Sendable {
    private enum State {
        case starting
        case waiting(CheckedContinuation<Value, any Error>)
        /// The caller was cancelled before it began to wait.
        case cancelledEarly
        case answered
    }

    private let state = Mutex(State.starting)
    private let work = Mutex<(task: Task<Void, Never>?, timer: Scheduled<Void>?)>((nil, nil))

    /// Runs `body` in a task of its own and returns its value, or throws `expired()` once `timeout`
    /// seconds have passed (cancelling the task), or `CancellationError` when the caller is cancelled.
    static func run(
        timeout: Double, on eventLoop: any EventLoop, expired: @escaping @Sendable () -> any Error,
        _ body: @escaping @Sendable () async throws -> Value
    ) async throws -> Value {
        let call = BoundedCall<Value>()
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { continuation in
                guard call.wait(continuation) else { return }
                let task = Task {
                    do { call.answer(.success(try await body())) } catch { call.answer(.failure(error)) }
                }
                let nanoseconds = Int64(min(timeout, 86_400) * 1_000_000_000)
                let timer = eventLoop.scheduleTask(in: .nanoseconds(nanoseconds)) {
                    call.answer(.failure(expired()))
                }
                call.work.withLock { $0 = (task, timer) }
                // Answered already (a fast call or a past deadline): nothing may be left running.
                if call.isAnswered { call.stopWork() }
            }
        } onCancel: {
            call.answer(.failure(CancellationError()))
        }
    }

    /// Installs the caller's continuation; false (the caller resumed) if it was cancelled first.
    private func wait(_ continuation: CheckedContinuation<Value, any Error>) -> Bool {
        let cancelled = state.withLock { state -> Bool in
            if case .cancelledEarly = state {
                state = .answered
                return true
            }
            state = .waiting(continuation)
            return false
        }
        if cancelled { continuation.resume(throwing: CancellationError()) }
        return !cancelled
    }

    private var isAnswered: Bool {
        state.withLock { if case .answered = $0 { true } else { false } }
    }

    /// Resumes the caller with `result` unless it was answered already; then cancels the timer and,
    /// if the call's task is still running, the task.
    private func answer(_ result: Result<Value, any Error>) {
        let continuation = state.withLock { state -> CheckedContinuation<Value, any Error>? in
            switch state {
            case .starting:
                // Only the cancellation handler can answer before the caller waits: the task and the
                // timer are made after it does.
                state = .cancelledEarly
                return nil
            case .waiting(let continuation):
                state = .answered
                return continuation
            case .cancelledEarly, .answered:
                return nil
            }
        }
        guard let continuation else { return }
        continuation.resume(with: result)
        stopWork()
    }

    private func stopWork() {
        let (task, timer) = work.withLock { $0 }
        timer?.cancel()
        task?.cancel()
    }
}
