/* The hand-off between the threads that prepare documents and the one that writes them
** (include/lbsearch_handoff.h): what a prepared document holds, and the hooks the tokenizer
** (lbsearch_tokenizer.c) and lbsearch_inflate (lbsearch_text.c) call. */
#ifndef LBSEARCH_HANDOFF_PRIVATE_H
#define LBSEARCH_HANDOFF_PRIVATE_H

#include <stddef.h>

/* A text and the tokens the lbsearch tokenizer gives it as a document, encoded one after the
** other: flags (1 byte), the token's length (varint), its bytes, its start offset (zigzag
** varint, relative to the previous token's start) and its length in the text (zigzag varint).
** A token that is exactly the bytes of the text it spans (a word already lower case and not
** stemmed: most of them) is its flags with LBSEARCH_TOKEN_SLICE, its length and its start. */
#define LBSEARCH_TOKEN_SLICE 0x80
typedef struct lbsearch_tokens {
    char *text;
    size_t textLength;
    unsigned char *tokens;
    size_t tokensLength;
} lbsearch_tokens;

/* A document prepared off the writer: title and body with their tokens, the body compressed. */
struct lbsearch_prepared {
    lbsearch_tokens title;
    lbsearch_tokens body;
    unsigned char *compressed;
    size_t compressedLength;
    /* 1 once its texts and tokens are freed (lbsearch_prepared_release). */
    int released;
};

typedef int (*lbsearch_token_callback)(void *, int, const char *, int, int, int);

/* The armed hand-off's tokens for `text` when it is the next title or body expected (the
** cursor then moves past it), else NULL. */
const lbsearch_tokens *lbsearch_handoff_tokens(const char *text, size_t length);

/* The armed hand-off's body for compressed `data` when it is the next body expected, else NULL. */
const lbsearch_tokens *lbsearch_handoff_body(const void *data, size_t length);

/* Sends the encoded tokens of `tokens` to `callback`; its first error ends the replay. */
int lbsearch_tokens_replay(const lbsearch_tokens *tokens, void *context, lbsearch_token_callback callback);

/* Tokenizes `text` as a document with the lbsearch tokenizer instance `tokenizer` (made by its
** xCreate), bypassing the hand-off. */
int lbsearch_tokenize_document(void *tokenizer, void *context, const char *text, int length,
                               lbsearch_token_callback callback);

#endif
