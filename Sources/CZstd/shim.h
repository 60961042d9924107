// The system zstd (Debian: libzstd-dev), for stored bodies (lbsearch_text.c).
#include <zstd.h>
