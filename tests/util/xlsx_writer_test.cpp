#include "util/xlsx_writer.hpp"

#include <cstdio>
#include <filesystem>
#include <memory>
#include <sstream>

#include <gtest/gtest.h>

namespace patronage::util {
namespace {

// Reads a workbook back with Python's zipfile + ElementTree and prints one line
// per sheet ("sheet\t<name>") and per cell ("<ref>\t<kind>\t<value>"), where kind
// is "s" (text), "n" (number) or "date" (a number styled with a date format).
constexpr const char* k_reader = R"PY(
import sys, zipfile, xml.etree.ElementTree as ET
ns = {'m': 'http://schemas.openxmlformats.org/spreadsheetml/2006/main'}
r = '{http://schemas.openxmlformats.org/officeDocument/2006/relationships}id'
z = zipfile.ZipFile(sys.argv[1])
shared = []
if 'xl/sharedStrings.xml' in z.namelist():
    for si in ET.fromstring(z.read('xl/sharedStrings.xml')).findall('m:si', ns):
        shared.append(''.join(t.text or '' for t in si.iter('{%s}t' % ns['m'])))
styles = ET.fromstring(z.read('xl/styles.xml'))
formats = {int(f.get('numFmtId')): f.get('formatCode') for f in styles.findall('m:numFmts/m:numFmt', ns)}
xfs = [int(x.get('numFmtId', '0')) for x in styles.findall('m:cellXfs/m:xf', ns)]
bold = [x.get('fontId', '0') for x in styles.findall('m:cellXfs/m:xf', ns)]
fonts = [f.find('m:b', ns) is not None for f in styles.findall('m:fonts/m:font', ns)]
def is_date(fmt):
    return 14 <= fmt <= 22 or ('yy' in formats.get(fmt, '') and 'd' in formats.get(fmt, ''))
book = ET.fromstring(z.read('xl/workbook.xml'))
rels = ET.fromstring(z.read('xl/_rels/workbook.xml.rels'))
targets = {x.get('Id'): x.get('Target') for x in rels}
for sheet in book.findall('m:sheets/m:sheet', ns):
    print('sheet\t' + sheet.get('name'))
    data = ET.fromstring(z.read('xl/' + targets[sheet.get(r)]))
    for c in data.iter('{%s}c' % ns['m']):
        t = c.get('t')
        s = int(c.get('s', '0'))
        b = 'b' if fonts[int(bold[s])] else ''
        if t == 's':
            print(c.get('r') + '\ts' + b + '\t' + shared[int(c.find('m:v', ns).text)])
        elif t == 'inlineStr':
            print(c.get('r') + '\ts' + b + '\t' + ''.join(x.text or '' for x in c.iter('{%s}t' % ns['m'])))
        else:
            print(c.get('r') + '\t' + ('date' if is_date(xfs[s]) else 'n') + '\t' + c.find('m:v', ns).text)
)PY";

std::string read_back(const std::filesystem::path& file) {
  // Per process: ctest runs the tests of this file in parallel, and one rewriting the script another is reading
  // failed it.
  auto script = std::filesystem::temp_directory_path() /
                ("patronage_xlsx_reader_" + std::to_string(::getpid()) + ".py");
  {
    std::unique_ptr<FILE, int (*)(FILE*)> out(std::fopen(script.c_str(), "w"), &std::fclose);
    std::fputs(k_reader, out.get());
  }
  std::string command = "python3 " + script.string() + " " + file.string();
  std::string text;
  {
    std::unique_ptr<FILE, int (*)(FILE*)> pipe(popen(command.c_str(), "r"), &pclose);
    char buffer[4096];
    size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, pipe.get())) > 0) {
      text.append(buffer, n);
    }
  }
  std::filesystem::remove(script);
  return text;
}

struct TempFile {
  std::filesystem::path path = std::filesystem::temp_directory_path() /
                               ("patronage_xlsx_test_" + std::to_string(::getpid()) + ".xlsx");
  ~TempFile() { std::filesystem::remove(path); }
};

} // namespace

TEST(XlsxWriter, WritesTextNumbersAndRealDates) {
  TempFile file;
  {
    XlsxWriter xlsx(file.path.string());
    xlsx.begin("Семьи", {{"name", "Имя", 24}, {"count", "Детей"}, {"since", "С"}, {"note", "Note"}});
    xlsx.row({std::string("Иванова Мария"), 3LL, IsoDate{"2026-11-23"}, std::string("=1+1")});
    xlsx.row({std::string("Петров"), 1.5, std::monostate{}, std::string("two\nlines")});
    xlsx.finish();
  }
  std::string expected = "sheet\tСемьи\n"
                         "A1\tsb\tИмя\nB1\tsb\tДетей\nC1\tsb\tС\nD1\tsb\tNote\n"
                         "A2\ts\tИванова Мария\nB2\tn\t3\nC2\tdate\t46349\nD2\ts\t=1+1\n"
                         "A3\ts\tПетров\nB3\tn\t1.5\nD3\ts\ttwo\nlines\n";
  EXPECT_EQ(read_back(file.path), expected);
}

TEST(XlsxWriter, OneValidUniqueSheetPerTable) {
  TempFile file;
  Table a{"a", "Итоги: план/факт [2026]?", {{"k", "K"}}, {{1LL}}};
  Table b{"b", "Итоги: план/факт [2026]?", {{"k", "K"}}, {{2LL}}};
  Table c{"c", "A very long title that does not fit into thirty-one characters", {{"k", "K"}}, {}};
  {
    XlsxWriter xlsx(file.path.string());
    write_tables({a, b, c}, xlsx);
  }
  std::string text = read_back(file.path);
  EXPECT_NE(text.find("sheet\tИтоги  план факт  2026\n"), std::string::npos) << text;
  EXPECT_NE(text.find("sheet\tИтоги  план факт  2026 (2)\n"), std::string::npos) << text;
  EXPECT_NE(text.find("sheet\tA very long title that does not\n"), std::string::npos) << text;
}

TEST(XlsxWriter, SheetNamesAreCutByCharactersNotBytes) {
  EXPECT_EQ(xlsx_sheet_name("'quoted'"), "quoted");
  EXPECT_EQ(xlsx_sheet_name(""), "Sheet");
  std::string cyrillic;
  for (int i = 0; i < 40; ++i) {
    cyrillic += "ж";
  }
  EXPECT_EQ(xlsx_sheet_name(cyrillic).size(), 31U * 2);
}

TEST(XlsxWriter, UnwritablePathThrows) {
  EXPECT_THROW(
      {
        XlsxWriter xlsx("/nonexistent-dir/out.xlsx");
        xlsx.begin("t", {{"k", "K"}});
        xlsx.finish();
      },
      std::runtime_error);
}

} // namespace patronage::util
