// swift-tools-version:6.1
import PackageDescription

let package = Package(
    name: "lbsearch",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "lbsearch", targets: ["lbsearch"]),
        .library(name: "LBSearchCore", targets: ["LBSearchCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/groue/GRDB.swift", exact: "7.10.0"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        // Test-only: an independent RFC 4180 parser to round-trip our CSV export.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        .target(
            name: "LBSearchCore",
            dependencies: [
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ]),
        .executableTarget(
            name: "lbsearch",
            dependencies: [
                "LBSearchCore",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
        .target(
            name: "LBSearchTestSupport",
            dependencies: ["LBSearchCore"],
            path: "Sources/LBSearchTestSupport"),
        .testTarget(
            name: "LBSearchCoreTests",
            dependencies: [
                "LBSearchCore", "LBSearchTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
            ]),
        .testTarget(
            name: "lbsearchTests",
            dependencies: [
                "lbsearch", "LBSearchCore", "LBSearchTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
