// swift-tools-version: 6.1

import PackageDescription

/// Upcoming language features every target opts into.
let upcomingFeatures: [SwiftSetting] = [
    // SE-0335: `any` must be written for existential types.
    .enableUpcomingFeature("ExistentialAny"),
    // SE-0444: a member is visible only from modules the file imports itself.
    .enableUpcomingFeature("MemberImportVisibility"),
    // SE-0409: imports are internal unless declared `public import`.
    .enableUpcomingFeature("InternalImportsByDefault"),
]

let package = Package(
    name: "CRMAuth",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "AuthCore", targets: ["AuthCore"]),
        .library(name: "PasswordHashing", targets: ["PasswordHashing"]),
        .library(name: "PasswordPolicy", targets: ["PasswordPolicy"]),
        .library(name: "TOTP", targets: ["TOTP"]),
        .library(name: "SessionTokens", targets: ["SessionTokens"]),
        .library(name: "CRMAuthTesting", targets: ["CRMAuthTesting"]),
        .executable(name: "crm-auth", targets: ["crm-auth"]),
        .executable(name: "LoginDemo", targets: ["LoginDemo"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        // `swift package generate-documentation`: builds the DocC catalogs, which checks every symbol link.
        .package(url: "https://github.com/swiftlang/swift-docc-plugin", from: "1.5.0"),
    ],
    targets: [
        .systemLibrary(
            name: "COpenSSL",
            pkgConfig: "libcrypto",
            providers: [.apt(["libssl-dev"]), .brew(["openssl@3"])]
        ),
        // CPU hints Swift cannot express (a cache prefetch for Argon2), as inline C in a header.
        .target(name: "CRMAuthIntrinsics"),
        .target(
            name: "AuthCore",
            dependencies: ["COpenSSL"],
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "PasswordHashing",
            dependencies: [
                "AuthCore",
                "CRMAuthIntrinsics",
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "PasswordPolicy",
            dependencies: ["AuthCore", "PasswordHashing"],
            // The bundled word lists (blocklist and strength dictionaries), with their sources, and the
            // skeleton table for look-alike characters (Scripts/generate-confusables.py).
            resources: [.copy("Resources/WordLists"), .copy("Resources/Confusables")],
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "TOTP",
            dependencies: ["AuthCore"],
            swiftSettings: upcomingFeatures
        ),
        .target(
            name: "SessionTokens",
            dependencies: ["AuthCore", "CRMAuthIntrinsics"],
            swiftSettings: upcomingFeatures
        ),
        // Conformance suites for every store protocol, for our stores and an app's own. Each module that
        // ships a store protocol adds itself here and puts its suite in Sources/CRMAuthTesting/<Module>.
        .target(
            name: "CRMAuthTesting",
            dependencies: ["AuthCore", "PasswordPolicy", "TOTP", "SessionTokens"],
            swiftSettings: upcomingFeatures
        ),
        .executableTarget(
            name: "crm-auth",
            dependencies: [
                "AuthCore",
                "PasswordHashing",
                "PasswordPolicy",
                "TOTP",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            swiftSettings: upcomingFeatures
        ),
        .executableTarget(
            name: "LoginDemo",
            dependencies: ["AuthCore", "PasswordHashing", "PasswordPolicy", "TOTP", "SessionTokens"],
            path: "Examples/LoginDemo",
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "AuthCoreTests",
            dependencies: ["AuthCore"],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "PasswordHashingTests",
            dependencies: ["PasswordHashing", "AuthCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "PasswordPolicyTests",
            dependencies: ["PasswordPolicy", "PasswordHashing", "AuthCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "TOTPTests",
            dependencies: ["TOTP", "AuthCore"],
            resources: [.copy("Fixtures")],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "SessionTokensTests",
            dependencies: ["SessionTokens", "AuthCore"],
            swiftSettings: upcomingFeatures
        ),
        .testTarget(
            name: "CRMAuthTestingTests",
            dependencies: ["CRMAuthTesting", "PasswordPolicy", "TOTP", "SessionTokens", "AuthCore"],
            swiftSettings: upcomingFeatures
        ),
    ],
    swiftLanguageModes: [.v6]
)
