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
