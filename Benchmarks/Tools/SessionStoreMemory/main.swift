// Memory per session in `InMemorySessionStore`: issues N sessions through `SessionManager` (tokens
// dropped, as a server drops them once the cookie is sent) and divides the growth by N, read two ways:
//
// - heap in use: glibc's `mallinfo2()` (`uordblks` + `hblkhd`), the bytes malloc has handed out and
//   not had back, including malloc's own per-chunk overhead; temporary allocations freed during the
//   inserts do not count.
// - resident memory: `/proc/self/statm`, what the kernel charges the process; it also counts freed
//   memory malloc keeps for reuse, and moves in whole pages.
//
// Not a benchmark target: the harness's malloc interposer puts a header on every allocation, which
// would inflate the heap figure. Run from Benchmarks/: `swift run -c release SessionStoreMemory [N]`.

import AuthCore
import CMallocStats
import Foundation
import Glibc
import SessionTokens

/// Heap bytes in use, as glibc counts them.
func heapInUse() -> Int { Int(crmauth_heap_in_use()) }

/// Resident set size in bytes, from /proc/self/statm (second field, in pages).
func residentBytes() -> Int {
    guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
    let fields = text.split(separator: " ")
    guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
    return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
}

let count = CommandLine.arguments.dropFirst().first.flatMap { Int($0) } ?? 1_000_000
let stamp = "Zm9yLWJlbmNobWFya3Mtb25seQ"
let store = InMemorySessionStore()
let manager = SessionManager(
    store: store, clock: ManualClock(now: Date(timeIntervalSince1970: 1_700_000_000)),
    stamps: ClosureSecurityStampProvider { _ in stamp })

// Warm up everything lazily initialised (libcrypto, the random source) before the baseline.
_ = try await SessionManager(store: InMemorySessionStore(), stamps: ClosureSecurityStampProvider { _ in stamp })
    .issue(userID: "warm-up", securityStamp: stamp)

let heapBefore = heapInUse()
let residentBefore = residentBytes()
for index in 0..<count {
    // Two sessions per user (user ids of up to 12 characters, stored inline in the String).
    _ = try await manager.issue(userID: try UserID("user-\(index / 2)"), securityStamp: stamp)
}
let heapAfter = heapInUse()
let residentAfter = residentBytes()
precondition(store.count == count)

let heapPerSession = Double(heapAfter - heapBefore) / Double(count)
let residentPerSession = Double(residentAfter - residentBefore) / Double(count)
print("sessions: \(count) (\(count / 2) users)")
print("heap in use (mallinfo2): +\(heapAfter - heapBefore) B = \(Int(heapPerSession.rounded())) B per session")
print(
    "resident (statm):        +\(residentAfter - residentBefore) B = \(Int(residentPerSession.rounded())) B per session"
)
