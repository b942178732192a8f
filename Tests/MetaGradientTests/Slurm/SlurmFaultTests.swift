import Foundation
import Testing

#if canImport(Glibc)
import Glibc
#endif

/// A sweep on Slurm under the cluster's own faults — slurmd killed and restarted
/// mid-array, a task cancelled and the sweep resubmitted, the node drained and resumed
/// — completes with the local run's files, and its finishing step runs once.
@Suite(.serialized, .enabled(if: SlurmCluster.available || SlurmCluster.required, "no Slurm cluster: eval \"$(.ci/slurm-up)\" starts one"))
struct SlurmFaultTests {
  /// Six units (two random-policy, four seeds) of a few seconds each, checkpointing
  /// after every rollout, two at a time on the loopback node's two CPUs.
  static let options = "--env cartpole,catch --seeds 2 --steps 60000 --checkpoint-minutes 0"

  /// The cluster's state folder (`.ci/slurm-up`'s STATE): the folder of SLURM_CONF.
  static var state: URL { URL(fileURLWithPath: SlurmCluster.environment["SLURM_CONF"]!).deletingLastPathComponent() }

  /// `sweep slurm` without waiting: (array job ID, finishing job ID).
  static func submit(_ data: URL) throws -> (array: String, finish: String) {
    let r = try SlurmSweepTests.sweep(["slurm"], data: data, options: options)
    #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
    let lines = r.stdout.split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
    let array = try #require(lines.first { $0.count > 3 && $0[1] == "job" }?[3], "\(r.stdout)")
    let finish = try #require(lines.first { $0.first == "finishing" }?[2], "\(r.stdout)")
    return (array, finish)
  }

  /// The units whose logs say they started training.
  static func started(_ data: URL) -> [String] {
    let folder = data.appendingPathComponent("meta-gamma/logs")
    return KillAndResumeTests.find(folder, suffix: ".log").filter {
      ((try? String(contentsOf: $0, encoding: .utf8)) ?? "").contains(": running in PID")
    }.map { String($0.path.dropFirst(folder.path.count + 1).dropLast(4)) }
  }

  /// Waits until a seed's unit (not a random-policy one) has started; returns it.
  static func waitForASeed(_ data: URL) throws -> String {
    let deadline = Date().addingTimeInterval(180)
    while Date() < deadline {
      if let unit = started(data).first(where: { !$0.hasPrefix("random/") }) { return unit }
      usleep(50_000)
    }
    throw Timeout(what: "no seed's unit started within 180 s")
  }

  struct Timeout: Error, CustomStringConvertible { var what: String; var description: String { what } }

  static func waitUntilGone(_ job: String, seconds: Double = 600) throws {
    let deadline = Date().addingTimeInterval(seconds)
    while try SlurmCluster.isQueued(job), Date() < deadline { sleep(1) }
    #expect(try !SlurmCluster.isQueued(job), "job \(job) still queued after \(seconds) s")
  }

  /// The finishing jobs' outputs, and how many of them finished the experiment.
  static func finishings(_ data: URL) throws -> (outputs: Int, succeeded: Int) {
    let folder = data.appendingPathComponent(".slurm")
    let outputs = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { $0.hasPrefix("finish-") && $0.hasSuffix(".out") }
    let succeeded = try outputs.filter {
      try String(contentsOf: folder.appendingPathComponent($0), encoding: .utf8).contains("meta-gamma: final return")
    }
    return (outputs.count, succeeded.count)
  }

  static func node() throws -> String {
    let r = try SlurmCluster.run(SlurmCluster.command("sinfo")!, ["-h", "-o", "%N"])
    return r.stdout.trimmingCharacters(in: .whitespacesAndNewlines)
  }

  /// Runs `fault` once a seed's unit is mid-run, then checks the outcome.
  static func survives(_ fault: (_ data: URL, _ array: String, _ unit: String) throws -> String?) throws {
    let root = try ExperimentRunner.temporaryFolder()
    defer { try? FileManager.default.removeItem(at: root) }
    let expected = try SlurmSweepTests.localRun(root, options: options)
    let data = root.appendingPathComponent("data")
    let (array, finish) = try submit(data)
    let unit = try waitForASeed(data)
    // The fault may resubmit the sweep; its finishing job is then the one to wait for.
    let last = try fault(data, array, unit) ?? finish
    try waitUntilGone(last)
    SlurmSweepTests.expectSame(try SlurmSweepTests.dataFiles(data), expected)
    let finishing = try finishings(data)
    #expect(finishing.outputs == 1 && finishing.succeeded == 1, "finishing jobs: \(finishing)")
  }

  @Test(.enabled(if: SlurmCluster.available)) func slurmdKilledAndRestartedMidArray() throws {
    try Self.survives { _, _, _ in
      let pid = try #require(pid_t(String(contentsOf: Self.state.appendingPathComponent("run/slurmd.pid"), encoding: .utf8)
        .trimmingCharacters(in: .whitespacesAndNewlines)))
      kill(pid, SIGKILL)
      sleep(3)
      let up = try ExperimentRunner.run(executable: ExperimentRunner.packageRoot.appendingPathComponent(".ci/slurm-up"), [Self.state.path])
      #expect(up.status == 0, "slurm-up did not restart slurmd: \(up.stderr)")
      return nil
    }
  }

  /// `scancel` of a running task: it checkpoints on Slurm's SIGTERM and ends; the sweep
  /// resubmitted at once runs what is left (the cancelled unit resumes from its
  /// checkpoint) and replaces the earlier finishing job, which never runs.
  @Test(.enabled(if: SlurmCluster.available)) func cancelledTaskThenResubmittedSweep() throws {
    try Self.survives { data, array, unit in
      let list = try String(contentsOf: data.appendingPathComponent(".slurm/meta-gamma.units"), encoding: .utf8)
      let task = try #require(list.split(separator: "\n").firstIndex(of: Substring(unit)))
      let cancel = try SlurmCluster.run(SlurmCluster.command("scancel")!, ["\(array)_\(task)"])
      #expect(cancel.status == 0, "\(cancel.stderr)")
      let r = try SlurmSweepTests.sweep(["slurm"], data: data, options: Self.options)
      #expect(r.status == 0, "\(r.stdout)\(r.stderr)")
      #expect(r.stdout.contains("cancelled finishing job"), "\(r.stdout)")
      let finish = try #require(r.stdout.split(separator: "\n").first { $0.hasPrefix("finishing job") }?.split(separator: " ")[2])
      let deadline = Date().addingTimeInterval(600)
      while try SlurmCluster.isQueued(String(finish)), Date() < deadline { sleep(1) }
      let log = try String(contentsOf: data.appendingPathComponent("meta-gamma/logs/\(unit).log"), encoding: .utf8)
      // It ran twice: resumed from its checkpoint, or, cancelled before its first one, from the start.
      #expect(log.components(separatedBy: ": running in PID").count - 1 >= 2,
              "the cancelled unit did not run again:\n\(log)")
      return String(finish)
    }
  }

  @Test(.enabled(if: SlurmCluster.available)) func nodeDrainedAndResumed() throws {
    try Self.survives { _, _, _ in
      let node = try Self.node()
      let drain = try SlurmCluster.scontrol(["update", "NodeName=\(node)", "State=DRAIN", "Reason=chaos test"])
      #expect(drain.status == 0, "\(drain.stderr)")
      sleep(5)
      let resume = try SlurmCluster.scontrol(["update", "NodeName=\(node)", "State=RESUME"])
      #expect(resume.status == 0, "\(resume.stderr)")
      return nil
    }
  }
}
