// swift-tools-version: 6.1

import PackageDescription

// hummingbird-auth's HummingbirdOTP beside CRMAuth's TOTP, measured in one benchmark process with the
// same harness (ordo-one/benchmark) and the same inputs. A package of its own so that neither CI nor
// the main Benchmarks package ever builds Hummingbird. Run from this folder:
//
//     swift package --disable-sandbox benchmark
//
// Documentation/Performance.md ("TOTP") records the figures and what each pair compares.

/// Upcoming language features every target opts into (as in the root package).
let upcomingFeatures: [SwiftSetting] = [
    // SE-0335: `any` must be written for existential types.
    .enableUpcomingFeature("ExistentialAny"),
    // SE-0444: a member is visible only from modules the file imports itself.
    .enableUpcomingFeature("MemberImportVisibility"),
    // SE-0409: imports are internal unless declared `public import`.
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "HummingbirdOTPComparison",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The root package, by path; `name:` because a path dependency's identity is its folder name.
        .package(name: "CRMAuth", path: "../../.."),
        // Exactly the version compared in Documentation/Performance.md.
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth", exact: "2.5.0"),
        // Traits as in Benchmarks/Package.swift (the default RuntimeInterposer trait cannot resolve here).
        .package(url: "https://github.com/ordo-one/benchmark", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        .executableTarget(
            name: "OTPComparison",
            dependencies: [
                .product(name: "TOTP", package: "CRMAuth"),
                .product(name: "AuthCore", package: "CRMAuth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
                .product(name: "Benchmark", package: "benchmark"),
            ],
            path: "Benchmarks/OTPComparison",
            swiftSettings: upcomingFeatures,
            plugins: [
                .plugin(name: "BenchmarkPlugin", package: "benchmark")
            ]
        ),
        // Not a benchmark: the same calls in a loop, for valgrind's instruction counts (see main.swift).
        .executableTarget(
            name: "OTPInstructionCount",
            dependencies: [
                .product(name: "TOTP", package: "CRMAuth"),
                .product(name: "HummingbirdOTP", package: "hummingbird-auth"),
            ],
            swiftSettings: upcomingFeatures
        ),
    ],
    swiftLanguageModes: [.v6]
)
