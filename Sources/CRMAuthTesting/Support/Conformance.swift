import AuthCore
import Testing

import struct Foundation.Date

/// What every conformance suite shares: the starting instant, the race runner, the per-check loop.
enum Conformance {
    /// Where each check's `ManualClock` starts: 2023-11-14, years before the real clock reads, so a
    /// store that consults its own clock instead of the instants it is given decides expiry wrongly.
    static let start = Date(timeIntervalSince1970: 1_700_000_000)

    /// Runs `count` copies of `body` at once, each with its index, and returns every outcome.
    static func race<Value: Sendable>(
        _ count: Int, _ body: @escaping @Sendable (Int) async throws -> Value
    ) async -> [Result<Value, any Error>] {
        await withTaskGroup(of: Result<Value, any Error>.self) { group in
            for index in 0..<count {
                group.addTask {
                    do { return .success(try await body(index)) } catch { return .failure(error) }
                }
            }
            return await group.reduce(into: []) { $0.append($1) }
        }
    }

    /// Runs every check in `checks`, recording an error a check throws as an issue named after the
    /// check, and going on with the next one.
    static func runAll<Check: CustomStringConvertible>(
        _ checks: some Sequence<Check>, _ run: (Check) async throws -> Void
    ) async {
        for check in checks {
            do { try await run(check) } catch { Issue.record(error, "\(check): the store threw") }
        }
    }
}

extension Result {
    /// The value, or `nil` for a failure.
    var value: Success? { try? get() }
    /// The error, or `nil` for a success.
    var error: Failure? {
        if case .failure(let error) = self { error } else { nil }
    }
}
