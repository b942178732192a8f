import Foundation

/// Whether a file is a PNG: its first eight bytes are the PNG signature (RFC 2083, §3.1).
enum PNGFile {
  static let signature: [UInt8] = [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]
  static func isPNG(_ url: URL) -> Bool {
    (try? Data(contentsOf: url)).map { Array($0.prefix(8)) == signature } ?? false
  }
}
