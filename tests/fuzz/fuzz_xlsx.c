/* fuzz_xlsx - an Excel file through zz_read_xlsx: workbook, sheets,
 * shared strings, typed cells, cell references, and content.xml checked
 * against its schema; an input not a ZIP is the sheet, the shared
 * strings, the workbook and its relationships. */
#include <unistd.h>
#define FUZZ_KIND "xlsx"
#define FUZZ_TEMPLATE "xlsx/sheet.xlsx"
#define FUZZ_PARTS "xl/worksheets/sheet1.xml", "xl/sharedStrings.xml", "xl/workbook.xml", "xl/_rels/workbook.xml.rels"
#define FUZZ_READ zz_read_xlsx
#include "fuzz_ooxml.h"
