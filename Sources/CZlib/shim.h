// The system zlib (Debian: zlib1g-dev), for reading .jsonl.gz corpora.
#include <zlib.h>
