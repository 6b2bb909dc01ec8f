// swift-tools-version: 6.2

import PackageDescription

let package = Package(
    name: "CRMAuth",
    platforms: [.macOS(.v15)],
    products: [
        .library(name: "AuthCore", targets: ["AuthCore"]),
        .library(name: "PasswordHashing", targets: ["PasswordHashing"]),
        .library(name: "PasswordPolicy", targets: ["PasswordPolicy"]),
        .library(name: "TOTP", targets: ["TOTP"]),
        .library(name: "SessionTokens", targets: ["SessionTokens"]),
        .library(name: "RBAC", targets: ["RBAC"]),
        .library(name: "AuditLog", targets: ["AuditLog"]),
        .library(name: "LockoutPolicy", targets: ["LockoutPolicy"]),
        .library(name: "LoginFlow", targets: ["LoginFlow"]),
        .library(name: "CRMAuth", targets: ["CRMAuth"]),
        .library(name: "CRMAuthTesting", targets: ["CRMAuthTesting"]),
        .library(name: "CRMAuthSQLite", targets: ["CRMAuthSQLite"]),
        .library(name: "CRMAuthPostgres", targets: ["CRMAuthPostgres"]),
        // Empty when the package is used without the trait `Hummingbird` (see `traits` below).
        .library(name: "CRMAuthHummingbird", targets: ["CRMAuthHummingbird"]),
        .executable(name: "crm-auth", targets: ["crm-auth"]),
        .executable(name: "LoginDemo", targets: ["LoginDemo"]),
    ],
    // The Hummingbird adapter is a trait, on by default: an app that depends on other products never
    // builds Hummingbird (SwiftPM builds only what the products it uses need), and one that wants no
    // trace of it declares `.package(url: ..., from: ..., traits: [])`, which compiles
    // `CRMAuthHummingbird` to an empty module (Documentation/Hummingbird.md says why).
    traits: [
        .trait(
            name: "Hummingbird",
            description: "CRMAuthHummingbird: the Hummingbird 2 adapter (builds Hummingbird and hummingbird-auth)"),
        .default(enabledTraits: ["Hummingbird"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/groue/GRDB.swift.git", from: "7.10.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/apple/swift-http-types.git", from: "1.8.0"),
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
            dependencies: ["COpenSSL"]
        ),
        .target(
            name: "PasswordHashing",
            dependencies: [
                "AuthCore",
                "CRMAuthIntrinsics",
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "PasswordPolicy",
            dependencies: ["AuthCore", "PasswordHashing"],
            // The bundled word lists (blocklist and strength dictionaries), with their sources, and the
            // skeleton table for look-alike characters (Scripts/generate-confusables.py).
            resources: [.copy("Resources/WordLists"), .copy("Resources/Confusables")]
        ),
        .target(
            name: "TOTP",
            dependencies: ["AuthCore"]
        ),
        .target(
            name: "SessionTokens",
            dependencies: ["AuthCore", "CRMAuthIntrinsics"]
        ),
        .target(
            name: "RBAC",
            dependencies: ["AuthCore"]
        ),
        .target(
            name: "AuditLog",
            dependencies: ["AuthCore", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "LockoutPolicy",
            dependencies: ["AuthCore"]
        ),
        // Conformance suites for every store protocol, for our stores and an app's own. Each module that
        // ships a store protocol adds itself here and puts its suite in Sources/CRMAuthTesting/<Module>.
        .target(
            name: "LoginFlow",
            dependencies: [
                "AuthCore", "PasswordHashing", "PasswordPolicy", "TOTP", "SessionTokens", "RBAC", "LockoutPolicy",
                "AuditLog", .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        // The umbrella: every library module re-exported, and AuthSystem, which builds a whole system
        // from one backend.
        .target(
            name: "CRMAuth",
            dependencies: [
                "AuthCore", "PasswordHashing", "PasswordPolicy", "TOTP", "SessionTokens", "RBAC", "AuditLog",
                "LockoutPolicy", "LoginFlow", .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(
            name: "CRMAuthTesting",
            dependencies: [
                "AuthCore", "PasswordPolicy", "TOTP", "SessionTokens", "RBAC", "AuditLog", "LockoutPolicy", "LoginFlow",
            ]
        ),
        // What both database backends share: each record rebuilt from a stored row's columns, and the
        // text forms of stored values. Not a product: the backends' own code.
        .target(
            name: "CRMAuthStoreSupport",
            dependencies: [
                "AuthCore", "PasswordPolicy", "SessionTokens", "AuditLog", "LockoutPolicy", "LoginFlow", "TOTP", "RBAC",
            ]
        ),
        // The SQLite backend: every store protocol over one database file (GRDB).
        .target(
            name: "CRMAuthSQLite",
            dependencies: [
                "AuthCore", "PasswordPolicy", "TOTP", "SessionTokens", "RBAC", "AuditLog", "LockoutPolicy", "LoginFlow",
                "CRMAuth", "CRMAuthStoreSupport", .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // The PostgreSQL backend: every store protocol over one database shared by several app servers.
        .target(
            name: "CRMAuthPostgres",
            dependencies: [
                "AuthCore", "PasswordPolicy", "TOTP", "SessionTokens", "RBAC", "AuditLog", "LockoutPolicy", "LoginFlow",
                "CRMAuth", "CRMAuthStoreSupport", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .executableTarget(
            name: "crm-auth",
            dependencies: [
                "AuthCore",
                "PasswordHashing",
                "PasswordPolicy",
                "TOTP",
                "RBAC",
                "AuditLog",
                "LockoutPolicy",
                "SessionTokens",
                "LoginFlow",
                "CRMAuth",
                "CRMAuthSQLite",
                "CRMAuthPostgres",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Not a product: the child process of CRMAuthSQLiteTests' durability test, which writes sessions
        // and audit events to a SQLite file until the test kills it. The test target depends on it so that
        // building the tests builds it; the test runs the binary beside the test bundle.
        .executableTarget(
            name: "SQLiteCrashWriter",
            dependencies: ["CRMAuthSQLite", "AuditLog", "SessionTokens", "AuthCore"],
            path: "Tests/SQLiteCrashWriter"
        ),
        // Issue 17's several-servers test starts two of these, each its own app server on one PostgreSQL
        // database; the test target depends on it so that building the tests builds it.
        .executableTarget(
            name: "PostgresRaceWorker",
            dependencies: [
                "CRMAuth", "CRMAuthPostgres", "PostgresRaceSupport", "AuditLog", "AuthCore", "LockoutPolicy",
                "LoginFlow", "PasswordHashing", "SessionTokens", "TOTP",
            ],
            path: "Tests/PostgresRaceWorker"
        ),
        .target(
            name: "PostgresRaceSupport",
            dependencies: ["AuthCore", "LockoutPolicy", "LoginFlow", "PasswordHashing", "SessionTokens", "TOTP"],
            path: "Tests/PostgresRaceSupport"
        ),
        .executableTarget(
            name: "LoginDemo",
            dependencies: ["CRMAuth", "CRMAuthSQLite"],
            path: "Examples/LoginDemo"
        ),
        .testTarget(
            name: "AuthCoreTests",
            dependencies: ["AuthCore"]
        ),
        .testTarget(
            name: "PasswordHashingTests",
            dependencies: ["PasswordHashing", "AuthCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "PasswordPolicyTests",
            dependencies: ["PasswordPolicy", "PasswordHashing", "AuthCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "TOTPTests",
            dependencies: ["TOTP", "AuthCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "SessionTokensTests",
            dependencies: ["SessionTokens", "AuthCore"]
        ),
        .testTarget(
            name: "LockoutPolicyTests",
            dependencies: ["LockoutPolicy", "AuthCore"]
        ),
        .testTarget(
            name: "RBACTests",
            dependencies: ["RBAC", "AuthCore"],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "AuditLogTests",
            dependencies: [
                "AuditLog", "AuthCore", .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "LoginFlowTests",
            dependencies: [
                "LoginFlow", "CRMAuthTesting", "AuthCore", "PasswordHashing", "PasswordPolicy", "TOTP", "SessionTokens",
                "RBAC", "LockoutPolicy", "AuditLog", .product(name: "Logging", package: "swift-log"),
                .product(name: "InMemoryLogging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "MetricsTestKit", package: "swift-metrics"),
            ],
            resources: [.copy("Fixtures")]
        ),
        .testTarget(
            name: "CRMAuthTests",
            dependencies: ["CRMAuth"]
        ),
        .testTarget(
            name: "CRMAuthSQLiteTests",
            dependencies: [
                "CRMAuthSQLite", "CRMAuthTesting", "CRMAuth", "AuthCore", "PasswordPolicy", "TOTP", "SessionTokens",
                "RBAC", "AuditLog", "LockoutPolicy", "LoginFlow", "SQLiteCrashWriter", "CRMAuthTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]
        ),
        // Runs the built crm-auth binary as a process against temporary databases.
        .testTarget(
            name: "CRMAuthCommandTests",
            dependencies: [
                "crm-auth", "CRMAuth", "CRMAuthSQLite", "AuthCore", "LockoutPolicy", "LoginFlow", "CRMAuthTestSupport",
            ]
        ),
        .testTarget(
            name: "CRMAuthPostgresTests",
            dependencies: [
                "CRMAuthPostgres", "CRMAuthTesting", "CRMAuth", "AuthCore", "SessionTokens", "LoginFlow", "AuditLog",
                "LockoutPolicy", "TOTP", "PasswordHashing", "PostgresRaceWorker", "PostgresRaceSupport", "crm-auth",
                "CRMAuthTestSupport", .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        // The Hummingbird adapter; its sources are all under `#if Hummingbird`.
        .target(
            name: "CRMAuthHummingbird",
            dependencies: [
                "CRMAuth", "LoginFlow", "SessionTokens", "LockoutPolicy", "RBAC", "AuthCore",
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Hummingbird"])),
                .product(
                    name: "HummingbirdAuth", package: "hummingbird-auth", condition: .when(traits: ["Hummingbird"])),
                .product(name: "HTTPTypes", package: "swift-http-types", condition: .when(traits: ["Hummingbird"])),
            ]
        ),
        .testTarget(
            name: "CRMAuthHummingbirdTests",
            dependencies: [
                "CRMAuthHummingbird", "CRMAuth", "LoginFlow", "SessionTokens", "LockoutPolicy", "RBAC", "AuthCore",
                .product(name: "Hummingbird", package: "hummingbird", condition: .when(traits: ["Hummingbird"])),
                .product(
                    name: "HummingbirdAuth", package: "hummingbird-auth", condition: .when(traits: ["Hummingbird"])),
                .product(
                    name: "HummingbirdTesting", package: "hummingbird", condition: .when(traits: ["Hummingbird"])),
                .product(name: "HTTPTypes", package: "swift-http-types", condition: .when(traits: ["Hummingbird"])),
            ]
        ),
        // Test support shared by test targets (not a product): starting a built executable.
        .target(name: "CRMAuthTestSupport", path: "Tests/TestSupport"),
        .testTarget(
            name: "CRMAuthTestingTests",
            dependencies: [
                "CRMAuthTesting", "PasswordPolicy", "TOTP", "SessionTokens", "RBAC", "AuditLog", "LockoutPolicy",
                "LoginFlow", "AuthCore",
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)

// One language configuration for every target, set here once rather than per target or per
// declaration (as apple/swift-log does). System library targets compile no Swift and are skipped.
for target in package.targets where [.regular, .executable, .test].contains(target.type) {
    var settings = target.swiftSettings ?? []
    // SE-0335: `any` must be written for existential types.
    settings.append(.enableUpcomingFeature("ExistentialAny"))
    // SE-0444: a member is visible only from modules the file imports itself.
    settings.append(.enableUpcomingFeature("MemberImportVisibility"))
    // SE-0409: imports are internal unless declared `public import`.
    settings.append(.enableUpcomingFeature("InternalImportsByDefault"))
    // SE-0461: a nonisolated async function runs in its caller's isolation (`nonisolated(nonsending)`)
    // unless it is marked `@concurrent`, so a store call from an actor does not hop executors.
    settings.append(.enableUpcomingFeature("NonisolatedNonsendingByDefault"))
    target.swiftSettings = settings
}
