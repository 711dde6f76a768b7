/* Leaving out the bodies of raw-text elements (script, style, …) before a page is parsed: see RawText.h. */
#include "RawText.h"

#include <stdlib.h>
#include <string.h>
#include <strings.h>

/* The bytes of a page without the bodies of its scripts (all but JSON-LD) and style sheets.
 *
 * An HTML parser reads a script or style body as raw text up to the first `</script` or `</style`
 * (libxml2 in recovery mode does exactly that), and those bodies are well over half of a news
 * page's bytes; the extractor never reads them. Leaving them out before parsing gives libxml2 the
 * same elements and text to report, in about half the time. Comments, which report nothing
 * either, go whole, so a commented-out tag goes with its comment. The scan looks only at ASCII bytes, which every
 * encoding a page can declare to libxml2 here keeps as they are (multi-byte encodings such as
 * Shift_JIS, GBK and Big5 never use a byte below 0x40 inside a character). Returns a new buffer
 * (free it) and its length, or NULL when nothing was left out or memory ran out. */
static int flat_is_tag_end(unsigned char byte) {
    return byte == '>' || byte == '/' || byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' || byte == '\f';
}

static int flat_names_at(const char *at, const char *end, const char *name, size_t length) {
    return (size_t)(end - at) > length && strncasecmp(at, name, length) == 0
        && flat_is_tag_end((unsigned char)at[length]);
}

static const char *flat_find_case(const char *from, const char *end, const char *needle, size_t length) {
    while (from < end) {
        const char *open = memchr(from, '<', (size_t)(end - from));
        if (open == NULL) {
            return NULL;
        }
        if ((size_t)(end - open) >= length + 1 && strncasecmp(open, needle, length) == 0
            && ((size_t)(end - open) == length || flat_is_tag_end((unsigned char)open[length]))) {
            return open;
        }
        from = open + 1;
    }
    return NULL;
}

/* One past the `>` that ends the tag whose name starts at `at`, stepping over attribute values in
   quotes (a quote starts a value only right after `=`, as in HTML); NULL when the page ends first. */
static const char *flat_tag_end(const char *at, const char *end) {
    while (at < end) {
        char byte = *at;
        if (byte == '>') {
            return at + 1;
        }
        at++;
        if (byte != '=') {
            continue;
        }
        while (at < end && (*at == ' ' || *at == '\t' || *at == '\n' || *at == '\r' || *at == '\f')) {
            at++;
        }
        if (at < end && (*at == '"' || *at == '\'')) {
            const char *close = memchr(at + 1, *at, (size_t)(end - at - 1));
            if (close == NULL) {
                return NULL;
            }
            at = close + 1;
        }
    }
    return NULL;
}


static int flat_is_space(char byte) {
    return byte == ' ' || byte == '\t' || byte == '\n' || byte == '\r' || byte == '\f';
}

/* Attributes the extractor (and libxml2's own charset detection) reads; the rest (links' targets,
   image sources, data-* and event handlers) are left out before parsing. */
static const char *const flat_kept_attributes[] = {
    "class", "id", "style", "hidden", "aria-hidden", "role", "itemprop", "name", "property", "content", "rel",
    "href", "type", "datetime", "lang", "charset", "http-equiv",
};

static int flat_keeps_attribute(const char *name, size_t length) {
    for (size_t i = 0; i < sizeof(flat_kept_attributes) / sizeof(flat_kept_attributes[0]); i++) {
        if (strlen(flat_kept_attributes[i]) == length && strncasecmp(name, flat_kept_attributes[i], length) == 0) {
            return 1;
        }
    }
    return 0;
}

/* Writes the start tag [open, end) to `out` with only the kept attributes, each as it was written,
   and returns the bytes written; 0 when the tag has a shape this does not read (then it is copied
   as it is). */
static size_t flat_write_tag(const char *open, const char *end, char *out) {
    const char *at = open + 1;
    while (at < end && !flat_is_space(*at) && *at != '>' && *at != '/') {
        at++;
    }
    size_t used = (size_t)(at - open);
    memcpy(out, open, used);
    while (at < end) {
        while (at < end && flat_is_space(*at)) {
            at++;
        }
        if (at >= end) {
            return 0;
        }
        if (*at == '>' || (*at == '/' && at + 1 < end && at[1] == '>')) {
            size_t rest = (size_t)(end - at);
            memcpy(out + used, at, rest);
            return used + rest;
        }
        const char *name = at;
        while (at < end && !flat_is_space(*at) && *at != '=' && *at != '>' && *at != '/' && *at != '"'
            && *at != '\'' && *at != '<') {
            at++;
        }
        if (at == name) {
            return 0;
        }
        const char *name_end = at;
        const char *value_end = at;
        const char *look = at;
        while (look < end && flat_is_space(*look)) {
            look++;
        }
        if (look < end && *look == '=') {
            look++;
            while (look < end && flat_is_space(*look)) {
                look++;
            }
            if (look < end && (*look == '"' || *look == '\'')) {
                const char *close = memchr(look + 1, *look, (size_t)(end - look - 1));
                if (close == NULL) {
                    return 0;
                }
                value_end = close + 1;
            } else {
                while (look < end && !flat_is_space(*look) && *look != '>') {
                    look++;
                }
                value_end = look;
            }
        }
        at = value_end;
        if (flat_keeps_attribute(name, (size_t)(name_end - name))) {
            out[used++] = ' ';
            memcpy(out + used, name, (size_t)(value_end - name));
            used += (size_t)(value_end - name);
        }
    }
    return 0;
}

char *dg_flat_without_raw_text(const char *bytes, size_t length, size_t *result_length) {
    const char *end = bytes + length;
    const char *cursor = bytes;
    char *out = NULL;
    size_t used = 0;
    const char *copied = bytes; /* bytes before this are in `out` (or left out) */
    while (cursor < end) {
        const char *open = memchr(cursor, '<', (size_t)(end - cursor));
        if (open == NULL) {
            break;
        }
        if ((size_t)(end - open) >= 4 && memcmp(open, "<!--", 4) == 0) {
            const char *close = NULL;
            for (const char *at = open + 4; at + 3 <= end; at++) {
                at = memchr(at, '-', (size_t)(end - at));
                if (at == NULL || at + 3 > end) {
                    break;
                }
                if (at[1] == '-' && at[2] == '>') {
                    close = at + 3;
                    break;
                }
            }
            if (close == NULL) {
                break;
            }
            /* A comment reports nothing to the extractor: it goes too (libxml2 reads comments
               a character at a time). */
            if (out == NULL) {
                out = malloc(length);
                if (out == NULL) {
                    return NULL;
                }
            }
            memcpy(out + used, copied, (size_t)(open - copied));
            used += (size_t)(open - copied);
            copied = close;
            cursor = close;
            continue;
        }
        int script = flat_names_at(open + 1, end, "script", 6);
        int style = !script && flat_names_at(open + 1, end, "style", 5);
        int letter = (open + 1 < end) && (((open[1] | 0x20) >= 'a' && (open[1] | 0x20) <= 'z') || open[1] == '/');
        if (!script && !style && !letter) {
            cursor = open + 1;
            continue;
        }
        /* Any other tag is stepped over whole, so that a `<script` inside an attribute's value is
           not taken for a tag. */
        const char *at = flat_tag_end(open + 1, end);
        if (at == NULL) {
            break;
        }
        if (!script && !style) {
            /* A start tag with attribute values keeps only the attributes that are read. */
            if (open[1] != '/' && memchr(open, '=', (size_t)(at - open)) != NULL) {
                if (out == NULL) {
                    out = malloc(length);
                    if (out == NULL) {
                        return NULL;
                    }
                }
                size_t before = (size_t)(open - copied);
                size_t written = flat_write_tag(open, at, out + used + before);
                if (written > 0) {
                    memcpy(out + used, copied, before);
                    used += before + written;
                    copied = at;
                }
            }
            cursor = at;
            continue;
        }
        at -= 1; /* at the start tag's `>` */
        const char *body = at + 1;
        if (script) {
            /* JSON-LD stays: it is the page's metadata. */
            int json_ld = 0;
            for (const char *scan = open; scan + 7 <= body; scan++) {
                if (strncasecmp(scan, "ld+json", 7) == 0) {
                    json_ld = 1;
                    break;
                }
            }
            if (json_ld) {
                cursor = body;
                continue;
            }
        }
        const char *close = script ? flat_find_case(body, end, "</script", 8) : flat_find_case(body, end, "</style", 7);
        if (close == NULL) {
            break;
        }
        if (close > body) {
            if (out == NULL) {
                out = malloc(length);
                if (out == NULL) {
                    return NULL;
                }
            }
            memcpy(out + used, copied, (size_t)(body - copied));
            used += (size_t)(body - copied);
            copied = close;
        }
        cursor = close + 1;
    }
    if (out == NULL) {
        return NULL;
    }
    memcpy(out + used, copied, (size_t)(end - copied));
    used += (size_t)(end - copied);
    *result_length = used;
    return out;
}
