// libcurl, loaded when URLSession first calls it instead of when lbsearch starts.
//
// A release build carries Foundation inside the binary (Package.swift: staticRuntime), and with
// it FoundationNetworking, whose URLSession calls libcurl. lbsearch itself never opens a URL: the
// HTTP server library (FlyingFox) links URLSession for a proxy handler that `lbsearch serve` does
// not use. Linked as a shared library, libcurl and the ~30 libraries it needs (TLS, Kerberos,
// LDAP, ...) were loaded, relocated and initialised at every start: about 4 ms of CPU, a fifth
// of a whole `lbsearch "AI art"` (scripts/bench sample-query).
//
// Each function below has the name and calling convention of the libcurl function that
// FoundationNetworking calls; the first call opens libcurl.so.4 and every call goes on to the real
// function. The variadic setters pass their one argument on as a pointer-sized word, which is how
// the x86-64 and AArch64 Linux calling conventions pass a long, a pointer or a curl_off_t alike.
//
// Only release builds on Linux define LBSEARCH_LAZY_CURL; debug builds link the shared
// Foundation, which brings libcurl itself.

#ifdef LBSEARCH_LAZY_CURL

#include <dlfcn.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <unistd.h>

static void *library;
static pthread_once_t opened = PTHREAD_ONCE_INIT;

static void open_library(void) { library = dlopen("libcurl.so.4", RTLD_NOW | RTLD_LOCAL); }

// The real function `name`; a missing libcurl ends the process with one line, as the dynamic
// loader did when libcurl was linked.
static void *real_function(const char *name) {
    pthread_once(&opened, open_library);
    void *function = library ? dlsym(library, name) : NULL;
    if (function == NULL) {
        fprintf(stderr, "lbsearch: error: cannot load %s from libcurl.so.4\n", name);
        _exit(2);
    }
    return function;
}

#define REAL(ret, name, params)                                                         \
    static ret (*real)params;                                                           \
    ret (*function) params = __atomic_load_n(&real, __ATOMIC_ACQUIRE);                  \
    if (function == NULL) {                                                             \
        function = (ret(*) params)real_function(#name);                                 \
        __atomic_store_n(&real, function, __ATOMIC_RELEASE);                            \
    }

#define FORWARD(ret, name, params, args) \
    ret name params {                    \
        REAL(ret, name, params)          \
        return function args;            \
    }

#define FORWARD_VOID(name, params, args) \
    void name params {                   \
        REAL(void, name, params)         \
        function args;                   \
    }

// curl_easy_setopt(handle, option, value) and the like: one value after the option.
#define FORWARD_VARIADIC(name)                                \
    int name(void *handle, int option, ...) {                 \
        REAL(int, name, (void *, int, void *))                \
        va_list arguments;                                    \
        va_start(arguments, option);                          \
        void *value = va_arg(arguments, void *);              \
        va_end(arguments);                                    \
        return function(handle, option, value);               \
    }

FORWARD(void *, curl_easy_init, (void), ())
FORWARD_VOID(curl_easy_cleanup, (void *handle), (handle))
FORWARD_VARIADIC(curl_easy_getinfo)
FORWARD_VARIADIC(curl_easy_setopt)
FORWARD(int, curl_easy_pause, (void *handle, int mask), (handle, mask))
FORWARD(const char *, curl_easy_strerror, (int code), (code))
FORWARD_VOID(curl_free, (void *pointer), (pointer))
FORWARD(int, curl_global_init, (long flags), (flags))
FORWARD(void *, curl_multi_init, (void), ())
FORWARD(int, curl_multi_cleanup, (void *multi), (multi))
FORWARD_VARIADIC(curl_multi_setopt)
FORWARD(int, curl_multi_add_handle, (void *multi, void *easy), (multi, easy))
FORWARD(int, curl_multi_remove_handle, (void *multi, void *easy), (multi, easy))
FORWARD(int, curl_multi_assign, (void *multi, int socket, void *data), (multi, socket, data))
FORWARD(void *, curl_multi_info_read, (void *multi, int *left), (multi, left))
FORWARD(int, curl_multi_socket_action, (void *multi, int socket, int mask, int *running),
        (multi, socket, mask, running))
FORWARD(void *, curl_slist_append, (void *list, const char *text), (list, text))
FORWARD_VOID(curl_slist_free_all, (void *list), (list))
FORWARD(void *, curl_url, (void), ())
FORWARD(int, curl_url_get, (void *url, int part, char **text, unsigned flags),
        (url, part, text, flags))
FORWARD(int, curl_url_set, (void *url, int part, const char *text, unsigned flags),
        (url, part, text, flags))
FORWARD(char *, curl_version, (void), ())
FORWARD(void *, curl_version_info, (int age), (age))

#endif
