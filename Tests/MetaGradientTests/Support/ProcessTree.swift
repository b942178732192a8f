import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// The processes of a test's sweep, read from `/proc`: to kill a whole tree (make,
/// sweep and every worker) and to find what a kill left running.
enum ProcessTree {
  /// Every live process: PID → (parent PID, command line with spaces for NULs).
  static func table() -> [pid_t: (parent: pid_t, command: String)] {
    var table: [pid_t: (pid_t, String)] = [:]
    for entry in (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? [] {
      guard let pid = pid_t(entry),
            let stat = try? String(contentsOfFile: "/proc/\(entry)/stat", encoding: .utf8),
            let close = stat.lastIndex(of: ")") else { continue }
      // Fields after "(comm)": state, ppid, …; a zombie is not running.
      let fields = stat[stat.index(after: close)...].split(separator: " ")
      guard fields.count > 1, fields[0] != "Z", let parent = pid_t(fields[1]) else { continue }
      let raw = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(entry)/cmdline"))) ?? Data()
      table[pid] = (parent, String(decoding: raw.map { $0 == 0 ? 32 : $0 }, as: UTF8.self))
    }
    return table
  }

  /// `root` and every process below it.
  static func descendants(of root: pid_t) -> [pid_t] {
    let table = table()
    var found = [root], frontier = [root]
    while let next = frontier.popLast() {
      let children = table.filter { $0.value.parent == next }.map(\.key)
      found += children; frontier += children
    }
    return found
  }

  /// SIGKILL to `root` and everything below it, taken at one instant (children first
  /// found, then all killed, so that none is missed by being reparented mid-walk).
  static func killTree(_ root: pid_t) {
    for pid in descendants(of: root) { kill(pid, SIGKILL) }
  }

  /// Live processes whose command line contains `marker` (a test's data folder), but
  /// not this process.
  static func running(containing marker: String) -> [(pid: pid_t, command: String)] {
    table().filter { $0.key != getpid() && $0.value.command.contains(marker) }.map { ($0.key, $0.value.command) }
  }

  /// Waits up to `seconds` until no process containing `marker` runs; returns those left.
  static func waitForNone(containing marker: String, seconds: Double) -> [(pid: pid_t, command: String)] {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
      if running(containing: marker).isEmpty { return [] }
      usleep(50_000)
    }
    return running(containing: marker)
  }
}
