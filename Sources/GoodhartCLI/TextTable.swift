import Foundation

/// A plain-text table for people: a header row, aligned columns, numbers right-aligned.
struct TextTable {
  /// The column titles.
  let columns: [String]
  /// The rows, each with one cell per column.
  private(set) var rows: [[String]] = []

  /// A table with these column titles.
  init(_ columns: [String]) { self.columns = columns }

  /// Appends a row (missing cells are blank).
  mutating func append(_ cells: [String]) {
    rows.append(cells + Array(repeating: "", count: max(0, columns.count - cells.count)))
  }

  /// The table, two spaces between columns.
  var rendered: String {
    let widths = columns.indices.map { column in
      ([columns[column]] + rows.map { $0[column] }).map(\.count).max() ?? 0
    }
    func line(_ cells: [String]) -> String {
      zip(cells, widths).enumerated().map { index, pair in
        let (cell, width) = pair
        let padding = String(repeating: " ", count: width - cell.count)
        return index == 0 ? cell + padding : padding + cell
      }.joined(separator: "  ")
    }
    let rule = widths.map { String(repeating: "-", count: $0) }.joined(separator: "  ")
    return ([line(columns), rule] + rows.map(line)).joined(separator: "\n")
  }

  /// A value that may not exist: "none" when it does not.
  static func formatOptional(_ value: Double?) -> String { value.map { format($0) } ?? "none" }

  /// A number for people: 6 significant digits, `inf` for infinities.
  static func format(_ value: Double) -> String {
    if value.isInfinite { return value > 0 ? "inf" : "-inf" }
    if value.isNaN { return "nan" }
    if value != 0, abs(value) < 1e-4 || abs(value) >= 1e7 {
      return String(format: "%.5e", value)
    }
    return String(format: "%.6g", value)
  }
}
