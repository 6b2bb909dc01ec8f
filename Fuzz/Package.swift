// swift-tools-version: 6.2

import PackageDescription

// CRMAuth's fuzz targets, a package of their own so that no user of the library ever builds them.
// Each target is an executable exposing libFuzzer's `LLVMFuzzerTestOneInput`. Build and run them with
// the script beside this file, which passes the sanitizer flags (a manifest with `unsafeFlags` could
// not be depended upon, and the flags are only wanted for fuzzing):
//
//     Fuzz/run.sh                      # every target, the short CI run
//     Fuzz/run.sh FuzzStoredHashes -max_total_time=600
//
// A plain `swift build` here builds each target as a replayer that runs it once on each file named on
// its command line. Documentation/Fuzzing.md says what each target covers and how to add one.

/// A fuzz target: an executable named `name` in Sources/<name>, over the root package's `products`.
func fuzzTarget(_ name: String, _ products: [String]) -> Target {
    .executableTarget(
        name: name,
        dependencies: ["FuzzSupport"] + products.map { .product(name: $0, package: "CRMAuth") }
    )
}

let package = Package(
    name: "CRMAuthFuzz",
    platforms: [.macOS(.v15)],
    dependencies: [
        // The root package. `name:` lets targets say `package: "CRMAuth"` whatever the checkout's folder
        // is called: a path dependency's identity is its folder name, which differs between clones.
        .package(name: "CRMAuth", path: "..")
    ],
    targets: [
        // Input views, property checks, the async bridge and the replayer the targets share.
        .target(name: "FuzzSupport", dependencies: ["CLibFuzzer"]),
        // libFuzzer's C entry point, declared for FuzzSupport.
        .target(name: "CLibFuzzer"),
        fuzzTarget("FuzzEncodings", ["AuthCore"]),
        fuzzTarget("FuzzIdentifiers", ["AuthCore"]),
        fuzzTarget("FuzzStoredHashes", ["PasswordHashing"]),
        fuzzTarget("FuzzOTPAuthURI", ["TOTP"]),
        fuzzTarget("FuzzTypedCodes", ["TOTP", "AuthCore"]),
        fuzzTarget("FuzzOpaqueTokens", ["SessionTokens", "AuthCore"]),
        fuzzTarget("FuzzSealedSecrets", ["TOTP", "AuthCore"]),
        fuzzTarget("FuzzPasswordPolicy", ["PasswordHashing", "PasswordPolicy"]),
        fuzzTarget("FuzzPasswordStrength", ["PasswordHashing", "PasswordPolicy"]),
        fuzzTarget("FuzzBreachedPasswordFile", ["PasswordHashing", "PasswordPolicy"]),
        fuzzTarget("FuzzPolicyDocument", ["RBAC"]),
        fuzzTarget("FuzzCasbinPolicy", ["RBAC"]),
        fuzzTarget("FuzzPermissions", ["RBAC"]),
        fuzzTarget("FuzzAuditExport", ["AuditLog", "AuthCore"]),
        fuzzTarget("FuzzSourceAddress", ["LockoutPolicy"]),
        fuzzTarget("FuzzLoginIdentifier", ["LoginFlow"]),
    ],
    swiftLanguageModes: [.v6]
)

// The root package's language configuration, set once for every target (see ../Package.swift).
for target in package.targets where [.regular, .executable, .test].contains(target.type) {
    var settings = target.swiftSettings ?? []
    // SE-0335: `any` must be written for existential types.
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    // SE-0444: a member is visible only from modules the file imports itself.
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    // SE-0409: imports are internal unless declared `public import`.
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    // SE-0461: a nonisolated async function runs in its caller's isolation unless marked `@concurrent`.
    settings.append(.enableUpcomingFeature("NonisolatedNonsendingByDefault"))
    target.swiftSettings = settings
}
