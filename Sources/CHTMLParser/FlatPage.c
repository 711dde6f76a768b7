/* The flat reading of a page (libxml2's SAX HTML parser into one array of nodes), kept apart from the
 * tree reading in CHTMLParser.c. */
#include "CHTMLParser.h"
#include "RawText.h"

#include <stdlib.h>

#include <string.h>
#include <strings.h>

#include <libxml/HTMLparser.h>
#include <libxml/parser.h>
#include <libxml/parserInternals.h>
#include <libxml/xmlerror.h>
#include <libxml/tree.h>
#include <libxml/xmlmemory.h>

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
    char *stripped = dg_flat_without_raw_text(bytes, length, &stripped_length);
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
