#include "CHTMLParser.h"

#include <stdlib.h>

#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>

struct dg_html_document {
    htmlDocPtr doc;
    /* The elements open at the first error of a dg_xml_parse_prefix parse (owned; pointers into doc). */
    const void **open_nodes;
    int open_count;
};

static dg_html_document *document_for(xmlDocPtr doc) {
    dg_html_document *document = malloc(sizeof(dg_html_document));
    if (document == NULL) {
        xmlFreeDoc(doc);
        return NULL;
    }
    document->doc = doc;
    document->open_nodes = NULL;
    document->open_count = 0;
    return document;
}

dg_html_document *dg_html_parse(const char *bytes, size_t length, const char *encoding) {
    if (bytes == NULL || length == 0 || length > 0x7fffffff) {
        return NULL;
    }
    int options = HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET
        | HTML_PARSE_COMPACT;
    htmlDocPtr doc = htmlReadMemory(bytes, (int)length, NULL, encoding, options);
    if (doc == NULL) {
        return NULL;
    }
    return document_for(doc);
}

void dg_html_free(dg_html_document *document) {
    if (document == NULL) {
        return;
    }
    xmlFreeDoc(document->doc);
    free(document->open_nodes);
    free(document);
}

dg_html_node dg_html_root(const dg_html_document *document) {
    if (document == NULL || document->doc == NULL) {
        return NULL;
    }
    /* The document node itself: its children include the root element and any top-level text. */
    return (dg_html_node)document->doc;
}

dg_html_node dg_html_first_child(dg_html_node node) {
    return node == NULL ? NULL : (dg_html_node)((const xmlNode *)node)->children;
}

dg_html_node dg_html_next_sibling(dg_html_node node) {
    return node == NULL ? NULL : (dg_html_node)((const xmlNode *)node)->next;
}

dg_html_kind dg_html_node_kind(dg_html_node node) {
    if (node == NULL) {
        return DG_HTML_OTHER;
    }
    switch (((const xmlNode *)node)->type) {
    case XML_ELEMENT_NODE:
        return DG_HTML_ELEMENT;
    case XML_TEXT_NODE:
    case XML_CDATA_SECTION_NODE:
        return DG_HTML_TEXT;
    case XML_ENTITY_REF_NODE:
        return DG_HTML_ENTITY_REFERENCE;
    default:
        return DG_HTML_OTHER;
    }
}

const char *dg_html_node_name(dg_html_node node) {
    return node == NULL ? NULL : (const char *)((const xmlNode *)node)->name;
}

const char *dg_html_node_text(dg_html_node node) {
    if (dg_html_node_kind(node) != DG_HTML_TEXT) {
        return NULL;
    }
    return (const char *)((const xmlNode *)node)->content;
}

dg_html_attribute dg_html_first_attribute(dg_html_node node) {
    if (dg_html_node_kind(node) != DG_HTML_ELEMENT) {
        return NULL;
    }
    return (dg_html_attribute)((const xmlNode *)node)->properties;
}

dg_html_attribute dg_html_next_attribute(dg_html_attribute attribute) {
    return attribute == NULL ? NULL : (dg_html_attribute)((const xmlAttr *)attribute)->next;
}

const char *dg_html_attribute_name(dg_html_attribute attribute) {
    return attribute == NULL ? NULL : (const char *)((const xmlAttr *)attribute)->name;
}

char *dg_html_attribute_value(dg_html_attribute attribute) {
    if (attribute == NULL) {
        return NULL;
    }
    const xmlAttr *attr = (const xmlAttr *)attribute;
    xmlChar *value = xmlNodeListGetString(attr->doc, attr->children, 1);
    return (char *)value;
}

void dg_html_free_string(char *string) {
    if (string != NULL) {
        xmlFree(string);
    }
}

/* The parser's first error, its line and its message without the trailing newline. */
static void copy_error(xmlParserCtxtPtr context, dg_xml_error *error) {
    const xmlError *last = xmlCtxtGetLastError(context);
    if (error != NULL && last != NULL && last->code != 0) {
        error->code = last->code;
        error->line = last->line;
        if (last->message != NULL) {
            strncpy(error->message, last->message, sizeof(error->message) - 1);
            size_t end = strlen(error->message);
            while (end > 0 && (error->message[end - 1] == '\n' || error->message[end - 1] == ' ')) {
                error->message[--end] = 0;
            }
        }
    }
}

dg_html_document *dg_xml_parse(const char *bytes, size_t length, const char *encoding, int recover,
    dg_xml_error *error) {
    if (error != NULL) {
        memset(error, 0, sizeof(*error));
    }
    if (bytes == NULL || length == 0 || length > 0x7fffffff) {
        return NULL;
    }
    /* No network, no DTD loading, no entity substitution (so no entity expansion attacks). */
    int options = XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA;
    if (recover) {
        options |= XML_PARSE_RECOVER;
    }
    xmlParserCtxtPtr context = xmlNewParserCtxt();
    if (context == NULL) {
        return NULL;
    }
    xmlDocPtr doc = xmlCtxtReadMemory(context, bytes, (int)length, NULL, encoding, options);
    copy_error(context, error);
    int wellFormed = context->wellFormed;
    xmlFreeParserCtxt(context);
    if (doc == NULL) {
        return NULL;
    }
    if (!recover && !wellFormed) {
        xmlFreeDoc(doc);
        return NULL;
    }
    return document_for(doc);
}

/* Keeps the first fatal error of a parse in the dg_xml_error its context's _private points to: libxml2 keeps only
   the last one, and after the first fatal error (where the tree stops) it reports more, about the document's end. */
static void keep_first_fatal_error(void *user_data, xmlErrorPtr error) {
    xmlParserCtxtPtr context = (xmlParserCtxtPtr)user_data;
    dg_xml_error *first = context == NULL ? NULL : (dg_xml_error *)context->_private;
    if (first == NULL || error == NULL || error->level != XML_ERR_FATAL || first->code != 0) {
        return;
    }
    first->code = error->code;
    first->line = error->line;
    if (error->message != NULL) {
        strncpy(first->message, error->message, sizeof(first->message) - 1);
        size_t end = strlen(first->message);
        while (end > 0 && (first->message[end - 1] == '\n' || first->message[end - 1] == ' ')) {
            first->message[--end] = 0;
        }
    }
}

dg_html_document *dg_xml_parse_prefix(const char *bytes, size_t length, dg_xml_error *error, int *well_formed) {
    if (error != NULL) {
        memset(error, 0, sizeof(*error));
    }
    if (well_formed != NULL) {
        *well_formed = 0;
    }
    if (bytes == NULL || length == 0 || length > 0x7fffffff) {
        return NULL;
    }
    xmlParserCtxtPtr context = xmlCreateMemoryParserCtxt(bytes, (int)length);
    if (context == NULL) {
        return NULL;
    }
    /* As dg_xml_parse: no network, no DTD loading, no entity substitution. */
    xmlCtxtUseOptions(context, XML_PARSE_NONET | XML_PARSE_NOERROR | XML_PARSE_NOWARNING | XML_PARSE_NOCDATA);
    dg_xml_error first;
    memset(&first, 0, sizeof(first));
    context->_private = &first;
    if (context->sax != NULL) {
        context->sax->serror = keep_first_fatal_error;
    }
    /* Without recovery, the first fatal error stops the tree (libxml2 turns its SAX callbacks off), so the tree
       holds what came before the error exactly, and the parser's node stack the elements it left open. */
    xmlParseDocument(context);
    context->_private = NULL;
    if (first.code != 0) {
        if (error != NULL) {
            *error = first;
        }
    } else {
        copy_error(context, error);
    }
    xmlDocPtr doc = context->myDoc;
    context->myDoc = NULL;
    if (well_formed != NULL) {
        *well_formed = context->wellFormed;
    }
    dg_html_document *document = doc == NULL ? NULL : document_for(doc);
    if (document != NULL && !context->wellFormed && context->nodeNr > 0 && context->nodeTab != NULL) {
        document->open_nodes = malloc(sizeof(void *) * (size_t)context->nodeNr);
        if (document->open_nodes == NULL) {
            dg_html_free(document);
            xmlFreeParserCtxt(context);
            return NULL;
        }
        for (int index = 0; index < context->nodeNr; index++) {
            document->open_nodes[index] = context->nodeTab[index];
        }
        document->open_count = context->nodeNr;
    }
    xmlFreeParserCtxt(context);
    return document;
}

int dg_xml_open_count(const dg_html_document *document) {
    return document == NULL ? 0 : document->open_count;
}

dg_html_node dg_xml_open_node(const dg_html_document *document, int index) {
    if (document == NULL || index < 0 || index >= document->open_count) {
        return NULL;
    }
    return (dg_html_node)document->open_nodes[index];
}

const char *dg_html_node_namespace(dg_html_node node) {
    if (dg_html_node_kind(node) != DG_HTML_ELEMENT) {
        return NULL;
    }
    const xmlNs *ns = ((const xmlNode *)node)->ns;
    return ns == NULL ? NULL : (const char *)ns->href;
}

const char *dg_html_attribute_namespace(dg_html_attribute attribute) {
    if (attribute == NULL) {
        return NULL;
    }
    const xmlNs *ns = ((const xmlAttr *)attribute)->ns;
    return ns == NULL ? NULL : (const char *)ns->href;
}

/* ---------------------------------------------------------------- flat pages (SAX) */

static const char *const flat_attribute_names[DG_ATTR_COUNT] = {
    "class", "id", "style", "hidden", "aria-hidden", "role", "itemprop", "name", "property", "content", "rel",
    "href", "type", "datetime", "lang",
};

static const size_t flat_attribute_lengths[DG_ATTR_COUNT] = {5, 2, 5, 6, 11, 4, 8, 4, 8, 7, 3, 4, 4, 8, 4};

#define FLAT_NAME_SLOTS 1024

typedef struct {
    dg_flat_page page;
    int node_capacity;
    int attribute_capacity;
    int name_capacity;
    int arena_capacity;
    /* The open element, -1 at the top. */
    int current;
    /* An open element whose text is not kept (style, a script that is not JSON-LD), or -1. */
    int dropping;
    int failed;
    /* Interned element names (libxml2's dictionary pointers) to their index, by pointer hash. */
    const xmlChar *slot_names[FLAT_NAME_SLOTS];
    int slot_index[FLAT_NAME_SLOTS];
    const xmlChar **name_pointers;
} flat_state;

static int flat_grow(void **array, int *capacity, int needed, size_t size) {
    if (needed <= *capacity) {
        return 1;
    }
    int capacity_new = *capacity < 64 ? 64 : *capacity;
    while (capacity_new < needed) {
        if (capacity_new > 0x3fffffff) {
            return 0;
        }
        capacity_new *= 2;
    }
    void *grown = realloc(*array, (size_t)capacity_new * size);
    if (grown == NULL) {
        return 0;
    }
    *array = grown;
    *capacity = capacity_new;
    return 1;
}

/* Appends bytes to the arena; returns their offset, or -1 when memory runs out. */
static int flat_store(flat_state *state, const char *bytes, int length) {
    int offset = state->page.arena_length;
    if (length < 0 || offset > 0x7fffffff - length - 1
        || !flat_grow((void **)&state->page.arena, &state->arena_capacity, offset + length + 1, 1)) {
        state->failed = 1;
        return -1;
    }
    memcpy(state->page.arena + offset, bytes, (size_t)length);
    state->page.arena_length = offset + length;
    return offset;
}

static int flat_name(flat_state *state, const xmlChar *name) {
    size_t hash = ((size_t)name >> 4) % FLAT_NAME_SLOTS;
    for (int probe = 0; probe < FLAT_NAME_SLOTS; probe++) {
        size_t slot = (hash + (size_t)probe) % FLAT_NAME_SLOTS;
        if (state->slot_names[slot] == name) {
            return state->slot_index[slot];
        }
        if (state->slot_names[slot] == NULL) {
            /* Not seen: a name with the same spelling may still be stored (another pointer). */
            for (int index = 0; index < state->page.name_count; index++) {
                if (xmlStrEqual(state->name_pointers[index], name)) {
                    state->slot_names[slot] = name;
                    state->slot_index[slot] = index;
                    return index;
                }
            }
            int count = state->page.name_count;
            int capacity = state->name_capacity;
            if (!flat_grow((void **)&state->page.name_offsets, &capacity, count + 1, sizeof(int))) {
                state->failed = 1;
                return -1;
            }
            capacity = state->name_capacity;
            if (!flat_grow((void **)&state->page.name_lengths, &capacity, count + 1, sizeof(int))) {
                state->failed = 1;
                return -1;
            }
            capacity = state->name_capacity;
            if (!flat_grow((void **)&state->name_pointers, &capacity, count + 1, sizeof(xmlChar *))) {
                state->failed = 1;
                return -1;
            }
            state->name_capacity = capacity;
            int length = (int)strlen((const char *)name);
            int offset = flat_store(state, (const char *)name, length);
            if (offset < 0) {
                return -1;
            }
            state->page.name_offsets[count] = offset;
            state->page.name_lengths[count] = length;
            state->name_pointers[count] = name;
            state->page.name_count = count + 1;
            state->slot_names[slot] = name;
            state->slot_index[slot] = count;
            return count;
        }
    }
    state->failed = 1; /* more distinct names than slots: give up rather than loop */
    return -1;
}

static dg_flat_node *flat_add_node(flat_state *state) {
    int index = state->page.node_count;
    if (!flat_grow((void **)&state->page.nodes, &state->node_capacity, index + 1, sizeof(dg_flat_node))) {
        state->failed = 1;
        return NULL;
    }
    dg_flat_node *node = &state->page.nodes[index];
    memset(node, 0, sizeof(*node));
    node->parent = state->current;
    node->end = index + 1;
    node->name = -1;
    state->page.node_count = index + 1;
    return node;
}

static void flat_start_element(void *context, const xmlChar *name, const xmlChar **attributes) {
    flat_state *state = (flat_state *)((htmlParserCtxtPtr)context)->_private;
    if (state->failed || name == NULL) {
        return;
    }
    int name_index = flat_name(state, name);
    if (name_index < 0) {
        return;
    }
    int index = state->page.node_count;
    dg_flat_node *node = flat_add_node(state);
    if (node == NULL) {
        return;
    }
    node->kind = DG_HTML_ELEMENT;
    node->name = name_index;
    node->first_attribute = state->page.attribute_count;
    int json_ld = 0;
    for (int i = 0; attributes != NULL && attributes[i] != NULL; i += 2) {
        const char *attribute = (const char *)attributes[i];
        size_t attribute_length = strlen(attribute);
        for (int code = 0; code < DG_ATTR_COUNT; code++) {
            /* Lengths first: most attributes (href, src, data-*) are not kept. */
            if (flat_attribute_lengths[code] != attribute_length || attribute[0] != flat_attribute_names[code][0]
                || strcmp(attribute, flat_attribute_names[code]) != 0) {
                continue;
            }
            const char *value = attributes[i + 1] == NULL ? "" : (const char *)attributes[i + 1];
            int length = (int)strlen(value);
            int offset = flat_store(state, value, length);
            int count = state->page.attribute_count;
            if (offset < 0
                || !flat_grow((void **)&state->page.attributes, &state->attribute_capacity, count + 1,
                    sizeof(dg_flat_attribute))) {
                state->failed = 1;
                return;
            }
            state->page.attributes[count].code = code;
            state->page.attributes[count].value_offset = offset;
            state->page.attributes[count].value_length = length;
            state->page.attribute_count = count + 1;
            /* `node` may have moved if the node array grew: reach it by index. */
            state->page.nodes[index].attribute_count += 1;
            if (code == DG_ATTR_TYPE && xmlStrcasecmp((const xmlChar *)value, BAD_CAST "application/ld+json") == 0) {
                json_ld = 1;
            }
            break;
        }
    }
    state->current = index;
    if (state->dropping < 0) {
        if (xmlStrEqual(name, BAD_CAST "style") || (xmlStrEqual(name, BAD_CAST "script") && !json_ld)) {
            state->dropping = index;
        }
    }
}

static void flat_end_element(void *context, const xmlChar *name) {
    flat_state *state = (flat_state *)((htmlParserCtxtPtr)context)->_private;
    if (state->failed || state->current < 0) {
        return;
    }
    /* libxml2 closes elements in order; an end tag that matches no open element is ignored. */
    int open = state->current;
    while (open >= 0 && !xmlStrEqual(state->name_pointers[state->page.nodes[open].name], name)) {
        open = state->page.nodes[open].parent;
    }
    if (open < 0) {
        return;
    }
    int closing = state->current;
    while (1) {
        state->page.nodes[closing].end = state->page.node_count;
        if (state->dropping == closing) {
            state->dropping = -1;
        }
        if (closing == open) {
            break;
        }
        closing = state->page.nodes[closing].parent;
    }
    state->current = state->page.nodes[open].parent;
}

static int flat_visible(const xmlChar *characters, int length) {
    int visible = 0;
    for (int i = 0; i < length; i++) {
        unsigned char byte = characters[i];
        visible += !((byte & 0xC0) == 0x80 || byte == ' ' || (byte >= 0x09 && byte <= 0x0D));
    }
    return visible;
}

static void flat_characters(void *context, const xmlChar *characters, int length) {
    flat_state *state = (flat_state *)((htmlParserCtxtPtr)context)->_private;
    if (state->failed || length <= 0 || state->dropping >= 0) {
        return;
    }
    int last = state->page.node_count - 1;
    /* libxml2 hands text over in pieces: a piece right after a text node of the same parent joins it. */
    if (last >= 0 && state->page.nodes[last].kind == DG_HTML_TEXT && state->page.nodes[last].parent == state->current
        && state->page.nodes[last].text_offset + state->page.nodes[last].text_length == state->page.arena_length) {
        if (flat_store(state, (const char *)characters, length) >= 0) {
            state->page.nodes[last].text_length += length;
            state->page.nodes[last].text_visible += flat_visible(characters, length);
        }
        return;
    }
    int offset = flat_store(state, (const char *)characters, length);
    if (offset < 0) {
        return;
    }
    dg_flat_node *node = flat_add_node(state);
    if (node == NULL) {
        return;
    }
    node->kind = DG_HTML_TEXT;
    node->text_offset = offset;
    node->text_length = length;
    node->text_visible = flat_visible(characters, length);
}


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

static char *flat_without_raw_text(const char *bytes, size_t length, size_t *result_length) {
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

void dg_flat_free(dg_flat_page *page) {
    if (page == NULL) {
        return;
    }
    free(page->nodes);
    free(page->attributes);
    free(page->name_offsets);
    free(page->name_lengths);
    free(page->arena);
    free(page);
}

dg_flat_page *dg_flat_parse(const char *bytes, size_t length, const char *encoding) {
    if (bytes == NULL || length == 0 || length > 0x7fffffff) {
        return NULL;
    }
    flat_state *state = calloc(1, sizeof(flat_state));
    if (state == NULL) {
        return NULL;
    }
    state->current = -1;
    state->dropping = -1;
    size_t stripped_length = 0;
    char *stripped = flat_without_raw_text(bytes, length, &stripped_length);
    htmlParserCtxtPtr context = stripped != NULL ? htmlCreateMemoryParserCtxt(stripped, (int)stripped_length)
                                                 : htmlCreateMemoryParserCtxt(bytes, (int)length);
    if (context == NULL) {
        free(stripped);
        free(state);
        return NULL;
    }
    htmlCtxtUseOptions(context,
        HTML_PARSE_RECOVER | HTML_PARSE_NOERROR | HTML_PARSE_NOWARNING | HTML_PARSE_NONET | HTML_PARSE_COMPACT);
    /* As htmlReadMemory's context: bytes of no declared charset are read as UTF-8 (a new HTML
       context would guess Latin-1 at the first non-ASCII byte), a <meta> charset switches. */
    context->charset = XML_CHAR_ENCODING_UTF8;
    if (encoding != NULL) {
        /* As htmlReadMemory does: the caller's charset wins over the page's <meta>. */
        xmlCharEncodingHandlerPtr encoder = xmlFindCharEncodingHandler(encoding);
        if (encoder != NULL) {
            xmlSwitchToEncoding(context, encoder);
            if (context->input->encoding != NULL) {
                xmlFree((xmlChar *)context->input->encoding);
            }
            context->input->encoding = xmlStrdup((const xmlChar *)encoding);
        }
    }
    htmlSAXHandler handler;
    memset(&handler, 0, sizeof(handler));
    handler.startElement = flat_start_element;
    handler.endElement = flat_end_element;
    handler.characters = flat_characters;
    handler.ignorableWhitespace = flat_characters;
    handler.cdataBlock = flat_characters;
    handler.initialized = 1;
    memcpy(context->sax, &handler, sizeof(handler));
    context->userData = context;
    context->_private = state;
    htmlParseDocument(context);
    if (context->myDoc != NULL) {
        xmlFreeDoc(context->myDoc);
        context->myDoc = NULL;
    }
    htmlFreeParserCtxt(context);
    free(stripped);
    /* Elements still open at the end close with the page. */
    for (int open = state->current; open >= 0; open = state->page.nodes[open].parent) {
        state->page.nodes[open].end = state->page.node_count;
    }
    free(state->name_pointers);
    dg_flat_page *page = malloc(sizeof(dg_flat_page));
    if (page == NULL || state->failed) {
        free(page);
        free(state->page.nodes);
        free(state->page.attributes);
        free(state->page.name_offsets);
        free(state->page.name_lengths);
        free(state->page.arena);
        free(state);
        return NULL;
    }
    *page = state->page;
    free(state);
    return page;
}
