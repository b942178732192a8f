import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A small tmpfs that the test mounts (root only), so that a run's disk fills up.
enum SmallDisk {
  /// Whether this process may mount a tmpfs (tried once, on a throw-away folder).
  static let canMount: Bool = {
    guard getuid() == 0, let probe = try? ExperimentRunner.temporaryFolder() else { return false }
    defer { try? FileManager.default.removeItem(at: probe) }
    guard mount(probe, kilobytes: 64) else { return false }
    unmount(probe)
    return true
  }()

  @discardableResult
  static func mount(_ folder: URL, kilobytes: Int, remount: Bool = false) -> Bool {
    let options = (remount ? "remount," : "") + "size=\(kilobytes)k"
    let r = try? ExperimentRunner.run(executable: URL(fileURLWithPath: "/bin/mount"), ["-t", "tmpfs", "-o", options, "tmpfs", folder.path])
    return r?.status == 0
  }

  static func unmount(_ folder: URL) {
    _ = try? ExperimentRunner.run(executable: URL(fileURLWithPath: "/bin/umount"), [folder.path])
  }
}

/// A run whose disk fills up (ENOSPC) stops with one line naming the file it could not
/// write; its last good checkpoint stays, no partial file is left, and a rerun once
/// there is space again resumes and writes the bytes of a run that had space all along.
@Suite(.serialized, .enabled(if: SmallDisk.canMount, "mounting a tmpfs needs root (and a kernel that allows it)"))
struct DiskFullTests {
  static let arguments = ["--env", "catch", "--seeds", "2", "--steps", "20000", "--quiet", "--plot", "off", "--checkpoint-minutes", "0"]

  @Test func aFullDiskStopsTheRunWhichResumesWhenThereIsSpace() throws {
    let disk = try ExperimentRunner.temporaryFolder()
    defer { SmallDisk.unmount(disk); try? FileManager.default.removeItem(at: disk) }
    // Room for the run (about 3 MB at most: a checkpoint of Catch's network and its
    // replacement, and the data files), then too little for a checkpoint's rewrite.
    #expect(SmallDisk.mount(disk, kilobytes: 8 * 1024))
    let out = disk.appendingPathComponent("out")
    let args = Self.arguments + ["--out", out.path]
    let clean = try ExperimentRunner.run("meta-gamma", args, environment: KillAndResumeTests.environment)
    #expect(clean.status == 0, "\(clean.stderr)")
    let expected = try KillAndResumeTests.files(out)
    try FileManager.default.removeItem(at: out)

    #expect(SmallDisk.mount(disk, kilobytes: 1200, remount: true))
    let full = try ExperimentRunner.run("meta-gamma", args, environment: KillAndResumeTests.environment)
    #expect(full.status == 1, "\(full.stderr)")
    let lines = full.stderr.split(separator: "\n")
    #expect(lines.count == 1, "\(full.stderr)")
    #expect(full.stderr.contains("cannot write \(out.path)/") && full.stderr.contains("No space left on device"), "\(full.stderr)")
    #expect(KillAndResumeTests.find(out, suffix: ".partial").isEmpty, "a partial file was left")
    let checkpoints = KillAndResumeTests.find(out, suffix: ".checkpoint")
    #expect(!checkpoints.isEmpty, "no checkpoint stayed")
    // Every data file there is a whole one: the clean run's bytes.
    for url in KillAndResumeTests.find(out, suffix: ".dat") {
      let path = String(url.path.dropFirst(out.path.count + 1))
      #expect(try Data(contentsOf: url) == expected[path], "\(path) is not the clean run's")
    }

    #expect(SmallDisk.mount(disk, kilobytes: 8 * 1024, remount: true))
    let resumed = try ExperimentRunner.run("meta-gamma", args, environment: KillAndResumeTests.environment)
    #expect(resumed.status == 0, "\(resumed.stderr)")
    #expect(resumed.stderr.contains("resuming catch/meta-gamma/seed00 from its checkpoint"), "\(resumed.stderr)")
    let files = try KillAndResumeTests.files(out)
    #expect(files.keys.sorted() == expected.keys.sorted())
    for (path, bytes) in expected { #expect(files[path] == bytes, "\(path) differs after the disk filled up") }
  }
}
