#ifndef DIGEST_CHTMLPARSER_H
#define DIGEST_CHTMLPARSER_H

#include <stddef.h>

/*
 * A deliberately small window onto libxml2's HTML parser.
 *
 * libxml2's own headers include the system ICU headers, which clash with the ICU that Foundation
 * brings when one Swift module sees both. So libxml2 stays inside this target's .c file, and Swift
 * sees only these opaque handles and plain C strings.
 */

/// A parsed HTML document; free it with dg_html_free.
typedef struct dg_html_document dg_html_document;

/// A node inside a document; valid until its document is freed.
typedef const void *dg_html_node;

/// An attribute of an element node; valid until its document is freed.
typedef const void *dg_html_attribute;

typedef enum {
    DG_HTML_OTHER = 0,
    DG_HTML_ELEMENT = 1,
    DG_HTML_TEXT = 2,
    /// An entity reference the XML parser left unexpanded (`&nbsp;` in a feed that never declared
    /// it); its name is dg_html_node_name.
    DG_HTML_ENTITY_REFERENCE = 3,
} dg_html_kind;

/// Parses `length` bytes of HTML. `encoding` may be NULL to let libxml2 detect it from the bytes
/// and <meta charset>. Never returns NULL for non-empty input unless memory runs out; malformed
/// markup is recovered as browsers do.
dg_html_document *dg_html_parse(const char *bytes, size_t length, const char *encoding);
void dg_html_free(dg_html_document *document);

/// The <html> element (or whatever libxml2 made the root), or NULL for an empty document.
dg_html_node dg_html_root(const dg_html_document *document);

dg_html_node dg_html_first_child(dg_html_node node);
dg_html_node dg_html_next_sibling(dg_html_node node);
dg_html_kind dg_html_node_kind(dg_html_node node);

/// The element's tag name as libxml2 stores it (lower case for HTML), or NULL.
const char *dg_html_node_name(dg_html_node node);

/// A text or CDATA node's content, UTF-8, entities already decoded; NULL for other nodes.
const char *dg_html_node_text(dg_html_node node);

dg_html_attribute dg_html_first_attribute(dg_html_node node);
dg_html_attribute dg_html_next_attribute(dg_html_attribute attribute);
const char *dg_html_attribute_name(dg_html_attribute attribute);

/// The attribute's value in a new UTF-8 string; release it with dg_html_free_string.
char *dg_html_attribute_value(dg_html_attribute attribute);
void dg_html_free_string(char *string);

/// What went wrong in a strict XML parse: libxml2's error code (0 when none), the 1-based line,
/// and its message (without the trailing newline).
typedef struct {
    int code;
    int line;
    char message[256];
} dg_xml_error;

/// Parses `length` bytes as XML (feeds). Network access and external entities stay off. With
/// `recover` 0 the parse is strict and the first error is written to `error` (the result is NULL
/// on a fatal error); with `recover` 1, libxml2 keeps what it can read. `encoding` may be NULL to
/// use the XML declaration. Free the result with dg_html_free; walk it with the same functions.
dg_html_document *dg_xml_parse(const char *bytes, size_t length, const char *encoding, int recover,
    dg_xml_error *error);

/// The namespace URI of an element or attribute, or NULL when it has none.
const char *dg_html_node_namespace(dg_html_node node);
const char *dg_html_attribute_namespace(dg_html_attribute attribute);

#endif
