// Heap per compiled RBAC snapshot, and compile time, for the benchmark policies (the formula of
// Benchmarks/RBAC/RBAC.swift and Reference/casbin_reference.py, repeated here: an executable cannot
// import another). The heap growth is read with glibc's `mallinfo2()` while both the imported policy
// and the snapshot are alive, then with the snapshot alone: the snapshot's share is the difference.
// (The snapshot keeps the policy for explanations, so a checker holds both.)
//
// Not a benchmark target: the harness's malloc interposer would inflate the heap figure.
// Run from Benchmarks/: `swift run -c release RBACSnapshotMemory [rules...]`.

import CMallocStats
import Foundation
import RBAC

func heapInUse() -> Int { Int(crmauth_heap_in_use()) }

func casbinPolicy(rules: Int) -> String {
    var lines: [String] = []
    lines.reserveCapacity(rules + 2_000)
    for index in 0..<rules {
        lines.append("p, role\(index % 100), tenant\((index / 100) % 10), res\(index / 8), act\(index % 8), allow")
    }
    for tenant in 0..<10 {
        for role in 0..<100 where role % 5 != 0 {
            lines.append("g, role\(role), role\(role - 1), tenant\(tenant)")
        }
    }
    for user in 0..<1_000 {
        lines.append("g, user\(user), role\(user % 100), tenant\(user % 10)")
    }
    return lines.joined(separator: "\n")
}

let sizes = CommandLine.arguments.dropFirst().compactMap { Int($0) }
print("rules      policy heap   snapshot heap (over the policy)   compile time")
for rules in sizes.isEmpty ? [1_000, 10_000, 100_000, 1_000_000] : sizes {
    let text = casbinPolicy(rules: rules)
    let before = heapInUse()
    let policy = try CasbinPolicyImporter.importPolicy(text)
    let withPolicy = heapInUse()
    let clock = ContinuousClock()
    var snapshot: CompiledPolicy?
    let elapsed = clock.measure { snapshot = try? CompiledPolicy(policy) }
    let withSnapshot = heapInUse()
    precondition(snapshot != nil)
    let policyBytes = withPolicy - before
    let snapshotBytes = withSnapshot - withPolicy
    let milliseconds = Double(elapsed.components.attoseconds) / 1e15 + Double(elapsed.components.seconds) * 1e3
    print(
        String(rules).padding(toLength: 10, withPad: " ", startingAt: 0)
            + " \(policyBytes / 1024) KiB".padding(toLength: 14, withPad: " ", startingAt: 0)
            + " \(snapshotBytes / 1024) KiB (\(snapshotBytes / rules) B per rule)".padding(
                toLength: 34, withPad: " ", startingAt: 0)
            + " \(String(format: "%.1f", milliseconds)) ms")
    withExtendedLifetime(policy) {}
    withExtendedLifetime(snapshot) {}
}
