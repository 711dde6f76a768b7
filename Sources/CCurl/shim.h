#ifndef DIGEST_CCURL_SHIM_H
#define DIGEST_CCURL_SHIM_H

#include <curl/curl.h>
#include <netinet/in.h>
#include <string.h>
#include <sys/socket.h>

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

typedef curl_socket_t (*dg_curl_opensocket_callback)(void *clientp, curlsocktype purpose,
    struct curl_sockaddr *address);

static inline CURLcode dg_easy_setopt_opensocket_callback(CURL *handle, dg_curl_opensocket_callback value) {
    return curl_easy_setopt(handle, CURLOPT_OPENSOCKETFUNCTION, value);
}

typedef int (*dg_curl_debug_callback)(CURL *handle, curl_infotype type, char *data, size_t size, void *clientp);

static inline CURLcode dg_easy_setopt_debug_callback(CURL *handle, dg_curl_debug_callback value) {
    return curl_easy_setopt(handle, CURLOPT_DEBUGFUNCTION, value);
}

/*
 * The IP address and port libcurl is about to connect to, read out of its socket address (whose declared
 * `struct sockaddr` is too small for an IPv6 address; libcurl allocates room for one): 4 bytes for AF_INET, 16 for
 * AF_INET6, copied into `bytes`. Returns how many bytes were copied, 0 for any other family.
 */
static inline int dg_sockaddr_ip(const struct curl_sockaddr *address, unsigned char bytes[16], int *port) {
    if (address->family == AF_INET) {
        const struct sockaddr_in *in = (const struct sockaddr_in *)(const void *)&address->addr;
        memcpy(bytes, &in->sin_addr, 4);
        *port = ntohs(in->sin_port);
        return 4;
    }
    if (address->family == AF_INET6) {
        const struct sockaddr_in6 *in6 = (const struct sockaddr_in6 *)(const void *)&address->addr;
        memcpy(bytes, &in6->sin6_addr, 16);
        *port = ntohs(in6->sin6_port);
        return 16;
    }
    return 0;
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
