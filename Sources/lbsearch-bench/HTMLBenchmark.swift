import Foundation
@_spi(Benchmarks) import LBSearchCore

/// The HTML extractor's visible text, white space collapsed over bytes against `Character`s.
///
/// `lbsearch-bench html --roots DIR[,DIR…] [--runs N]` reads every `.html` file under the
/// roots, and every `.txt`/`.md` file turned into a page (each paragraph a `<p>`, so that a
/// generated corpus gives pages of news size), and renders each page both ways in the same
/// run: it prints the totals per run, their ratio, and whether the two texts were the same.
enum HTMLBenchmark {
    static func run() throws {
        guard let roots = option("--roots") else { throw UsageError("html needs --roots DIR") }
        let runs = Int(option("--runs", "5") ?? "") ?? 5
        let pages = try roots.split(separator: ",").flatMap { try Self.pages(under: String($0)) }
        let bytes = pages.reduce(0) { $0 + $1.utf8.count }
        var fast: [Double] = []
        var slow: [Double] = []
        for _ in 0..<runs {
            slow.append(
                milliseconds {
                    for page in pages { _ = HTMLExtractor.visibleText(page, byCharacters: true) }
                })
            fast.append(
                milliseconds {
                    for page in pages { _ = HTMLExtractor.visibleText(page, byCharacters: false) }
                })
        }
        let same = pages.allSatisfy {
            HTMLExtractor.visibleText($0, byCharacters: true)
                == HTMLExtractor.visibleText($0, byCharacters: false)
        }
        print("\(pages.count) pages, \(bytes / 1024) KiB; same text: \(same)")
        report("visible text, bytes", fast)
        report("  baseline: Characters", slow)
        print(String(format: "ratio p50 %.2f", percentile(fast, 0.5) / percentile(slow, 0.5)))
    }

    /// The pages under `root`: `.html` files as they are, `.txt` and `.md` files wrapped.
    static func pages(under root: String) throws -> [String] {
        guard let walker = FileManager.default.enumerator(atPath: root) else { return [] }
        var pages: [String] = []
        for case let name as String in walker {
            let path = (root as NSString).appendingPathComponent(name)
            guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { continue }
            if name.hasSuffix(".html") {
                pages.append(text)
            } else if name.hasSuffix(".txt") || name.hasSuffix(".md") {
                pages.append(Self.page(text))
            }
        }
        return pages.sorted()
    }

    /// `text` as a page: the first line the title, each paragraph a `<p>` over its lines.
    static func page(_ text: String) -> String {
        let paragraphs = text.components(separatedBy: "\n\n")
        let title = paragraphs.first ?? ""
        let body = paragraphs.dropFirst().map { "  <p>\($0)</p>" }.joined(separator: "\n")
        return
            "<html><head><title>\(title)</title></head>\n<body>\n<h1>\(title)</h1>\n\(body)\n</body></html>\n"
    }
}
