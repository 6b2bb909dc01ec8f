// Benchmarks of the bundled blocklist and the strength estimator: lookups, estimates of 20-character
// passwords of several kinds and of a crafted worst case, and loading the word lists (time and memory).
//
// Run from Benchmarks/: `swift package --disable-sandbox benchmark --target PasswordStrengthBenchmarks`.
// Documentation/Performance.md ("Password policy") records the figures and the machine they ran on.

import Benchmark
import Foundation
import PasswordHashing
import PasswordPolicy

/// Inputs fixed once, so every sample measures the lookup or estimate and not the input's construction.
private enum Inputs {
    /// 20-character passwords of several kinds, as a registration form would see them.
    static let twentyCharacters: [(String, String)] = [
        ("random printable", "Tz9!mQ4#vL2@xK7p$W3e"),
        ("passphrase", "correct horse batter"),
        ("l33t word + year", "P@ssw0rdMonkey2019!!"),
        ("keyboard walk + date", "qwertyuiop13/05/1987"),
        ("repeats + sequence", "abcabcabcabc12345678"),
        ("Unicode (Cyrillic, emoji)", "пароль🔥секрет🔥ключ!x"),
    ]
    static let userInputs = ["dana.scully@acme.example", "Dana Scully", "Acme", "Acme CRM"]
    /// The crafted worst case of issue 10: 250 code points cycling through the 20 look-alike
    /// characters the substitution matcher reads as letters (736 readings before the cap).
    static let craftedLookalikes = try! NormalizedPassword(
        String(String(repeating: "4@8({[<3691!|0$5+7%2", count: 13).prefix(250)))
    /// A blocklisted password and a random one, for the list lookups.
    static let commonPassword = try! NormalizedPassword("password")
    static let randomPassword = try! NormalizedPassword("Tz9!mQ4#vL2@xK7p$W3e")
    /// The bundled passwords list in the source tree, for the file-backed loader.
    static let passwordsFile = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()
        .appending(path: "Sources/PasswordPolicy/Resources/WordLists/passwords.txt")
}

/// Fast operations: many calls per sample, figures per call.
private func fast(_ scale: BenchmarkScalingFactor) -> Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal],
        timeUnits: .nanoseconds,
        warmupIterations: 10,
        scalingFactor: scale,
        maxDuration: .seconds(2),
        maxIterations: 2_000
    )
}

/// Loading: one load per sample, with its memory.
private var loading: Benchmark.Configuration {
    Benchmark.Configuration(
        metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident, .peakMemoryResidentDelta],
        timeUnits: .milliseconds,
        warmupIterations: 0,
        scalingFactor: .one,
        maxDuration: .seconds(10),
        maxIterations: 20
    )
}

let benchmarks: @Sendable () -> Void = {
    // The first benchmark to run loads the bundled lists; it is the first-use cost in a fresh process
    // only on its first iteration, so it runs once.
    Benchmark(
        "BundledBreachedPasswords.preload (first use: all bundled lists)",
        configuration: .init(
            metrics: [.wallClock, .mallocCountTotal, .peakMemoryResident, .peakMemoryResidentDelta],
            timeUnits: .milliseconds, warmupIterations: 0, scalingFactor: .one, maxIterations: 1)
    ) { _ in
        try BundledBreachedPasswords.preload()
    }

    Benchmark("BreachedPasswordFile load, bundled passwords.txt (97,851 lines)", configuration: loading) { benchmark in
        for _ in benchmark.scaledIterations {
            blackHole(try BreachedPasswordFile(contentsOf: Inputs.passwordsFile))
        }
    }

    Benchmark("BundledBreachedPasswords.rank hit (\"password\")", configuration: fast(.kilo)) { benchmark in
        let blocklist = BundledBreachedPasswords()
        try BundledBreachedPasswords.preload()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try blocklist.rank(of: Inputs.commonPassword))
        }
    }

    Benchmark("BundledBreachedPasswords.rank miss, 20 chars", configuration: fast(.kilo)) { benchmark in
        let blocklist = BundledBreachedPasswords()
        try BundledBreachedPasswords.preload()
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(try blocklist.rank(of: Inputs.randomPassword))
        }
    }

    Benchmark("estimate, crafted worst case (250 look-alikes)", configuration: fast(.one)) { benchmark in
        let estimator = try PasswordStrengthEstimator(referenceYear: 2026)
        benchmark.startMeasurement()
        for _ in benchmark.scaledIterations {
            blackHole(estimator.estimate(Inputs.craftedLookalikes, userInputs: Inputs.userInputs))
        }
    }

    for (kind, password) in Inputs.twentyCharacters {
        Benchmark("PasswordStrengthEstimator.estimate 20 chars, \(kind)", configuration: fast(.kilo)) { benchmark in
            let estimator = try PasswordStrengthEstimator(referenceYear: 2026)
            let normalized = try NormalizedPassword(password)
            benchmark.startMeasurement()
            for _ in benchmark.scaledIterations {
                blackHole(estimator.estimate(normalized, userInputs: Inputs.userInputs))
            }
        }
    }
}
