// swift-tools-version:6.1
import PackageDescription

/// Linker flags that put the Swift runtime and Foundation inside the binary.
///
/// The objects were compiled against the shared Foundation, whose link entries do not name its
/// static parts (ICU, CoreFoundation), so they are named here, as a group because they refer to
/// each other. The HTTP server library (FlyingFox) imports FoundationNetworking, whose static form
/// calls libcurl: the target CLazyCurl opens `libcurl.so.4` (installed with the toolchain's
/// dependencies) on the first call instead of at every start, as lbsearch never opens a URL. The
/// toolchain's lld links them without gold's warning about Foundation's use of `mktemp`. The feed
/// reader's FoundationXML parses with libxml2, a shared library (`libxml2.so.2`, also one of the
/// toolchain's dependencies).
let staticRuntime = [
    "-static-stdlib", "-use-ld=lld", "-Xlinker", "--start-group", "-lFoundation",
    "-lCoreFoundation",
    "-lFoundationInternationalization", "-l_FoundationICU", "-lFoundationEssentials",
    "-l_FoundationCShims", "-l_FoundationCollections", "-lswiftSynchronization",
    "-lFoundationNetworking", "-l_CFURLSessionInterface", "-lFoundationXML", "-l_CFXMLInterface",
    "-Xlinker", "--end-group", "-l:libxml2.so.2", "-lstdc++",
]

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
        // `lbsearch serve`: a small HTTP server on Swift concurrency with no dependencies of its
        // own (a clean release build takes seconds where Hummingbird's 24 packages take minutes).
        .package(url: "https://github.com/swhitty/FlyingFox", exact: "0.27.1"),
        // Test-only: an independent RFC 4180 parser to round-trip our CSV export.
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
    ],
    targets: [
        // The system zlib, for gzip-compressed JSONL (Debian package zlib1g-dev).
        .systemLibrary(name: "CZlib", path: "Sources/CZlib", providers: [.apt(["zlib1g-dev"])]),
        // The system zstd, for stored bodies since schema "v10" (Debian package libzstd-dev; its
        // library, libzstd1, is on every Debian system, as apt itself needs it).
        .systemLibrary(
            name: "CZstd", path: "Sources/CZstd", pkgConfig: "libzstd",
            providers: [.apt(["libzstd-dev"])]),
        // The FTS5 tokenizer "lbsearch" (CJK bigrams, width folding), in C over raw bytes; its
        // extension/ folder is the loadable SQLite extension built by scripts/build-extension.
        // lbsearch_text.c: bodies stored as zstd frames (raw deflate before "v10"), and the SQL
        // functions that read them.
        .target(
            name: "CLBSearchTokenizer", dependencies: ["CZlib", "CZstd"], exclude: ["extension"]),
        // libcurl for the static FoundationNetworking of a release build, loaded on first use.
        .target(
            name: "CLazyCurl",
            cSettings: [
                .define("LBSEARCH_LAZY_CURL", .when(platforms: [.linux], configuration: .release))
            ]),
        .target(
            name: "LBSearchCore",
            dependencies: [
                "CZlib",
                "CLBSearchTokenizer",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "Yams", package: "Yams"),
            ]),
        // The HTTP API and search page of `lbsearch serve`; LBSearchCore stays free of HTTP.
        .target(
            name: "LBSearchServer",
            dependencies: ["LBSearchCore", .product(name: "FlyingFox", package: "FlyingFox")]),
        .executableTarget(
            name: "lbsearch",
            dependencies: [
                "LBSearchCore", "LBSearchServer", "CLazyCurl",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            // A release binary carries the Swift runtime and Foundation inside it: loading and
            // relocating their shared libraries took most of a search's start (scripts/bench
            // sample-query). Debug builds and tests keep the shared libraries.
            linkerSettings: [
                .unsafeFlags(staticRuntime, .when(platforms: [.linux], configuration: .release))
            ]),
        // Benchmark (scripts/bench-ranking): ranking latency beside plain FTS5 bm25().
        .executableTarget(
            name: "lbsearch-bench",
            dependencies: ["LBSearchCore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Sources/lbsearch-bench"),
        .target(
            name: "LBSearchTestSupport",
            dependencies: ["LBSearchCore", .product(name: "GRDB", package: "GRDB.swift")],
            path: "Sources/LBSearchTestSupport"),
        .testTarget(
            name: "LBSearchCoreTests",
            dependencies: [
                "LBSearchCore", "LBSearchTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
                .product(name: "CSV", package: "CSV.swift"),
                // Test-only: the Markdown extractor is compared with its Yams-only reading.
                .product(name: "Yams", package: "Yams"),
            ],
            exclude: [
                "Export/Snapshots", "Ranking/Snapshots", "Store/Fixtures", "Store/Snapshots",
            ]),
        .testTarget(
            name: "lbsearchTests",
            dependencies: [
                "lbsearch", "LBSearchCore", "LBSearchTestSupport",
                .product(name: "GRDB", package: "GRDB.swift"),
            ],
            exclude: ["Snapshots"]),
        .testTarget(
            name: "LBSearchServerTests",
            dependencies: [
                "LBSearchServer", "LBSearchCore", "LBSearchTestSupport",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]),
    ],
    swiftLanguageModes: [.v6]
)
