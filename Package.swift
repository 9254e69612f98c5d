// swift-tools-version:6.0
import PackageDescription

let package = Package(
    name: "portal",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "portal", targets: ["portal"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-crypto", "3.12.0"..<"5.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CNcursesw",
            providers: [.apt(["libncursesw5-dev"]), .brew(["ncurses"])]
        ),
        // QR codes for authenticator registration come from libqrencode, not a
        // hand-written encoder.
        .systemLibrary(
            name: "CQrencode",
            providers: [.apt(["libqrencode-dev"]), .brew(["qrencode"])]
        ),
        // PostgreSQL's own client library: the database store talks through it.
        .systemLibrary(
            name: "CLibpq",
            pkgConfig: "libpq",
            providers: [.apt(["libpq-dev"]), .brew(["libpq"])]
        ),
        .target(
            name: "PortalCore",
            dependencies: [
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
            ]
        ),
        .target(
            name: "PortalStore",
            dependencies: ["PortalCore", "CLibpq"],
            // The database's schema: numbered SQL files, applied in order.
            resources: [.embedInCode("Migrations/0001_initial.sql"), .embedInCode("Migrations/0002_catalog_search.sql"),
                        .embedInCode("Migrations/0003_change_notifications.sql")]
        ),
        .target(
            name: "PortalUI",
            dependencies: ["PortalCore", "PortalStore", "PortalProbe", "CQrencode"],
            // Themes/ at the top level is linked here and compiled in, so the
            // binary carries its themes wherever it is installed.
            resources: [
                .embedInCode("Themes/default.json"), .embedInCode("Themes/dark.json"),
                .embedInCode("Themes/light.json"), .embedInCode("Themes/high-contrast.json"),
                .embedInCode("Themes/monochrome.json"),
            ]
        ),
        .target(name: "PortalCurses", dependencies: ["PortalUI", "CNcursesw"]),
        // Reads this Linux host's files (os-release, mounts, sysfs, password policy).
        .target(name: "PortalProbe", dependencies: ["PortalCore"]),
        .executableTarget(
            name: "portal",
            dependencies: [
                "PortalCore", "PortalStore", "PortalUI", "PortalCurses", "PortalProbe",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        // Writes a store over and over, for the crash-safety and concurrency tests.
        .executableTarget(name: "store-writer", dependencies: ["PortalCore", "PortalStore"]),
        // A throwaway PostgreSQL server for the database tests; never shipped.
        .target(name: "PortalTestCluster"),
        .testTarget(name: "PortalCoreTests", dependencies: ["PortalCore"]),
        .testTarget(name: "PortalStoreTests", dependencies: ["PortalStore", "PortalTestCluster"]),
        .testTarget(name: "PortalUITests", dependencies: ["PortalUI", "PortalStore", "PortalTestCluster"]),
        .testTarget(name: "PortalEndToEndTests", dependencies: ["PortalStore", "PortalUI", "PortalTestCluster"]),
        .testTarget(name: "PortalProbeTests", dependencies: ["PortalProbe"]),
    ],
    swiftLanguageModes: [.v6]
)
