extension IndexPlan {
    /// Makes an `IndexPlan` from the walk and the stored files, given one at a time, so that a
    /// run holds the index's million `files` rows only as long as it compares each one.
    ///
    /// What it keeps per found file is its position by path and a one-byte state; per stored
    /// file, nothing unless the file changed or went missing.
    public struct Planner {
        /// What the comparison has found about one found file.
        enum State: UInt8 {
            /// The index does not hold it (yet): to read.
            case new
            /// The index holds it with the same size and mtime: not read.
            case unchanged
            /// The index holds it with another size or mtime: to read.
            case changed
            /// The walk listed its path before: taken once.
            case repeated
        }

        let found: [FileEntry]
        var positions: [String: Int32] = [:]
        var states: [State]
        let roots: [String]
        let unreadable: [String]
        let rereadFeeds: Bool
        var plan = IndexPlan()
        /// Stored files compared so far.
        public private(set) var storedCount = 0
        /// Stored files and their documents under each root, for the roots the walk cannot
        /// read (`Indexer.unavailable`).
        public private(set) var storedUnder: [String: (files: Int, documents: Int)] = [:]

        /// A planner for the files `found` under `roots`, none of `unreadable` (folders whose
        /// stored files are kept as they are).
        public init(
            found: [FileEntry], roots: [String], unreadable: [String] = [],
            rereadFeeds: Bool = false
        ) {
            self.found = found
            self.roots = roots
            self.unreadable = unreadable
            self.rereadFeeds = rereadFeeds
            states = Array(repeating: .new, count: found.count)
            positions.reserveCapacity(found.count)
            for (position, entry) in found.enumerated() {
                if positions[entry.path] == nil {
                    positions[entry.path] = Int32(position)
                } else {
                    states[position] = .repeated
                }
            }
        }

        /// Compares one stored file with the walk.
        public mutating func compare(_ file: StoredFile) {
            storedCount += 1
            for root in roots where IndexPlan.isUnder(root, file.path) {
                storedUnder[root, default: (0, 0)].files += 1
                storedUnder[root, default: (0, 0)].documents += file.documents
            }
            guard let position = positions[file.path].map(Int.init) else {
                if IndexPlan.isUnder(roots, file.path), !IndexPlan.isUnder(unreadable, file.path) {
                    plan.missing.append(file)
                }
                return
            }
            let entry = found[position]
            if file.size == entry.size, file.mtime == entry.mtime,
                !(rereadFeeds && entry.format == .feed)
            {
                states[position] = .unchanged
                plan.unchangedFiles += 1
                plan.unchangedDocuments += file.documents
            } else {
                states[position] = .changed
                plan.stored[file.path] = file
            }
        }

        /// The plan, once every stored file was compared; missing files count only under
        /// `available` roots (those the walk could read; by default all).
        ///
        /// Lets go of the positions first, and shares the walk's list when every file is to be
        /// read (a first build): at a million files the plan then never holds two lists and a
        /// table of paths at once.
        public mutating func plan(roots available: [String]? = nil) -> IndexPlan {
            positions = [:]
            var plan = plan
            plan.rereadFeeds = rereadFeeds
            if states.allSatisfy({ $0 == .new }) {
                plan.toRead = found
            } else {
                plan.toRead.reserveCapacity(states.count { $0 == .new || $0 == .changed })
                for (position, entry) in found.enumerated()
                where states[position] == .new || states[position] == .changed {
                    plan.toRead.append(entry)
                }
            }
            if let available {
                plan.missing.removeAll { !IndexPlan.isUnder(available, $0.path) }
            }
            plan.missing.sort { $0.path < $1.path }
            for file in plan.missing { plan.movable[file.hash, default: []].append(file) }
            return plan
        }
    }
}
