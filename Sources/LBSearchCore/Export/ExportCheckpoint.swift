import Foundation

/// The file `lbsearch export --checkpoint FILE` keeps: the last run an export covered, as
/// decimal digits and a line feed, so the next export asks only for the changes after it.
///
/// It is written only after the export itself succeeded, atomically (`OutputFile`: a
/// temporary file renamed over it), so an export that fails or is interrupted leaves it as it
/// was and the next one exports the same changes again.
public enum ExportCheckpoint {
    /// The run id in the file at `path`; nil when there is no such file (a full export).
    ///
    /// A folder, device, FIFO or socket at `path` is refused before anything is exported:
    /// it cannot hold a run id for the next export (`/dev/null` would make every export a
    /// full one, silently).
    public static func read(_ path: String) throws(LBSearchError) -> Int64? {
        var info = stat()
        if stat(path, &info) == 0, let kind = LBSearchError.SpecialFile(mode: info.st_mode) {
            throw .export(.checkpointNotAFile(path: path, kind: kind))
        }
        guard let data = FileManager.default.contents(atPath: path) else {
            guard FileManager.default.fileExists(atPath: path) else { return nil }
            throw .export(
                .unreadableCheckpoint(path: path, errno: access(path, R_OK) == 0 ? EIO : errno))
        }
        let text = String(decoding: data, as: UTF8.self).trimmingCharacters(
            in: .whitespacesAndNewlines)
        guard let run = Int64(text), run >= 0, text.allSatisfy(\.isASCII) else {
            throw .export(.badCheckpoint(path: path))
        }
        return run
    }

    /// Records `run` in the file at `path`; `index` is the index file, never overwritten.
    public static func write(_ run: Int64, to path: String, index: String?) throws(LBSearchError) {
        try OutputFile.write(Data("\(run)\n".utf8), to: path, index: index)
    }
}
