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

/// Parses `length` bytes as XML strictly, like dg_xml_parse with `recover` 0, but keeps the tree built up to the
/// first well-formedness error instead of freeing it: everything before the error, as written, and nothing libxml2
/// guessed after it. The elements that were still open at the error (the ones the error cut short) are listed by
/// dg_xml_open_count / dg_xml_open_node. `well_formed` is set to 1 when there was no such error. NULL when there is
/// no tree at all (empty input, an error before the root element, no memory).
dg_html_document *dg_xml_parse_prefix(const char *bytes, size_t length, dg_xml_error *error, int *well_formed);

/// How many elements were open at the error of a dg_xml_parse_prefix document (0 for other documents).
int dg_xml_open_count(const dg_html_document *document);
/// The open element at `index` (0 is the outermost).
dg_html_node dg_xml_open_node(const dg_html_document *document, int index);

/// The namespace URI of an element or attribute, or NULL when it has none.
const char *dg_html_node_namespace(dg_html_node node);
const char *dg_html_attribute_namespace(dg_html_attribute attribute);


/*
 * A page flattened while it is parsed, for the article extractor: libxml2's HTML parser reports
 * elements and text through SAX callbacks, and this keeps them as an array of nodes in document
 * order (each element's subtree is the run of nodes after it, up to `end`) with their text and a
 * few attributes in one byte arena. No libxml2 tree is built or freed, which is most of the cost
 * of a tree parse; script bodies are kept only for JSON-LD, style bodies never.
 */

/// The attributes a flat page keeps, by code.
typedef enum {
    DG_ATTR_CLASS = 0,
    DG_ATTR_ID,
    DG_ATTR_STYLE,
    DG_ATTR_HIDDEN,
    DG_ATTR_ARIA_HIDDEN,
    DG_ATTR_ROLE,
    DG_ATTR_ITEMPROP,
    DG_ATTR_NAME,
    DG_ATTR_PROPERTY,
    DG_ATTR_CONTENT,
    DG_ATTR_REL,
    DG_ATTR_HREF,
    DG_ATTR_TYPE,
    DG_ATTR_DATETIME,
    DG_ATTR_LANG,
    DG_ATTR_COUNT,
} dg_attribute_code;

/// One node of a flat page. Offsets and lengths are into the page's arena (UTF-8).
typedef struct {
    /// The parent's index, -1 for a top-level node.
    int parent;
    /// One past the last node of this node's subtree (index + 1 for text).
    int end;
    /// DG_HTML_ELEMENT or DG_HTML_TEXT.
    int kind;
    /// An element's name: an index into the page's names (lower case); -1 for text.
    int name;
    /// A text node's bytes.
    int text_offset;
    int text_length;
    /// A text node's characters that are not white space (UTF-8 lead bytes other than ASCII
    /// spaces), which the extractor weighs blocks by.
    int text_visible;
    /// An element's kept attributes: `attribute_count` entries from `first_attribute`.
    int first_attribute;
    int attribute_count;
} dg_flat_node;

typedef struct {
    int code;
    int value_offset;
    int value_length;
} dg_flat_attribute;

typedef struct {
    dg_flat_node *nodes;
    int node_count;
    dg_flat_attribute *attributes;
    int attribute_count;
    /// Distinct element names: `name_count` (offset, length) pairs into the arena.
    int *name_offsets;
    int *name_lengths;
    int name_count;
    char *arena;
    int arena_length;
} dg_flat_page;

/// Parses `length` bytes of HTML into a flat page (see above). `encoding` may be NULL to let
/// libxml2 detect it. Returns NULL only when memory runs out or the input is empty.
dg_flat_page *dg_flat_parse(const char *bytes, size_t length, const char *encoding);
void dg_flat_free(dg_flat_page *page);

#endif
