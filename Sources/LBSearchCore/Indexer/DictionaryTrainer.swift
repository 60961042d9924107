import CLBSearchTokenizer
import Foundation

/// Decides when a run trains the index's dictionary (`BodyDictionary`) and which dictionary the
/// bodies of each prepared step are compressed with.
///
/// An index without a trained dictionary keeps the shipped one until a run has seen
/// `sampleBodies` bodies and `sampleBytes` of their text (their first `bytesPerSample` bytes
/// each): then it trains one, once, from those samples, before compressing the step that
/// completed them, so that step and every later body use it; earlier steps' bodies keep the
/// shipped dictionary. A small corpus (the bundled `corpus/`, 53 documents) never gets there, and
/// its index is as before. The samples are the first bodies in the order documents are prepared,
/// so the same files give the same dictionary. Used by one thread at a time (`BatchPipeline`'s
/// preparing steps, in order).
///
/// Once an index has a dictionary it keeps it: a run never trains again, even when the index
/// has grown a hundredfold since. Training again would add a second row to `dictionaries`
/// (zstd derives ids from the content, so a new one differs), the older bodies still reading
/// with theirs, and would need `meta` to name the one new bodies use; not done, since a
/// dictionary of the first 1,000 documents of the synthetic corpus stored 100,000 of them in
/// 0.391 of their text, against 0.390 from 2,000.
///
/// How large a dictionary it trains depends on the text the run reads (`capacity`): the larger
/// one costs 150 KB once and saves 1.5-4 % of the text compressed after it, so it pays only on a
/// large run (measured in `BodyDictionary`). More samples did not help: 2,000 bodies and 4 MB
/// stored `large` in 54.09 MB of bodies against 53.98 MB from 1,000, since the bodies before
/// training keep the shipped dictionary.
final class DictionaryTrainer: @unchecked Sendable {
    /// Bodies sampled before training, at least.
    static let sampleBodies = 1000
    /// Bytes of sampled text before training, at least (ten times a dictionary).
    static let sampleBytes = 1 << 20
    /// Bytes of each body sampled: more gave 0.001 less on `large` for three times the time.
    static let bytesPerSample = 4096

    /// The most bytes the dictionary it trains takes.
    let capacity: Int
    /// The dictionary bodies are compressed with from now on; nil for the shipped one.
    private(set) var dictionary: BodyDictionary?
    private var samples: [Data] = []
    private var sampled = 0
    /// True once trained, or once zstd could not train one: a run tries once.
    private var finished: Bool

    /// A trainer for an index whose dictionary is `dictionary` (nil: none yet), in a run that
    /// reads `textBytes` bytes of text.
    init(_ dictionary: BodyDictionary?, textBytes: Int64 = 0) {
        self.dictionary = dictionary
        finished = dictionary != nil
        capacity = Self.capacity(textBytes: textBytes)
    }

    /// The most bytes of a dictionary trained in a run that reads `textBytes` bytes of text: the
    /// larger capacity once the run's text is 64 times it.
    static func capacity(textBytes: Int64) -> Int {
        textBytes >= Int64(LBSEARCH_LARGE_DICTIONARY_TEXT)
            ? Int(LBSEARCH_LARGE_DICTIONARY_CAPACITY) : Int(LBSEARCH_DICTIONARY_CAPACITY)
    }

    /// The dictionary to compress the documents of `files` with: trained first when these
    /// documents complete the samples.
    func dictionary(for files: [PreparedFile]) -> BodyDictionary? {
        guard !finished else { return dictionary }
        for file in files {
            for document in file.documents where !document.body.isEmpty {
                samples.append(Data(document.body.utf8.prefix(Self.bytesPerSample)))
                sampled += samples[samples.count - 1].count
                if samples.count >= Self.sampleBodies, sampled >= Self.sampleBytes {
                    finished = true
                    dictionary = BodyDictionary.trained(from: samples, capacity: capacity)
                    samples = []
                    return dictionary
                }
            }
        }
        return nil
    }
}
