import Foundation
import GRDB

/// The index an older release wrote, made from its committed SQL dump
/// (`Tests/LBSearchCoreTests/Store/Fixtures/index-VERSION.sql`) as `VERSION.db` in `folder`.
///
/// The dumps are the schema and rows each release left, so a test can open an index of that
/// release as a user who upgrades meets it; every migration test starts from one.
public func schemaFixture(_ version: String, in folder: TemporaryFolder) throws -> String {
    let support = (#filePath as NSString).deletingLastPathComponent
    let fixture = (support as NSString).appendingPathComponent(
        "../../Tests/LBSearchCoreTests/Store/Fixtures/index-\(version).sql")
    let dump = try String(contentsOfFile: fixture, encoding: .utf8)
    let path = folder.file("\(version).db")
    let queue = try DatabaseQueue(path: path)
    try queue.writeWithoutTransaction { db in try db.execute(sql: dump) }
    try queue.close()
    return path
}
