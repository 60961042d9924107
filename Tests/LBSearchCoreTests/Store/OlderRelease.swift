import GRDB
import LBSearchTestSupport

@testable import LBSearchCore

/// What a release that stops one migration short sees of an index of the schema before it.
enum OlderRelease {
    /// Whether a release knowing every migration but `migration` finds the fixture of schema
    /// `version` newer than itself before and after this release opens it for writing (which
    /// upgrades it); both false then true when the upgrade records `migration`, so the older
    /// release refuses the upgraded index (`hasBeenSuperseded`).
    static func seesNewer(fixture version: String, without migration: String) throws
        -> (before: Bool, after: Bool)
    {
        let folder = try TemporaryFolder()
        let path = try schemaFixture(version, in: folder)
        var older = DatabaseMigrator()
        for name in Schema.migrator.migrations where name != migration {
            older.registerMigration(name) { _ in }
        }
        let queue = try DatabaseQueue(path: path)
        let before = try queue.read { try older.hasBeenSuperseded($0) }
        try queue.close()
        _ = try IndexStore.openForWriting(at: path)
        let upgraded = try DatabaseQueue(path: path)
        defer { try? upgraded.close() }
        return (before, try upgraded.read { try older.hasBeenSuperseded($0) })
    }
}
