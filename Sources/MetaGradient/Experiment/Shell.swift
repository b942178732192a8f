import Foundation

/// The two things the program needs from a POSIX shell's conventions: finding a
/// command on `PATH`, and quoting a word for `sh`/`bash`.
enum Shell {
  /// The executable `name` in the first folder of `PATH` that has one, or nil.
  static func which(_ name: String, environment: [String: String] = ProcessInfo.processInfo.environment) -> URL? {
    for dir in (environment["PATH"] ?? "").split(separator: ":") {
      let url = URL(fileURLWithPath: String(dir)).appendingPathComponent(name)
      if FileManager.default.isExecutableFile(atPath: url.path) { return url }
    }
    return nil
  }

  /// `s` as one shell word: as is when it is plainly safe, else single-quoted.
  static func quote(_ s: String) -> String {
    !s.isEmpty && s.allSatisfy { $0.isLetter || $0.isNumber || "/._-=,+:".contains($0) }
      ? s : "'" + s.replacingOccurrences(of: "'", with: "'\\''") + "'"
  }
}
