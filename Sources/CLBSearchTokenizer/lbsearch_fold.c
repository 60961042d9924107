/* Width folding and script classification for the lbsearch tokenizer (UTF-8 in, UTF-8 out).
**
** Folding follows Unicode's compatibility decompositions of the Halfwidth and Fullwidth Forms
** block (U+FF00..U+FFEF) and of the ideographic space, as NFKC would, and nothing else: the
** rest of the text is already NFC (lbsearch normalizes what it indexes). */
#include "lbsearch_tokenizer.h"
#include "lbsearch_utf8.h"

/* Half-width katakana U+FF66..U+FF9D as full-width katakana. */
static const uint16_t halfwidthKatakana[] = {
    0x30F2, 0x30A1, 0x30A3, 0x30A5, 0x30A7, 0x30A9, 0x30E3, 0x30E5, 0x30E7, 0x30C3, /* FF66 */
    0x30FC, 0x30A2, 0x30A4, 0x30A6, 0x30A8, 0x30AA, 0x30AB, 0x30AD, 0x30AF, 0x30B1, /* FF70 */
    0x30B3, 0x30B5, 0x30B7, 0x30B9, 0x30BB, 0x30BD, 0x30BF, 0x30C1, 0x30C4, 0x30C6, /* FF7A */
    0x30C8, 0x30CA, 0x30CB, 0x30CC, 0x30CD, 0x30CE, 0x30CF, 0x30D2, 0x30D5, 0x30D8, /* FF84 */
    0x30DB, 0x30DE, 0x30DF, 0x30E0, 0x30E1, 0x30E2, 0x30E4, 0x30E6, 0x30E8, 0x30E9, /* FF8E */
    0x30EA, 0x30EB, 0x30EC, 0x30ED, 0x30EF, 0x30F3,                                 /* FF98 */
};

/* Half-width Hangul jamo U+FFA0..U+FFDC as compatibility jamo (0 = unassigned). */
static uint32_t halfwidthHangul(uint32_t c) {
    if (c == 0xFFA0) return 0x3164;
    if (c >= 0xFFA1 && c <= 0xFFBE) return c - 0xFFA1 + 0x3131;
    if (c >= 0xFFC2 && c <= 0xFFC7) return c - 0xFFC2 + 0x314F;
    if (c >= 0xFFCA && c <= 0xFFCF) return c - 0xFFCA + 0x3155;
    if (c >= 0xFFD2 && c <= 0xFFD7) return c - 0xFFD2 + 0x315B;
    if (c >= 0xFFDA && c <= 0xFFDC) return c - 0xFFDA + 0x3161;
    return 0;
}

/* Full-width signs U+FFE0..U+FFEE (0 = unassigned). */
static const uint16_t fullwidthSigns[] = {
    0x00A2, 0x00A3, 0x00AC, 0x00AF, 0x00A6, 0x00A5, 0x20A9, 0,
    0x2502, 0x2190, 0x2191, 0x2192, 0x2193, 0x25A0, 0x25CB,
};

/* The folded form of `c`, or `c` itself. Sound marks (U+FF9E, U+FF9F) are handled apart. */
static uint32_t foldChar(uint32_t c) {
    if (c < 0x3000) return c;
    if (c == 0x3000) return 0x20;
    if (c < 0xFF01 || c > 0xFFEE) return c;
    if (c <= 0xFF5E) return c - 0xFEE0;
    switch (c) {
    case 0xFF5F: return 0x2985;
    case 0xFF60: return 0x2986;
    case 0xFF61: return 0x3002;
    case 0xFF62: return 0x300C;
    case 0xFF63: return 0x300D;
    case 0xFF64: return 0x3001;
    case 0xFF65: return 0x30FB;
    case 0xFF9E: return 0x3099;
    case 0xFF9F: return 0x309A;
    }
    if (c >= 0xFF66 && c <= 0xFF9D) return halfwidthKatakana[c - 0xFF66];
    if (c >= 0xFFA0 && c <= 0xFFDC) return halfwidthHangul(c) ? halfwidthHangul(c) : c;
    if (c >= 0xFFE0) return fullwidthSigns[c - 0xFFE0] ? fullwidthSigns[c - 0xFFE0] : c;
    return c;
}

/* `base` with the voiced (U+3099) or semi-voiced (U+309A) sound mark composed, or 0. */
static uint32_t compose(uint32_t base, uint32_t mark) {
    int voiced = mark == 0x3099;
    if (base == 0x30A6 && voiced) return 0x30F4;                       /* ウ → ヴ */
    if (base == 0x30EF && voiced) return 0x30F7;                       /* ワ → ヷ */
    if (base == 0x30F2 && voiced) return 0x30FA;                       /* ヲ → ヺ */
    if (base >= 0x30AB && base <= 0x30C2 && (base - 0x30AB) % 2 == 0 && voiced) return base + 1; /* カ..チ */
    if ((base == 0x30C4 || base == 0x30C6 || base == 0x30C8) && voiced) return base + 1;        /* ツ テ ト */
    if (base >= 0x30CF && base <= 0x30DB && (base - 0x30CF) % 3 == 0) return base + (voiced ? 1 : 2); /* ハ..ホ */
    return 0;
}

int lbsearch_is_cjk(uint32_t c) {
    if (c < 0x1100) return 0;
    if (c <= 0x11FF) return 1;                                  /* Hangul Jamo */
    if (c < 0x3005) return 0;
    if (c <= 0x3007) return 1;                                  /* 々 〆 〇 */
    if (c >= 0x3021 && c <= 0x3029) return 1;                   /* Hangzhou numerals */
    if (c >= 0x3031 && c <= 0x3035) return 1;                   /* kana repeat marks */
    if (c == 0x303B || c == 0x303C) return 1;                   /* 〻 〼 */
    if (c >= 0x3041 && c <= 0x309F) return 1;                   /* Hiragana */
    if (c >= 0x30A1 && c <= 0x30FF) return c != 0x30FB;         /* Katakana, ー; not the middle dot */
    if (c >= 0x3131 && c <= 0x318E) return 1;                   /* Hangul compatibility jamo */
    if (c >= 0x31F0 && c <= 0x31FF) return 1;                   /* Katakana phonetic extensions */
    if (c >= 0x3400 && c <= 0x4DBF) return 1;                   /* CJK extension A */
    if (c >= 0x4E00 && c <= 0x9FFF) return 1;                   /* CJK unified ideographs */
    if (c >= 0xA960 && c <= 0xA97F) return 1;                   /* Hangul Jamo extended A */
    if (c >= 0xAC00 && c <= 0xD7FF) return 1;                   /* Hangul syllables, Jamo extended B */
    if (c >= 0xF900 && c <= 0xFAFF) return 1;                   /* CJK compatibility ideographs */
    if (c >= 0x1B000 && c <= 0x1B16F) return 1;                 /* Kana supplement and extensions */
    if (c >= 0x20000 && c <= 0x3FFFF) return 1;                 /* CJK extensions B and later */
    return 0;
}

size_t lbsearch_fold(const char *text, size_t length, char *out, int *map) {
    const unsigned char *in = (const unsigned char *)text;
    size_t read = 0, written = 0, lastStart = 0, lastSource = 0;
    uint32_t last = 0;
    while (read < length) {
        size_t start = read;
        uint32_t c = lbsearch_utf8_decode(in, length, &read);
        uint32_t folded = foldChar(c);
        uint32_t composed = (c == 0xFF9E || c == 0xFF9F) ? compose(last, folded) : 0;
        if (composed) {
            /* Replace the previous character; it keeps its source offset. */
            written = lastStart + lbsearch_utf8_encode(composed, (unsigned char *)out + lastStart);
            if (map) for (size_t i = lastStart; i < written; i++) map[i] = (int)lastSource;
            last = 0;
            continue;
        }
        size_t width = folded == c ? read - start : lbsearch_utf8_encode(folded, (unsigned char *)out + written);
        if (folded == c) for (size_t i = 0; i < width; i++) out[written + i] = (char)in[start + i];
        if (map) for (size_t i = 0; i < width; i++) map[written + i] = (int)start;
        lastStart = written;
        lastSource = start;
        last = folded;
        written += width;
    }
    if (map) map[written] = (int)length;
    return written;
}
