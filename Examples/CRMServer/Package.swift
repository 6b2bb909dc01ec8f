// swift-tools-version: 6.2

import PackageDescription

// A small CRM that signs people in with CRMAuth over Hummingbird (issue 18):
// `swift run --package-path Examples/CRMServer CRMServer --port 8080 --database PATH`.
let package = Package(
    name: "CRMServer",
    platforms: [.macOS(.v15)],
    dependencies: [
        .package(name: "CRMAuth", path: "../..", traits: ["Hummingbird"]),
        .package(url: "https://github.com/hummingbird-project/hummingbird.git", from: "2.28.1"),
        .package(url: "https://github.com/hummingbird-project/hummingbird-auth.git", from: "2.5.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache.git", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
    ],
    targets: [
        .executableTarget(
            name: "CRMServer",
            dependencies: [
                .product(name: "CRMAuth", package: "CRMAuth"),
                .product(name: "CRMAuthSQLite", package: "CRMAuth"),
                .product(name: "CRMAuthHummingbird", package: "CRMAuth"),
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "HummingbirdAuth", package: "hummingbird-auth"),
                .product(name: "Mustache", package: "swift-mustache"),
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            resources: [.copy("Templates")]
        )
    ],
    swiftLanguageModes: [.v6]
)
