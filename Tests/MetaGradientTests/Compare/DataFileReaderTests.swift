import Foundation
import Testing
@testable import MetaGradient

@Suite struct DataFileReaderTests {
  @Test func readsBackWhatDataFileWrites() throws {
    var file = DataFile(title: "t", config: [("env", "catch"), ("seed", "3")], columns: ["a", "b"])
    file.append([1, .nan])
    file.append([2, .infinity])
    let data = try DataFileReader(text: file.contents, path: "x.dat")
    #expect(data.values["env"] == "catch")
    #expect(try data.integer("seed") == 3)
    #expect(data.values["version"]?.hasPrefix(MetaGradientRL.version) == true)
    #expect(data.columns == ["a", "b"])
    #expect(try data.column("a") == [1, 2])
    let b = try data.column("b")
    #expect(b[0].isNaN && b[1] == .infinity)
  }

  @Test func garbledRowsNameFileAndLine() throws {
    let text = "# title\n# k = v\n# a b\n1 2\n3 oops\n"
    #expect(throws: CompareError.garbled(file: "f.dat", line: 5, reason: "'oops' in column b is not a number")) {
      try DataFileReader(text: text, path: "f.dat")
    }
    #expect(throws: CompareError.garbled(file: "f.dat", line: 4, reason: "1 values for the 2 columns named on line 3 (a b)")) {
      try DataFileReader(text: "# title\n# k = v\n# a b\n1\n", path: "f.dat")
    }
    #expect(throws: CompareError.garbled(file: "f.dat", line: 1, reason: "a data row before any `# <column> …` header line")) {
      try DataFileReader(text: "1 2\n", path: "f.dat")
    }
    let message = "\(CompareError.garbled(file: "f.dat", line: 5, reason: "r"))"
    #expect(message == "f.dat:5: r")
  }

  @Test func missingKeysAndColumnsAreNamed() throws {
    let data = try DataFileReader(text: "# t\n# a b\n1 2\n", path: "f.dat")
    #expect(throws: CompareError.garbled(file: "f.dat", line: nil, reason: "no `# seed = …` header line")) { try data.value("seed") }
    #expect(throws: CompareError.garbled(file: "f.dat", line: nil, reason: "no column 'c' (columns: a b)")) { try data.column("c") }
  }

  @Test func aDivergedNoteIsNotTheColumnLine() throws {
    let data = try DataFileReader(text: "# t\n# a b\n# diverged at env_steps 300\n1 2\n", path: "f.dat")
    #expect(data.columns == ["a", "b"])
  }
}
