/* fuzz_docx - a Word file through zz_read_docx: the package (libzip,
 * sizes, DTDs refused), relationships, paragraphs, tables, text boxes,
 * fields and deletions, and content.xml checked against its schema; an
 * input not a ZIP is document.xml, its relationships and content types. */
#include <unistd.h>
#define FUZZ_KIND "docx"
#define FUZZ_TEMPLATE "docx/application.docx"
#define FUZZ_PARTS "word/document.xml", "word/_rels/document.xml.rels", "[Content_Types].xml"
#define FUZZ_READ zz_read_docx
#include "fuzz_ooxml.h"
