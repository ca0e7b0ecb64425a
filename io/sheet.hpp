#pragma once
// Meeting worksheets: a matrix of district team members (rows) by school leaders (columns) whose
// cells hold tie-type codes such as "P2 X". Writing a blank or pre-filled sheet, and reading a
// filled one back into ties.
#include "engine/network.hpp"
#include "io/diagnostic.hpp"

#include <map>
#include <string>
#include <utility>
#include <vector>

namespace staffnet {

/// The people a worksheet is about: district team members (role `district_team`), ordered by id,
/// and school leaders (role `school_leader`), ordered by school then id. Ids compare as text.
struct SheetPeople {
    std::vector<Person> members;  // rows
    std::vector<Person> leaders;  // columns
    std::map<std::string, std::string> school_names;  // school id -> name, for the column labels (may be empty)
};

/// Picks the members and leaders out of people.csv's people.
SheetPeople sheet_people(const std::vector<Person>& people);

/// One code in one cell: a tie of `type` (an index into the tie types) between a district team
/// member and a school leader, with a strength of 1 (weak) to 3 (strong).
struct SheetTie {
    std::string member;  // id, the tie's source in ties.csv
    std::string leader;  // id, the tie's target
    std::size_t type = 0;
    int strength = 1;

    friend bool operator==(const SheetTie&, const SheetTie&) = default;
    friend auto operator<=>(const SheetTie&, const SheetTie&) = default;
};

/// A row label, "Rachel Morgan (D01)"; the id stands in for an empty name.
std::string member_label(const Person& member);

/// A column label, "Scott Thompson (S01, P001)", or "Name (P001)" for a leader with no school.
std::string leader_label(const Person& leader);

/// The label the worksheet writes: the school's name in place of its id when `school_names` has
/// it, "Scott Thompson (Bluebird Elementary, P001)". Reading matches by the id after the last comma.
std::string leader_label(const Person& leader, const std::map<std::string, std::string>& school_names);

/// The text of the sheet's top-left cell, which says how to read the matrix.
inline const std::string sheet_corner = "district team \\ school leader";

/// Throws InputError (reported against `config_file`, the file that declares the types) when two
/// tie types share a code (ignoring case), or a code is empty or holds anything but letters.
void check_codes(const std::vector<TieType>& types, const std::string& config_file);

/// "P = shared project, C = past collaboration, X = contact exchange, S = social".
std::string code_legend(const std::vector<TieType>& types);

/// The codes of one cell, one per tie type present, in type order; a strength other than 1
/// follows its code: "P2 X". `ties` are the cell's ties (only `type` and `strength` are used).
std::string cell_text(const std::vector<SheetTie>& ties, const std::vector<TieType>& types);

/// Reads one cell: zero or more codes, case-insensitive, each optionally followed by one digit
/// 1-3 (the strength; none means 1). Codes may run together ("PX") or be separated by spaces,
/// commas, semicolons, plus signs, slashes or line breaks; a tie type's full name also counts as
/// its code. Returns (type, strength) pairs in the order written. Throws std::invalid_argument
/// with a bare message for an unknown code, a strength outside 1-3, a digit with no code before it,
/// or a type given twice.
std::vector<std::pair<std::size_t, int>> parse_cell(const std::string& text, const std::vector<TieType>& types);

/// The worksheet as CSV: a UTF-8 byte-order mark (so Excel shows accented names correctly), LF
/// line ends, commas; a header row of sheet_corner then one leader_label per leader, then one row
/// per member: member_label and one cell per leader, blank or filled from `filled`.
std::string sheet_csv(const SheetPeople& people, const std::vector<TieType>& types,
                      const std::vector<SheetTie>& filled = {});

/// The member-leader ties among `rows` (ties.csv read against `people`), in either direction,
/// as sheet ties. A pair given several times for one type keeps its largest weight. Throws
/// InputError (against `ties_file`) naming every tie whose weight is not 1, 2 or 3, since a
/// cell cannot hold it.
std::vector<SheetTie> sheet_ties(const std::vector<TieRow>& rows, const std::vector<Person>& people,
                                 const std::vector<TieType>& types, const std::string& ties_file);

/// Reads a filled worksheet saved by Excel, LibreOffice or Google Sheets: UTF-8 with or without a
/// byte-order mark, LF/CRLF/CR line ends, quoted cells, and comma, semicolon or tab separators (the
/// first one after the top-left cell). Labels match people by the id in their last parentheses
/// ("Name (S01, P001)"), else by name (ignoring case and extra spaces); a label whose text is not
/// UTF-8 (Excel's plain "CSV" on Windows) still matches by its id. Columns or rows with a blank
/// label and no codes are ignored (spreadsheets save such leftovers). Throws one InputError
/// listing every problem, each at file:line:column with its cell reference ("cell C7: ..."):
/// an empty sheet, malformed quotes, a row with the wrong number of cells, an unknown, misplaced,
/// ambiguous or repeated label, codes under a blank label, and every bad cell. Returns the ties
/// row by row, left to right, in the order the cell gives them.
std::vector<SheetTie> parse_sheet(const std::string& name, std::string text, const std::vector<Person>& people,
                                  const std::vector<TieType>& types);

/// The same from a file.
std::vector<SheetTie> read_sheet(const std::string& path, const std::vector<Person>& people,
                                 const std::vector<TieType>& types);

/// ties.csv text: the header `source,target,type,weight`, then one row per tie (member, leader,
/// the type's name, the strength).
std::string ties_csv(const std::vector<SheetTie>& ties, const std::vector<TieType>& types);

/// What merge_sheet_ties did.
struct SheetMerge {
    std::string text;          // the new ties file
    std::size_t replaced = 0;  // rows of the same worksheet that were dropped
    std::size_t kept = 0;      // other rows, kept as they were
};

/// Merges a worksheet's ties into the text of a ties file (`existing`, "" for none): the rows
/// whose `sheet` column names `sheet_name` are replaced by `ties`, each tagged with it, so a tie
/// crossed out in the meeting disappears; every other row and column is kept as it was (a `sheet`
/// column is added when missing). Rows shorter than the header read as blank at the end.
SheetMerge merge_sheet_ties(const std::string& ties_file, const std::string& existing, const std::string& sheet_name,
                            const std::vector<SheetTie>& ties, const std::vector<TieType>& types);

/// The spreadsheet name of a cell from 0-based column and 1-based row: (2, 7) -> "C7", (26, 1) -> "AA1".
std::string cell_name(std::size_t column, int row);

}  // namespace staffnet
