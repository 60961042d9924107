// The libcurl functions of Foundation's URLSession, loaded on first use (see lazy_curl.c).
// Nothing here is meant to be called from Swift; the header only makes this a C target.
#ifndef CLAZYCURL_H
#define CLAZYCURL_H
#endif
