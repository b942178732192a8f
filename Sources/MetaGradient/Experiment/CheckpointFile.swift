import Foundation

/// The on-disk envelope of a checkpoint: two header lines, then a JSON payload.
///
///     MetaGradientRL checkpoint 1
///     bytes <payload length> fnv1a64 <16 hex digits>
///     <payload>
///
/// The length and the FNV-1a checksum of the payload reject a truncated or corrupted
/// file before anything is decoded. Written with ``AtomicFile`` (temporary name,
/// `fsync`, rename), so a crash mid-write leaves the previous checkpoint intact.
///
/// The payload is JSON (Foundation's `JSONEncoder`, keys sorted): Swift prints every
/// Float and Double in the shortest form that reads back to the same bits, so the
/// round trip is exact (tested on random bit patterns); NaN and ±∞ are spelled
/// `"nan"`, `"inf"`, `"-inf"`.
public enum CheckpointFile {
  public static let magic = "MetaGradientRL checkpoint 1"

  /// A checkpoint that cannot be used.
  public struct Garbled: Error, CustomStringConvertible {
    public var path: String, reason: String
    public var description: String {
      "the checkpoint \(path) is unreadable or garbled (\(reason)); delete it to start that run over, or use --fresh to start the whole folder over"
    }
  }

  public static func encoder() -> JSONEncoder {
    let e = JSONEncoder()
    e.outputFormatting = [.sortedKeys]
    e.nonConformingFloatEncodingStrategy = .convertToString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return e
  }

  public static func decoder() -> JSONDecoder {
    let d = JSONDecoder()
    d.nonConformingFloatDecodingStrategy = .convertFromString(positiveInfinity: "inf", negativeInfinity: "-inf", nan: "nan")
    return d
  }

  /// The FNV-1a 64-bit hash of `data`.
  public static func fnv1a64(_ data: Data) -> UInt64 {
    data.withUnsafeBytes { bytes in
      var hash: UInt64 = 0xcbf2_9ce4_8422_2325
      for byte in bytes { hash = (hash ^ UInt64(byte)) &* 0x0000_0100_0000_01b3 }
      return hash
    }
  }

  /// The envelope around `payload`.
  public static func envelope(_ payload: Data) -> Data {
    var data = Data("\(magic)\nbytes \(payload.count) fnv1a64 \(String(format: "%016llx", fnv1a64(payload)))\n".utf8)
    data.append(payload)
    return data
  }

  /// Writes `value` to `url` atomically.
  public static func write(_ value: some Encodable, to url: URL) throws {
    let data = envelope(try encoder().encode(value))
    writes += 1
    if writes == killDuringWrite {
      // The kill-and-resume test's crash: half the bytes reach the temporary file.
      try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
      try data.prefix(data.count / 2).write(to: AtomicFile.partialURL(for: url))
      kill(getpid(), SIGKILL)
    }
    try AtomicFile.write(data, to: url)
  }

  /// Test hook: with `METAGRADIENT_KILL_DURING_CHECKPOINT=n` in the environment, the
  /// process's n-th checkpoint write stops it with SIGKILL halfway through writing the
  /// temporary file — a crash mid-write, on cue, for the kill-and-resume test.
  static let killDuringWrite: Int? =
    ProcessInfo.processInfo.environment["METAGRADIENT_KILL_DURING_CHECKPOINT"].flatMap { Int($0) }
  nonisolated(unsafe) static var writes = 0

  /// The payload of the envelope in `data`, checked; `path` names the file in errors.
  public static func payload(of data: Data, path: String) throws -> Data {
    func garbled(_ reason: String) -> Garbled { Garbled(path: path, reason: reason) }
    var lines: [Data] = []
    var start = data.startIndex
    while lines.count < 2 {
      guard let end = data[start...].firstIndex(of: UInt8(ascii: "\n")) else { throw garbled("truncated header") }
      lines.append(data[start..<end])
      start = end + 1
    }
    guard String(decoding: lines[0], as: UTF8.self) == magic else {
      throw garbled("not a checkpoint of this format: the first line is not '\(magic)'")
    }
    let fields = String(decoding: lines[1], as: UTF8.self).split(separator: " ")
    guard fields.count == 4, fields[0] == "bytes", fields[2] == "fnv1a64", let count = Int(fields[1]),
          let sum = UInt64(fields[3], radix: 16) else { throw garbled("malformed header line") }
    let payload = Data(data[start...])
    guard payload.count == count else { throw garbled("\(payload.count) payload bytes, the header says \(count): truncated") }
    guard fnv1a64(payload) == sum else { throw garbled("checksum mismatch: the file was corrupted") }
    return payload
  }

  /// Reads and decodes the checkpoint at `url`; any failure is ``Garbled``.
  public static func read<T: Decodable>(_ type: T.Type, from url: URL) throws -> T {
    let data: Data
    do { data = try Data(contentsOf: url) } catch { throw Garbled(path: url.path, reason: "cannot read it: \(error.localizedDescription)") }
    let payload = try payload(of: data, path: url.path)
    do { return try decoder().decode(type, from: payload) } catch {
      throw Garbled(path: url.path, reason: "its contents do not decode: \(error)")
    }
  }
}
