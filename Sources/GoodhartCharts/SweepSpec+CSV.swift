import Goodhart

extension SweepSpec {
  /// The CSV header: the axes' paths, then the recorded quantities' names.
  public var csvHeader: String {
    (axes.map { CSVField.text($0.path.description) } + record.map(\.rawValue))
      .joined(separator: ",")
  }

  /// One CSV data row: point `index`'s axis values, then `values` (numbers at full double
  /// precision, `inf` for an infinity, an empty cell where undefined).
  public func csvRow(point index: Int, values: [SweepValue]) -> String {
    let cells = coordinates(ofPoint: index).map(CSVField.number) + values.map { value in
      switch value {
      case .number(let number): CSVField.number(number)
      case .text(let text): CSVField.text(text)
      case .missing: ""
      }
    }
    return cells.joined(separator: ",")
  }
}
