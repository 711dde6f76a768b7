#ifndef DG_RAW_TEXT_H
#define DG_RAW_TEXT_H

#include <stddef.h>

/* A copy of a page's bytes without the bodies of its raw-text elements and without its comments, which
 * the flat reading never reports; see RawText.c. Returns a new buffer (free it) and its length, or NULL
 * when nothing was left out or memory ran out. Private to this module (not in include/). */
char *dg_flat_without_raw_text(const char *bytes, size_t length, size_t *result_length);

#endif
