/* UTF-8 decoding and encoding for the lbsearch tokenizer. Invalid bytes decode as themselves,
** one byte at a time, so any input is walked to its end and copied unchanged. */
#ifndef LBSEARCH_UTF8_H
#define LBSEARCH_UTF8_H

#include <stddef.h>
#include <stdint.h>

/* The code point at `*at` in `bytes` (`length` long); advances `*at` past it. */
static inline uint32_t lbsearch_utf8_decode(const unsigned char *bytes, size_t length, size_t *at) {
    size_t i = *at;
    uint32_t c = bytes[i];
    size_t extra = c >= 0xF0 && c < 0xF8 ? 3 : c >= 0xE0 ? 2 : c >= 0xC0 ? 1 : 0;
    if (c >= 0xF8 || i + extra >= length) extra = 0;
    uint32_t value = extra == 3 ? c & 0x07 : extra == 2 ? c & 0x0F : extra == 1 ? c & 0x1F : c;
    for (size_t k = 1; k <= extra; k++) {
        if ((bytes[i + k] & 0xC0) != 0x80) { *at = i + 1; return c; }
        value = (value << 6) | (bytes[i + k] & 0x3F);
    }
    *at = i + 1 + extra;
    return value;
}

/* Writes `c` as UTF-8 at `out`; returns the number of bytes. */
static inline size_t lbsearch_utf8_encode(uint32_t c, unsigned char *out) {
    if (c < 0x80) { out[0] = (unsigned char)c; return 1; }
    if (c < 0x800) { out[0] = 0xC0 | (c >> 6); out[1] = 0x80 | (c & 0x3F); return 2; }
    if (c < 0x10000) {
        out[0] = 0xE0 | (c >> 12); out[1] = 0x80 | ((c >> 6) & 0x3F); out[2] = 0x80 | (c & 0x3F);
        return 3;
    }
    out[0] = 0xF0 | (c >> 18); out[1] = 0x80 | ((c >> 12) & 0x3F);
    out[2] = 0x80 | ((c >> 6) & 0x3F); out[3] = 0x80 | (c & 0x3F);
    return 4;
}

#endif
