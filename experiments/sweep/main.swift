// sweep: run the units of the experiments (env × variant × seed) on every core of this
// machine, or on a Slurm cluster, then each experiment's finishing step. The data
// files are byte-identical to running each experiment in one process.
import ArgumentParser
import Foundation
import MetaGradient

/// The experiments of `make data`, in the Makefile's order.
let allExperiments = ["prediction", "baseline", "landscape", "eta-paths", "beta-sensitivity", "meta-gamma", "meta-lambda", "meta-gamma-lambda", "eta-conditioning", "approximation-order", "approximation-payoff", "approximation-frontier", "table-1", "outer-critic", "fixed-start"]

struct SweepOptions: ParsableArguments {
  @Option(help: "Budget preset of every experiment: \(Profile.allCases.map(\.rawValue).joined(separator: ", ")).")
  var profile: Profile = .full
  @Option(help: "The data root: experiment E writes <data>/E (default: data for full, quick/data for quick).")
  var data: String?
  @Option(help: "The folder of the experiments' executables (default: this executable's).")
  var bin: String?
  @Argument(help: "Experiments (default: all of \(allExperiments.joined(separator: ", "))).")
  var experiments: [String] = []
  @Option(
    parsing: .unconditional,
    help: "More options for every experiment's command line, space-separated, e.g. \"--env cartpole,catch --seeds 2\".")
  var experimentOptions = ""

  func validate() throws {
    if let bad = experiments.first(where: { !allExperiments.contains($0) }) {
      throw ValidationError("unknown experiment '\(bad)'; the experiments are \(allExperiments.joined(separator: ", "))")
    }
  }

  var dataURL: URL { URL(fileURLWithPath: data ?? (profile == .full ? "data" : "quick/data")) }
  var binURL: URL {
    bin.map { URL(fileURLWithPath: $0) }
      ?? URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().deletingLastPathComponent()
  }
  func jobs() throws -> [SweepJob] {
    try SweepJob.standard(
      experiments.isEmpty ? allExperiments : experiments, profile: profile, data: dataURL, bin: binURL,
      options: experimentOptions.split(separator: " ").map(String.init))
  }
}

/// Errors as one line and an exit status: 1 for a failed sweep, 128 + signal when stopped.
func report(_ body: () throws -> Void) throws {
  do { try body() } catch let error as SweepError {
    Terminal.write("sweep: \(error)\n"); throw ExitCode(1)
  } catch let error as SweepInterrupted {
    throw ExitCode(128 + error.signal)
  }
}

struct Run: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run the experiments' units on this machine, N processes at a time, then their finishing steps.",
    discussion: """
      Resumable: finished units are skipped, interrupted ones resume from their checkpoints, experiments with \
      COMPLETE are left alone. Each unit's output is in <data>/<experiment>/logs/<unit>.log.
      """)
  @OptionGroup var sweep: SweepOptions
  @Option(help: "Processes at once (default: the number of cores).")
  var jobs = ProcessInfo.processInfo.activeProcessorCount
  @Flag(help: "No progress display.") var quiet = false
  @Flag(help: "Refuse a unit another live process holds, instead of waiting for it while the others run.") var noWait = false

  func validate() throws {
    guard jobs > 0 else { throw ValidationError("--jobs (JOBS) must be a positive integer, got \(jobs)") }
  }

  func run() throws {
    try report { try LocalExecutor(jobs: jobs, quiet: quiet, waits: !noWait).run(try sweep.jobs()) }
  }
}

struct Slurm: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Submit the experiments' units to Slurm as job arrays, then a dependent finishing job.",
    discussion: """
      One array per experiment (one unit per task) with --requeue and --signal=B:TERM@<signal-seconds>: a unit
      checkpoints on SIGTERM before a time limit or a preemption, and its requeued task resumes from the checkpoint.
      Logs: <data>/<experiment>/logs/<unit>.log. The cluster must share this file system.
      """)
  @OptionGroup var sweep: SweepOptions
  @Option(help: "Partition (default: the cluster's default).") var partition: String?
  @Option(help: "Time limit per task, as sbatch's --time (e.g. 4:00:00).") var time: String?
  @Option(help: "CPUs per task.") var cpusPerTask = 1
  @Option(help: "Account to charge.") var account: String?
  @Option(help: "At most this many tasks of an array at once (0: no limit).") var throttle = 0
  @Option(help: "Seconds before the time limit at which a unit is told to checkpoint (Slurm may signal up to 60 s early).")
  var signalSeconds = 120
  @Option(help: "More sbatch flags, space-separated.") var sbatchFlags = ""
  @Flag(help: "Print the batch scripts; submit nothing.") var dryRun = false
  @Flag(help: "Block until the finishing job ends; exit with its status.") var wait = false

  func validate() throws {
    guard cpusPerTask > 0 else { throw ValidationError("--cpus-per-task must be a positive integer, got \(cpusPerTask)") }
    guard throttle >= 0 else { throw ValidationError("--throttle must be 0 or positive, got \(throttle)") }
    guard signalSeconds > 0 else { throw ValidationError("--signal-seconds must be positive, got \(signalSeconds)") }
  }

  func run() throws {
    var options = SlurmExecutor.Options()
    options.partition = partition; options.time = time; options.cpusPerTask = cpusPerTask; options.account = account
    options.throttle = throttle; options.signalSeconds = signalSeconds
    options.extraFlags = sbatchFlags.split(separator: " ").map(String.init)
    let me = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath().path
    let data = sweep.dataURL.standardizedFileURL.path, bin = sweep.binURL.standardizedFileURL.path
    let finish = [me, "finish", "--profile", sweep.profile.rawValue, "--data", data, "--bin", bin]
      + (sweep.experimentOptions.isEmpty ? [] : ["--experiment-options", sweep.experimentOptions]) + sweep.experiments
    try report {
      // Absolute paths: the tasks run wherever Slurm starts them.
      var absolute = sweep
      absolute.data = data; absolute.bin = bin
      let submission = try SlurmExecutor(options: options, finishCommand: finish)
        .submit(try absolute.jobs(), data: URL(fileURLWithPath: data), dryRun: dryRun, wait: wait)
      if dryRun {
        for (path, text) in submission.scripts { print("==> \(path) <==\n\(text)") }
        return
      }
      for id in submission.cancelledFinishJobIDs {
        print("cancelled finishing job \(id) of an earlier submission: the new one waits for every unit")
      }
      for a in submission.arrays { print("\(a.experiment): job array \(a.jobID) (\(a.tasks) units)") }
      print("finishing job \(submission.finishJobID ?? "?")\(wait ? ": done" : " (squeue to follow; make figures when it is done)")")
    }
  }
}

struct Finish: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Run each experiment's finishing step; fail naming every unit that has not finished.")
  @OptionGroup var sweep: SweepOptions

  func run() throws {
    try report {
      var failures: [String] = []
      for job in try sweep.jobs() where !job.folder.isComplete {
        do { print(try job.finish(), terminator: "") } catch { failures.append("\(error)") }
      }
      guard failures.isEmpty else { throw SweepError(failures.joined(separator: "; ")) }
    }
  }
}

struct SweepCommand: ParsableCommand {
  static let configuration = CommandConfiguration(
    commandName: "sweep",
    abstract: "Run the experiments' units of work in parallel: on this machine (run) or on Slurm (slurm, finish).",
    subcommands: [Run.self, Slurm.self, Finish.self])
}

SweepCommand.main()
