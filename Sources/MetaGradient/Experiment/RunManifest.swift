import ArgumentParser
import Foundation

/// The resolved settings of an experiment run, written as `<out>/MANIFEST` before any
/// data, so that a folder never mixes the data of two different configurations.
///
/// Starting a run in a folder whose manifest differs stops with a message naming the
/// first differing line, unless `--fresh` is given, which removes the folder's old
/// contents first. Rerunning the same configuration is allowed (its files are
/// rewritten with the same bytes), and so is claiming a folder without a manifest.
public struct RunManifest: Equatable, Sendable {
  public static let fileName = "MANIFEST"
  /// `key = value` lines, in order.
  public var lines: [String]

  public init(_ entries: [(key: String, value: String)]) {
    lines = entries.map { "\($0.key) = \($0.value)" }
  }

  /// A foreign configuration is already in the folder.
  public struct Conflict: Error, CustomStringConvertible {
    public var folder: String, existing: String, requested: String
    public var description: String {
      "\(folder) holds data of a different configuration (it has '\(existing)', this run has '\(requested)'); "
        + "use another --out, or --fresh to delete the old data and start over"
    }
  }

  /// The first difference between `existing` (another run's manifest lines) and this
  /// manifest, or nil when they agree.
  public func conflict(with existing: [String], in folder: URL) -> Conflict? {
    guard existing != lines else { return nil }
    let i = zip(existing, lines).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(existing.count, lines.count)
    return Conflict(folder: folder.path, existing: i < existing.count ? existing[i] : "(nothing)",
                    requested: i < lines.count ? lines[i] : "(nothing)")
  }

  /// A MANIFEST that cannot be read: the folder's configuration is unknown, so nothing
  /// is written into it.
  public struct Unreadable: Error, CustomStringConvertible {
    public var path: String, reason: String
    public var description: String {
      "the manifest \(path) \(reason); the folder's configuration is unknown: use another --out, or --fresh to delete the folder's contents and start over"
    }
  }

  /// The lines of a MANIFEST's bytes: UTF-8 `key = value` lines, at most ``maximumSize``
  /// bytes; anything else throws ``Unreadable``.
  public static func lines(of data: Data, path: String) throws -> [String] {
    guard data.count <= maximumSize else { throw Unreadable(path: path, reason: "has \(data.count) bytes, more than a manifest's \(maximumSize)") }
    guard let text = String(data: data, encoding: .utf8) else { throw Unreadable(path: path, reason: "is not UTF-8 text") }
    let lines = text.split(separator: "\n").map(String.init)
    if let (i, bad) = lines.enumerated().first(where: { !$0.element.contains(" = ") || $0.element.contains("\0") }) {
      throw Unreadable(path: path, reason: "line \(i + 1) is not `key = value`: '\(bad.prefix(80))'")
    }
    return lines
  }

  /// A manifest is a few hundred lines at most; a larger file is not one.
  public static let maximumSize = 1 << 20

  /// The manifest lines of `folder`, or nil when it has none; an unreadable one throws.
  public static func read(_ folder: URL) throws -> [String]? {
    let url = folder.appendingPathComponent(fileName)
    var isDirectory: ObjCBool = false
    guard FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory) else { return nil }
    guard !isDirectory.boolValue else { throw ValidationError(Unreadable(path: url.path, reason: "is a folder, not a file").description) }
    let data: Data
    do { data = try Data(contentsOf: url) } catch {
      throw ValidationError(Unreadable(path: url.path, reason: "cannot be read (\(error.localizedDescription))").description)
    }
    do { return try lines(of: data, path: url.path) } catch { throw ValidationError("\(error)") }
  }

  /// Checks `folder` against this manifest (removing its contents first when `fresh`)
  /// and writes the manifest. A mismatch throws a `ValidationError` (exit code 64: a
  /// usage error, nothing written).
  public func claim(_ folder: URL, fresh: Bool) throws {
    let fm = FileManager.default
    let url = folder.appendingPathComponent(Self.fileName)
    if fresh {
      for item in (try? fm.contentsOfDirectory(atPath: folder.path)) ?? [] {
        try fm.removeItem(at: folder.appendingPathComponent(item))
      }
    } else if let existing = try Self.read(folder), let conflict = conflict(with: existing, in: folder) {
      throw ValidationError(conflict.description)
    }
    try AtomicFile.write(Data((lines.joined(separator: "\n") + "\n").utf8), to: url)
  }
}
