import Foundation

/// Submits the units of several experiments to a Slurm cluster: per experiment one
/// job array, one unit per task, then one finishing job that depends on every array
/// (`afterany`) and runs each experiment's finishing step.
///
/// - **Preemption and time limits.** Tasks are submitted with `--requeue` and
///   `--signal=B:TERM@<signalSeconds>`: Slurm sends SIGTERM to the batch shell that
///   long before the time limit, the shell forwards it to the unit, which writes its
///   checkpoint and exits 143; the shell then requeues its own task
///   (`scontrol requeue`), which resumes from the checkpoint. A task requeued or
///   preempted by Slurm gets the same SIGTERM first and comes back the same way.
/// - **Logs**: each task appends to `<out>/logs/<unit>.log`; Slurm's own output goes
///   to `<out>/logs/slurm/`.
/// - **Finishing**: `sweep finish` refuses to finish an experiment with an unfinished
///   unit and names it (exit 1).
/// - The scripts live in `<data>/.slurm/`; `--dry-run` prints them instead.
///
/// The cluster must share the file system holding the data and the executables.
public struct SlurmExecutor {
  public struct Options: Sendable {
    public var partition: String?
    public var time: String?
    public var cpusPerTask = 1
    public var account: String?
    /// The array throttle `%N`: at most N tasks of an array at once (0: no limit).
    public var throttle = 0
    /// Seconds before the time limit at which SIGTERM asks a unit to checkpoint.
    public var signalSeconds = 120
    /// Extra `sbatch` flags, split on spaces.
    public var extraFlags: [String] = []
    public init() {}
  }

  /// Seconds a task waits before trying a held unit again.
  static let heldRetrySeconds = 5

  public var options: Options
  /// The finishing job's command: `sweep finish …` for the same experiments.
  public var finishCommand: [String]
  public init(options: Options, finishCommand: [String]) { self.options = options; self.finishCommand = finishCommand }

  /// The `sbatch` flags every job gets.
  var commonFlags: [String] {
    var flags = ["--parsable"]
    if let p = options.partition { flags.append("--partition=\(p)") }
    if let t = options.time { flags.append("--time=\(t)") }
    if let a = options.account { flags.append("--account=\(a)") }
    return flags + options.extraFlags
  }

  /// The batch script of `job`'s array: task i runs line i + 1 of `units`.
  func arrayScript(_ job: SweepJob, units: URL) -> String {
    let command = ([job.executable.path] + job.arguments).map(Shell.quote).joined(separator: " ")
    return """
      #!/bin/bash
      # \(job.experiment): one unit per array task (MetaGradientRL sweep).
      set -u
      unit=$(sed -n "$((SLURM_ARRAY_TASK_ID + 1))p" \(Shell.quote(units.path)))
      [ -n "$unit" ] || { echo "no unit for task $SLURM_ARRAY_TASK_ID in \(units.path)" >&2; exit 2; }
      log=\(Shell.quote(job.folder.out.path))/logs/$unit.log
      mkdir -p "$(dirname "$log")"
      exec >>"$log" 2>&1
      echo "== $(date -u +%FT%TZ) job ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID} on $(hostname), restart ${SLURM_RESTART_COUNT:-0}: $unit"
      export OPENBLAS_NUM_THREADS=1
      # The unit runs in the background so that this shell can forward Slurm's SIGTERM
      # (time limit, preemption, requeue) to it; it then checkpoints and exits 143.
      # A unit held by another process (a task of an earlier submission still running it)
      # exits \(SweepWorker.heldStatus): wait, then run it (it is then finished, or resumes).
      pid=; stop=
      trap 'stop=1; [ -z "$pid" ] || kill -TERM $pid 2>/dev/null' TERM
      while :; do
        \(command) --unit "$unit" --quiet &
        pid=$!
        wait $pid; status=$?
        while kill -0 $pid 2>/dev/null; do wait $pid; status=$?; done
        pid=
        [ $status -eq \(SweepWorker.heldStatus) ] && [ -z "$stop" ] || break
        echo "== $unit is held by another process: trying again in \(Self.heldRetrySeconds) s"
        sleep \(Self.heldRetrySeconds) & wait $!
        [ -z "$stop" ] || { status=143; break; }
      done
      if [ $status -eq 143 ]; then
        echo "== checkpointed on SIGTERM: requeueing ${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}"
        scontrol requeue "${SLURM_ARRAY_JOB_ID}_${SLURM_ARRAY_TASK_ID}" 2>/dev/null || true
        exit 0
      fi
      exit $status

      """
  }

  /// The finishing job's script.
  var finishScript: String {
    """
    #!/bin/bash
    # Finishing step of a MetaGradientRL sweep: aggregates and COMPLETE per experiment,
    # or a failure naming the units that did not finish.
    set -u
    exec \(finishCommand.map(Shell.quote).joined(separator: " "))

    """
  }

  /// What was (or, dry, would be) submitted.
  public struct Submission: Sendable {
    public var arrays: [(experiment: String, jobID: String, tasks: Int)]
    public var finishJobID: String?
    /// Finishing jobs of earlier submissions of the same sweep, still pending, cancelled.
    public var cancelledFinishJobIDs: [String] = []
    public var scripts: [(path: String, text: String)]
  }

  /// Checks the cluster (sbatch on PATH, the controller answers, the partition exists),
  /// writes the scripts and submits; `wait` blocks until the finishing job ends and
  /// throws when it failed. With `dryRun` nothing is checked, written or submitted.
  public func submit(_ sweep: [SweepJob], data: URL, dryRun: Bool, wait: Bool) throws -> Submission {
    // First, before anything is listed or written: a cluster we cannot use stops here.
    if !dryRun { try Self.checkCluster(partition: options.partition) }
    var pending: [(job: SweepJob, units: [String])] = []
    for job in sweep where !job.folder.isComplete {
      // Array tasks start in index order: lower rounds first (SweepUnit.round), in plan order within one.
      let units = try job.listUnits().filter { $0.state != "finished" }.enumerated()
        .sorted { ($0.element.unit.round, $0.offset) < ($1.element.unit.round, $1.offset) }.map(\.element.unit.name)
      pending.append((job, units))
    }
    let folder = data.appendingPathComponent(".slurm")
    var scripts: [(path: String, text: String)] = []
    for (job, units) in pending where !units.isEmpty {
      let list = folder.appendingPathComponent("\(job.experiment).units")
      scripts.append((list.path, units.joined(separator: "\n") + "\n"))
      scripts.append((folder.appendingPathComponent("\(job.experiment).sh").path, arrayScript(job, units: list)))
    }
    let finish = folder.appendingPathComponent("finish.sh")
    scripts.append((finish.path, finishScript))
    if dryRun { return Submission(arrays: [], finishJobID: nil, cancelledFinishJobIDs: [], scripts: scripts) }

    for (path, text) in scripts {
      try AtomicFile.write(Data(text.utf8), to: URL(fileURLWithPath: path))
      if path.hasSuffix(".sh") { chmod(path, 0o755) }
    }
    var arrays: [(experiment: String, jobID: String, tasks: Int)] = []
    for (job, units) in pending where !units.isEmpty {
      let logs = job.folder.out.appendingPathComponent("logs/slurm")
      try FileManager.default.createDirectory(at: logs, withIntermediateDirectories: true)
      let throttle = options.throttle > 0 ? "%\(options.throttle)" : ""
      let id = try Self.sbatch(commonFlags + [
        "--job-name=\(job.experiment)", "--array=0-\(units.count - 1)\(throttle)", "--cpus-per-task=\(options.cpusPerTask)",
        "--requeue", "--signal=B:TERM@\(options.signalSeconds)", "--output=\(logs.path)/%A_%a.out",
        folder.appendingPathComponent("\(job.experiment).sh").path,
      ])
      arrays.append((job.experiment, id, units.count))
    }
    let logs = data.appendingPathComponent(".slurm")
    // An earlier submission's finishing job still pending (its arrays not done) is
    // replaced by this one's, which waits for every unit: the finishing step runs once.
    let name = Self.finishJobName(data: data)
    let cancelled = try Self.pendingJobs(named: name)
    if !cancelled.isEmpty, let scancel = Shell.which("scancel") { _ = try SweepJob.capture(scancel, cancelled) }
    var finishFlags = commonFlags + ["--job-name=\(name)", "--cpus-per-task=1", "--output=\(logs.path)/finish-%j.out"]
    if !arrays.isEmpty { finishFlags.append("--dependency=afterany:" + arrays.map(\.jobID).joined(separator: ":")) }
    if wait { finishFlags.append("--wait") }
    let finishID = try Self.sbatch(finishFlags + [finish.path], waitingFor: wait ? logs.appendingPathComponent("finish-%j.out") : nil)
    return Submission(arrays: arrays, finishJobID: finishID, cancelledFinishJobIDs: cancelled, scripts: scripts)
  }

  /// The finishing job's name: `finish-` and a hash of the data folder's path, so that a
  /// resubmission finds the earlier one of the same sweep, and only that.
  static func finishJobName(data: URL) -> String {
    "finish-" + String(CheckpointFile.fnv1a64(Data(data.standardizedFileURL.path.utf8)) >> 32, radix: 16)
  }

  /// The IDs of this user's pending jobs named `name`.
  static func pendingJobs(named name: String) throws -> [String] {
    guard let squeue = Shell.which("squeue") else { return [] }
    let result = try SweepJob.capture(squeue, ["-h", "-u", NSUserName(), "-t", "PENDING", "-n", name, "-o", "%i"])
    guard result.status == 0 else { return [] }
    return result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
  }

  /// sbatch is on PATH, the controller answers within 20 s, and the partition exists.
  static func checkCluster(partition: String?) throws {
    guard let sinfo = Shell.which("sinfo"), Shell.which("sbatch") != nil else {
      throw SweepError("sbatch not found on PATH: make slurm needs the Slurm client commands (Debian: apt-get install slurm-client) and a cluster; use make data JOBS=N on one machine")
    }
    let result = try SweepJob.capture(URL(fileURLWithPath: "/usr/bin/timeout"), ["20", sinfo.path, "-h", "-o", "%P"])
    guard result.status == 0 else {
      let why = result.status == 124 ? "no answer within 20 s" : result.stderr.split(separator: "\n").last.map(String.init) ?? "exit \(result.status)"
      throw SweepError("the Slurm cluster does not answer (sinfo: \(why)); check SLURM_CONF and that slurmctld runs")
    }
    let partitions = result.stdout.split(separator: "\n").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "*")) }
    if let partition, !partitions.contains(partition) {
      throw SweepError("Slurm partition '\(partition)' does not exist; this cluster has: \(partitions.joined(separator: ", "))")
    }
  }

  /// Runs sbatch; returns the job ID (`--parsable`). With `waitingFor` (the job's
  /// `--output`, `%j` for its ID) it has waited: a failed job throws its log's last line.
  static func sbatch(_ arguments: [String], waitingFor log: URL? = nil) throws -> String {
    guard let sbatch = Shell.which("sbatch") else { throw SweepError("sbatch not found on PATH") }
    let result = try SweepJob.capture(sbatch, arguments)
    let id = result.stdout.split(separator: "\n").first.map { String($0.split(separator: ";")[0]) } ?? ""
    if let log, !id.isEmpty, result.status != 0 {
      let path = log.path.replacingOccurrences(of: "%j", with: id)
      let last = (try? String(contentsOfFile: path, encoding: .utf8))?.split(separator: "\n").last.map(String.init) ?? "no output"
      throw SweepError("the finishing job \(id) failed (exit \(result.status); \(path)): \(last)")
    }
    guard result.status == 0, !id.isEmpty else {
      let why = result.stderr.split(separator: "\n").map { $0.trimmingCharacters(in: .whitespaces) }.joined(separator: " ")
      throw SweepError("sbatch failed (exit \(result.status)): \(why)")
    }
    return id
  }
}
