#ifndef DIGEST_CCURL_SHIM_H
#define DIGEST_CCURL_SHIM_H

#include <curl/curl.h>

/*
 * Swift cannot call C variadic functions, and curl_easy_setopt / curl_easy_getinfo are variadic.
 * Each shim below fixes one argument type, so Swift sees a plain, typed C function.
 * The names carry our own `dg_` prefix so they never collide with libcurl's.
 */

typedef size_t (*dg_curl_data_callback)(char *data, size_t size, size_t count, void *userdata);

static inline CURLcode dg_easy_setopt_long(CURL *handle, CURLoption option, long value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dg_easy_setopt_string(CURL *handle, CURLoption option, const char *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dg_easy_setopt_pointer(CURL *handle, CURLoption option, void *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dg_easy_setopt_slist(CURL *handle, CURLoption option, struct curl_slist *value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dg_easy_setopt_offset(CURL *handle, CURLoption option, curl_off_t value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dg_easy_setopt_data_callback(CURL *handle, CURLoption option, dg_curl_data_callback value) {
    return curl_easy_setopt(handle, option, value);
}

static inline CURLcode dg_easy_getinfo_long(CURL *handle, CURLINFO info, long *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode dg_easy_getinfo_string(CURL *handle, CURLINFO info, char **value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode dg_easy_getinfo_offset(CURL *handle, CURLINFO info, curl_off_t *value) {
    return curl_easy_getinfo(handle, info, value);
}

static inline CURLcode dg_easy_getinfo_double(CURL *handle, CURLINFO info, double *value) {
    return curl_easy_getinfo(handle, info, value);
}

#endif
