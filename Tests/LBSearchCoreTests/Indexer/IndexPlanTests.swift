import Foundation
import LBSearchTestSupport
import Testing

@testable import LBSearchCore

/// The plan decides every change from the walk, the stored `files` rows and the hashes of the
/// files it had read: no database, no file system.
struct IndexPlanTests {
    /// A file the walk found under `/r`: its size, mtime and the hash its bytes have (nil when
    /// it cannot be read).
    struct Found: Sendable {
        var name: String
        var size: Int64
        var mtime: Double
        var hash: String?
    }

    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let stored: [StoredFile]
        let found: [Found]
        /// The changes, in the order a run applies them (see `changes`).
        let expected: [String]
        var testDescription: String { name }
    }

    /// A stored file under `/r` with one document.
    static func stored(_ name: String, _ size: Int64, _ mtime: Double, _ hash: String)
        -> StoredFile
    {
        StoredFile(path: "/r/" + name, size: size, mtime: mtime, hash: hash, documents: 1)
    }

    static let cases: [Case] = [
        Case(
            name: "unchanged: same size and mtime, not read",
            stored: [stored("a", 1, 1, "h1")], found: [Found(name: "a", size: 1, mtime: 1)],
            expected: ["unchanged a"]),
        Case(
            name: "touched: mtime changed, hash the same",
            stored: [stored("a", 1, 1, "h1")],
            found: [Found(name: "a", size: 1, mtime: 2, hash: "h1")], expected: ["touch a"]),
        Case(
            name: "changed: another hash",
            stored: [stored("a", 1, 1, "h1")],
            found: [Found(name: "a", size: 2, mtime: 2, hash: "h2")], expected: ["replace a"]),
        Case(
            name: "new", stored: [], found: [Found(name: "a", size: 1, mtime: 1, hash: "h1")],
            expected: ["add a"]),
        Case(
            name: "removed", stored: [stored("a", 1, 1, "h1")], found: [],
            expected: ["remove a"]),
        Case(
            name: "moved: a new path with a missing file's hash",
            stored: [stored("a", 1, 1, "h1")],
            found: [Found(name: "sub/b", size: 1, mtime: 5, hash: "h1")],
            expected: ["move a -> sub/b"]),
        Case(
            name: "unreadable: its documents leave",
            stored: [stored("a", 1, 1, "h1")], found: [Found(name: "a", size: 1, mtime: 2)],
            expected: ["remove a"]),
        Case(
            name: "two unchanged files with the same hash",
            stored: [stored("a", 1, 1, "h1"), stored("b", 1, 1, "h1")],
            found: [Found(name: "a", size: 1, mtime: 1), Found(name: "b", size: 1, mtime: 1)],
            expected: ["unchanged a", "unchanged b"]),
        Case(
            name: "two missing files with the same hash, one new: the last by path moves",
            stored: [stored("a", 1, 1, "h1"), stored("b", 1, 1, "h1")],
            found: [Found(name: "c", size: 1, mtime: 1, hash: "h1")],
            expected: ["move b -> c", "remove a"]),
        Case(
            name: "one missing file, two new with its hash: the first found moves",
            stored: [stored("a", 1, 1, "h1")],
            found: [
                Found(name: "b", size: 1, mtime: 1, hash: "h1"),
                Found(name: "c", size: 1, mtime: 1, hash: "h1"),
            ],
            expected: ["move a -> b", "add c"]),
        Case(
            name: "a copy of a file that is still there is new, not a move",
            stored: [stored("a", 1, 1, "h1")],
            found: [
                Found(name: "a", size: 1, mtime: 1),
                Found(name: "b", size: 1, mtime: 1, hash: "h1"),
            ],
            expected: ["unchanged a", "add b"]),
        Case(
            name: "moved and changed: a new file and a removal",
            stored: [stored("a", 1, 1, "h1")],
            found: [Found(name: "b", size: 2, mtime: 2, hash: "h2")],
            expected: ["add b", "remove a"]),
        Case(
            name: "a move and a change in one run",
            stored: [stored("a", 1, 1, "h1"), stored("x", 1, 1, "hx")],
            found: [
                Found(name: "b", size: 1, mtime: 1, hash: "h1"),
                Found(name: "x", size: 3, mtime: 3, hash: "hx2"),
            ],
            expected: ["move a -> b", "replace x"]),
        Case(
            name: "a missing file's content written over an indexed file replaces it",
            stored: [stored("a", 1, 1, "h1"), stored("b", 2, 2, "h2")],
            found: [Found(name: "b", size: 1, mtime: 3, hash: "h1")],
            expected: ["replace b", "remove a"]),
    ]

    /// What a run does with `found`, as short lines: the unchanged files, then each file read
    /// in walk order, then the removals.
    static func changes(_ example: Case) -> [String] {
        let entries = example.found.map {
            FileEntry(path: "/r/" + $0.name, size: $0.size, mtime: $0.mtime, format: .text)
        }
        let hashes = Dictionary(
            uniqueKeysWithValues: example.found.map { ("/r/" + $0.name, $0.hash) })
        let stored = Dictionary(uniqueKeysWithValues: example.stored.map { ($0.path, $0) })
        var plan = IndexPlan.make(found: entries, stored: stored, roots: ["/r"])
        let toRead = Set(plan.toRead.map(\.path))
        var lines = entries.filter { !toRead.contains($0.path) }.map {
            "unchanged " + name($0.path)
        }
        #expect(plan.unchangedFiles == lines.count)
        for entry in plan.toRead {
            lines.append(describe(plan.change(for: entry, hash: hashes[entry.path] ?? nil)))
        }
        return lines + plan.removals.map(describe)
    }

    static func describe(_ change: IndexPlan.Change) -> String {
        switch change {
        case .touch(let entry, _): "touch " + name(entry.path)
        case .move(let entry, let source): "move \(name(source.path)) -> \(name(entry.path))"
        case .add(let entry, _): "add " + name(entry.path)
        case .replace(let entry, _): "replace " + name(entry.path)
        case .remove(let path): "remove " + name(path)
        }
    }

    static func name(_ path: String) -> String {
        String(path.dropFirst("/r/".count))
    }

    @Test(arguments: cases)
    func decides(_ example: Case) {
        #expect(Self.changes(example) == example.expected)
    }

    @Test func aChangeCarriesWhatApplyingItNeeds() {
        let entry = FileEntry(path: "/r/b", size: 1, mtime: 5, format: .text)
        let source = Self.stored("a", 1, 1, "h1")
        var plan = IndexPlan.make(found: [entry], stored: [source.path: source], roots: ["/r"])
        #expect(plan.change(for: entry, hash: "h1") == .move(entry, from: source))
        #expect(plan.removals.isEmpty)
    }

    @Test func storedFilesOutsideTheRootsAreNotMissing() {
        let stored = [
            "/r/gone.txt": StoredFile(
                path: "/r/gone.txt", size: 2, mtime: 9, hash: "h", documents: 1),
            "/rx/other.txt": StoredFile(
                path: "/rx/other.txt", size: 2, mtime: 9, hash: "h", documents: 1),
        ]
        let plan = IndexPlan.make(found: [], stored: stored, roots: ["/r"])
        #expect(plan.missing.map(\.path) == ["/r/gone.txt"])
    }

    /// The planner takes stored files one at a time, in any order, and keeps none it does not
    /// need: the same plan as from all of them at once.
    @Test func storedFilesOneAtATimeInAnyOrderGiveTheSamePlan() {
        let found = (0..<40).map {
            FileEntry(path: "/r/f\($0)", size: 1, mtime: $0 % 3 == 0 ? 2 : 1, format: .text)
        }
        let stored = (5..<60).map { Self.stored("f\($0)", 1, 1, "h\($0 % 7)") }
        let whole = IndexPlan.make(
            found: found, stored: Dictionary(uniqueKeysWithValues: stored.map { ($0.path, $0) }),
            roots: ["/r"])
        var planner = IndexPlan.Planner(found: found + [found[7]], roots: ["/r", "/r/f5"])
        for file in stored.reversed() { planner.compare(file) }
        let plan = planner.plan(roots: ["/r"])
        #expect(plan.toRead == whole.toRead)
        #expect(plan.toRead.map(\.path).filter { $0 == "/r/f7" }.isEmpty)
        #expect(plan.missing == whole.missing)
        #expect(plan.missing.map(\.path) == (40..<60).map { "/r/f\($0)" }.sorted())
        #expect((plan.unchangedFiles, plan.unchangedDocuments) == (23, 23))
        #expect(plan.stored.count == 12)
        #expect(planner.storedCount == 55)
        #expect(planner.storedUnder["/r"].map { [$0.files, $0.documents] } == [55, 55])
        #expect(planner.storedUnder["/r/f5"].map { [$0.files, $0.documents] } == [1, 1])
    }

    @Test func isUnderComparesWholeFolderNames() {
        #expect(IndexPlan.isUnder(["/r"], "/r/a"))
        #expect(IndexPlan.isUnder(["/r"], "/r"))
        #expect(IndexPlan.isUnder(["/r/"], "/r/a"))
        #expect(IndexPlan.isUnder(["/"], "/a"))
        #expect(!IndexPlan.isUnder(["/r"], "/rx/a"))
        #expect(!IndexPlan.isUnder(["/r/a"], "/r"))
        #expect(IndexPlan.isUnder(["/é"], "/é/a"))
    }

    /// Files under a folder the walk could not list are kept: nobody knows they are gone.
    @Test func filesUnderAnUnreadableFolderAreNotMissing() {
        let stored = [
            "/r/locked/a.txt": StoredFile(
                path: "/r/locked/a.txt", size: 1, mtime: 1, hash: "h", documents: 1),
            "/r/lockedness.txt": StoredFile(
                path: "/r/lockedness.txt", size: 1, mtime: 1, hash: "h", documents: 1),
        ]
        let plan = IndexPlan.make(
            found: [], stored: stored, roots: ["/r"], unreadable: ["/r/locked"])
        #expect(plan.missing.map(\.path) == ["/r/lockedness.txt"])
    }
}

/// Preparing a file reads and hashes it, and extracts documents only for content new to the
/// index.
struct PreparedFileTests {
    @Test func onlyNewContentIsExtracted() throws {
        let folder = try TemporaryFolder()
        let same = try folder.write("same.txt", "Same\n\nwords")
        let changed = try folder.write("changed.txt", "Changed\n\nnew words")
        let moved = try folder.write("moved.txt", "Moved\n\nwords")
        let hash = { (path: String) in
            ContentHash.of(try Data(contentsOf: URL(fileURLWithPath: path)))
        }
        let stored = [
            StoredFile(path: same, size: 1, mtime: 1, hash: try hash(same), documents: 1),
            StoredFile(path: changed, size: 1, mtime: 1, hash: "old", documents: 1),
            StoredFile(
                path: folder.file("gone.txt"), size: 1, mtime: 1, hash: try hash(moved),
                documents: 1),
        ]
        var walker = FileWalker()
        walker.walk([folder.path])
        var plan = IndexPlan.make(
            found: walker.files,
            stored: Dictionary(uniqueKeysWithValues: stored.map { ($0.path, $0) }),
            roots: [folder.path])
        let prepared = plan.toRead.map { PreparedFile($0, plan: &plan) }
        let extracted = prepared.map { file in
            (
                IndexPlanTests.describe(file.change).split(separator: " ").first ?? "",
                file.documents.map(\.title)
            )
        }
        #expect(extracted.map(\.0) == ["replace", "move", "touch"])
        #expect(extracted.map(\.1) == [["Changed"], [], []])
    }
}
