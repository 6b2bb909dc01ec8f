import Dispatch

/// Runs an async API to completion from libFuzzer's synchronous callback.
///
/// The call runs as a task on Swift's global executor while the fuzzing thread waits on a
/// semaphore, so a hang inside it is caught by libFuzzer's `-timeout`.
public func runBlocking<Result: Sendable>(_ body: @escaping @Sendable () async -> Result) -> Result {
    let box = ResultBox<Result>()
    let done = DispatchSemaphore(value: 0)
    Task {
        box.value = await body()
        done.signal()
    }
    done.wait()
    // The semaphore orders the task's write before this read.
    return box.value!
}

/// Carries a task's result to the waiting thread.
///
/// `@unchecked Sendable`: written once by the task before it signals the semaphore, read once by
/// the waiting thread after it returns from `wait()`, so the accesses never overlap.
private final class ResultBox<Value>: @unchecked Sendable {
    var value: Value?
}
