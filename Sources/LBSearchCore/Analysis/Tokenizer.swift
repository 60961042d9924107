import CLBSearchTokenizer
import GRDB

/// lbsearch's FTS5 tokenizer, `lbsearch`, written in C (`Sources/CLBSearchTokenizer`).
///
/// CJK runs become overlapping character bigrams; everything else is tokenized by FTS5's
/// `porter unicode61 remove_diacritics 2`. Full-width and half-width forms are folded first.
public enum Tokenizer {
    /// The name in `tokenize = '…'`.
    public static let name = LBSEARCH_TOKENIZER_NAME

    /// Registers the tokenizer on `db`.
    ///
    /// Tokenizers are per connection (FTS5 documentation, section 7.1 "Custom Tokenizers"), so
    /// every connection that opens an index needs it.
    static func register(_ db: Database) {
        let api = UnsafeMutableRawPointer(mutating: FTS5.api(db))
        _ = lbsearch_tokenizer_register(api)
    }
}
