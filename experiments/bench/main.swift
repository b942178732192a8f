// `make bench`: how fast the library trains, in machine-readable lines.
//
// Output: one `key value unit` line per measurement (see BenchmarkReport); lines
// starting with `#` are comments. Every timing is the best of N repetitions, and
// every ratio is formed from timings taken in this run, interleaved: in this process,
// or, for the `peers` section (`--peers PYTHON`, `make bench-peers`), against peer
// scripts run as child processes in turns with our own measurement (PeerComparison).
import ArgumentParser
import Foundation
import MetaGradient

struct Bench: ParsableCommand {
  static let configuration = CommandConfiguration(
    abstract: "Benchmarks: training env steps/s (A2C, meta-gradient), raw environment speed, GFLOP/s, meta-trace costs.",
    discussion: """
      Prints `key value unit` lines (`#` lines are comments). Takes about a minute; --quick about 15 s. \
      With --peers PYTHON (`make bench-peers` creates .build/peers-venv/bin/python) the peers section also times \
      the same agents in jitted JAX (bench/jax_a2c.py) and on gymnax (bench/gymnax_breakout_a2c.py), in turns \
      with ours, and prints the ratios; about a minute more.
      """)

  @Flag(help: "Fewer and shorter repetitions (noisier).")
  var quick = false
  @Flag(help: "Time with the wall clock instead of the benchmark thread's CPU time.")
  var wallClock = false
  @Option(help: ArgumentHelp(
    "The Python of the peers' environment (make bench-peers: .build/peers-venv/bin/python); without it the peers section is skipped.",
    valueName: "python"))
  var peers: String?
  @Option(help: ArgumentHelp("The folder of the peer scripts (jax_a2c.py, gymnax_breakout_a2c.py).", valueName: "folder"))
  var peerScripts: String = "bench"
  @Option(help: "Comma-separated sections to run (default all): machine, env, a2c, meta, trace, parallel, peers.")
  var only: String?
  @Option(help: "Comma-separated environments of the a2c section (default cartpole,breakout).")
  var a2cEnvs: String = "cartpole,breakout"

  func validate() throws {
    guard jobs > 0 else { throw ValidationError("--jobs must be a positive integer, got \(jobs)") }
    for section in sections where !Self.allSections.contains(section) {
      throw ValidationError("unknown section '\(section)' in --only; allowed: \(Self.allSections.joined(separator: ", "))")
    }
    // A bad interpreter is one line and exit 64 (not ArgumentParser's usage text): the
    // message says what to run.
    if let peers {
      do { try PeerPython(path: peers).check() } catch {
        Terminal.write("Error: \(error)\n")
        throw ExitCode.validationFailure
      }
    }
  }

  @Option(help: "Processes of the parallel section (default: the number of cores).")
  var jobs = ProcessInfo.processInfo.activeProcessorCount

  static let allSections = ["machine", "env", "a2c", "meta", "trace", "parallel", "peers"]
  var sections: [String] { only.map { $0.split(separator: ",").map(String.init) } ?? Self.allSections }

  mutating func run() throws {
    let sections = Set(self.sections)
    var report = BenchmarkReport()
    let repeats = quick ? 3 : 7
    BestOfTiming.useWallClock = wallClock
    report.comment("MetaGradientRL benchmark: `key value unit` per line; best of \(repeats) unless stated; ratios measured in this run")
    report.comment("OpenBLAS kernels: \(BLASKernels.coreName) (OPENBLAS_CORETYPE=\(ProcessInfo.processInfo.environment["OPENBLAS_CORETYPE"] ?? "unset"); see BLASKernels)")
    report.comment("clock: \(wallClock ? "wall (monotonic)" : "CPU time of the benchmark thread (= wall time on an idle machine; all work runs on this one thread)")")

    // MARK: Machine
    var sgemm = Double.nan
    /// The training loop's GFLOP/s over sgemm's, timed in turns (the a2c section), per environment.
    var a2cSgemmRatio: [EnvironmentID: Double] = [:]
    if sections.contains("machine") {
      sgemm = SgemmThroughput.gigaflops(size: 1024, repeats: repeats)
      report.add("machine.sgemm_1024.gflops", sgemm, "GFLOP/s")
    }

    // MARK: Raw environments
    if sections.contains("env") {
    report.comment("raw environment speed: VectorEnvironment of 16 copies, uniformly random actions, auto-reset")
    let envBench = EnvironmentThroughput(envs: 16, steps: quick ? 2_000 : 10_000, repeats: quick ? 2 : 3)
    for id in EnvironmentID.allCases {
      report.add("env.\(id.rawValue).steps_per_s", try id.accept(envBench), "steps/s")
    }
    }

    // MARK: A2C training
    if sections.contains("a2c") {
    report.comment("A2C training (acting + update), default config per env (N = 16, T = 20); FLOPs = gemm FLOPs counted analytically; gflops_over_sgemm against a 1024³ sgemm timed in turns with the loop")
    let sgemmProduct = SgemmThroughput(size: 1024)
    for id in try a2cEnvs.split(separator: ",").map({ try EnvironmentID.parse(String($0)) }) {
      // Many short repetitions: on a shared machine the best one catches a quiet moment.
      let iterations = id.isMinAtar ? (quick ? 5 : 20) : (quick ? 100 : 200)
      let (agent, architecture, config) = try BenchmarkAgent().make(id)
      // sgemm's peak timed in turns with the loop, so that their ratio is measured in the same moments.
      let measured = try TrainingThroughput.stepsPerSecond(
        [agent], iterations: iterations, repeats: id.isMinAtar ? repeats : 2 * repeats, warmup: id.isMinAtar ? 5 : 50,
        inTurnsWith: sgemmProduct)
      let speed = measured.stepsPerSecond[0], sgemmInTurns = measured.sgemmGigaflops!
      let flops = TrainingThroughput.a2cIterationFlops(architecture, steps: config.steps, envs: config.envs,
                                                       sharedForward: A2CTrainer<CartPole>.sharesActingForward)
      let gflops = speed / Double(config.steps * config.envs) * flops / 1e9
      report.add("a2c.\(id.rawValue).steps_per_s", speed, "steps/s")
      report.add("a2c.\(id.rawValue).flops_per_step", flops / Double(config.steps * config.envs), "FLOP")
      report.add("a2c.\(id.rawValue).gflops", gflops, "GFLOP/s")
      report.add("a2c.\(id.rawValue).sgemm_in_turns.gflops", sgemmInTurns, "GFLOP/s")
      report.add("a2c.\(id.rawValue).gflops_over_sgemm", gflops / sgemmInTurns, "ratio")
      a2cSgemmRatio[id] = gflops / sgemmInTurns
    }
    }

    // MARK: Meta-gradient agent
    if sections.contains("meta") {
    report.comment("meta-gradient agent (learned γ and λ, first order) vs A2C on CartPole, interleaved")
    let (baseline, _, _) = try BenchmarkAgent().make(.cartpole)
    let (meta, _, _) = try BenchmarkAgent(meta: MetaConfig(learnGamma: true, learnLambda: true)).make(.cartpole)
    let pair = try TrainingThroughput.stepsPerSecond([baseline, meta], iterations: quick ? 100 : 400, repeats: repeats)
    report.add("meta.cartpole.a2c_steps_per_s", pair[0], "steps/s")
    report.add("meta.cartpole.steps_per_s", pair[1], "steps/s")
    report.add("meta.cartpole.over_a2c", pair[1] / pair[0], "ratio")
    let config = A2CConfig.defaults(for: .cartpole)
    let architecture = config.architecture(observationShape: [4], actionCount: 2)
    let a2cFlops = TrainingThroughput.a2cIterationFlops(architecture, steps: config.steps, envs: config.envs,
                                                        sharedForward: A2CTrainer<CartPole>.sharesActingForward)
    let metaFlops = a2cFlops + TrainingThroughput.metaIterationExtraFlops(architecture, steps: config.steps, envs: config.envs)
    report.comment("the meta step adds a backward pass (u) and a JVP over T·N states: gemm FLOPs per step and the ratio they allow")
    report.add("meta.cartpole.flops_per_step", metaFlops / Double(config.steps * config.envs), "FLOP")
    report.add("meta.cartpole.flop_bound_over_a2c", a2cFlops / metaFlops, "ratio")
    }

    // MARK: Meta-gradient traces
    if sections.contains("trace") {
    // CartPole's keys carry no net name (trace.<approximation>.…); Breakout's are trace.breakout.<approximation>.….
    let (_, breakout, _) = try BenchmarkAgent().make(.breakout)
    let nets: [(key: String, description: String, architecture: ActorCriticArchitecture)] = [
      ("", "CartPole MLP 64x64", .init(observationSize: 4, actionCount: 2)),
      ("breakout.", "Breakout MinAtar conv 16@3x3 + dense 128", breakout),
    ]
    // First order, the exact traces, and the cheaper approximations of the frontier (every k divides the 30 updates).
    let approximations: [TraceApproximation] = [
      .firstOrder, .exact(horizon: 1), .exact(horizon: 3), .exact(horizon: 10), .accumulating(mu: 0.9),
      .hybrid(every: 10, mu: 0.9), .finiteDifference(horizon: 10), .curvature(every: 10), .diagonal(every: 10),
    ]
    for net in nets {
      report.comment("an inner update with its trace (A2CUpdate, then ExactMetaTrace.advance reading it), per update (Float, \(net.description), T = 20, N = 16, fixed diagonal D)")
      let cost = MetaTraceCost(net.architecture, updates: 30, repeats: quick ? 2 : 3)
        .secondsPerUpdate(approximations, ownPasses: [.firstOrder])
      report.add("trace.\(net.key)a2c_update.ms", cost[0] * 1e3, "ms")
      for (k, approximation) in approximations.enumerated() {
        let key = "trace.\(net.key)\(approximation.name)"
        report.add("\(key).ms", cost[k + 1] * 1e3, "ms")
        report.add("\(key).over_a2c_update", cost[k + 1] / cost[0], "ratio")
        if k > 0 { report.add("\(key).over_first_order", cost[k + 1] / cost[1], "ratio") }
      }
      // The first-order trace making its own update instead of reading the trainer's.
      let own = cost[approximations.count + 1]
      report.add("trace.\(net.key)first-order.own_passes.ms", own * 1e3, "ms")
      report.add("trace.\(net.key)first-order.reading_over_own_passes", cost[1] / own, "ratio")
    }
    }

    // MARK: Parallel efficiency of a sweep
    if sections.contains("parallel") {
      let executable = URL(fileURLWithPath: CommandLine.arguments[0]).resolvingSymlinksInPath()
        .deletingLastPathComponent().appendingPathComponent("meta-gamma")
      if FileManager.default.isExecutableFile(atPath: executable.path) {
        let seeds = 2 * jobs, steps = quick ? 300_000 : 1_000_000
        report.comment("sweep parallel efficiency: meta-gamma on CartPole, \(seeds) seeds × \(steps) steps (+ the random-policy unit), sweep run with 1 and \(jobs) processes, wall clock, best of \(quick ? 1 : 2), finishing step included")
        let sweep = SweepThroughput(repeats: quick ? 1 : 2) { out in
          SweepJob(experiment: "meta-gamma", executable: executable, arguments: [
            "--profile", "quick", "--env", "cartpole", "--seeds", "\(seeds)", "--steps", "\(steps)", "--out", out.path,
          ], out: out)
        }
        let m = try sweep.measure(jobs: jobs)
        report.add("parallel.jobs", Double(m.jobs), "processes")
        report.add("parallel.one_process.steps_per_s", m.serialStepsPerSecond, "steps/s")
        report.add("parallel.jobs_processes.steps_per_s", m.parallelStepsPerSecond, "steps/s")
        report.add("parallel.speedup", m.serialSeconds / m.parallelSeconds, "ratio")
        report.add("parallel.efficiency", m.efficiency, "ratio")
      } else {
        report.comment("parallel efficiency not measured: no \(executable.path) (make bench builds every executable)")
      }
    }

    // MARK: Peers, measured side by side (--peers)
    if sections.contains("peers") {
      if let peers {
        let python = PeerPython(path: peers)
        let scripts = URL(fileURLWithPath: peerScripts)
        report.comment("peers: the same agents in jitted JAX, measured in this run in turns with ours (ours, theirs, ours, …), best of \(repeats) calls each, one core each, compile time excluded; ratio = ours / theirs")
        for comparison in PeerComparison.all {
          let m = try comparison.measure(python: python, scripts: scripts, quick: quick, repeats: repeats)
          report.comment(([m.oursDescription] + m.peerDescription.enumerated().map { $0 == 0 ? "theirs: \($1)" : "  \($1)" })
            .joined(separator: "\n"))
          report.add("\(comparison.key).ours.steps_per_s", m.ours, "steps/s")
          report.add("\(comparison.key).\(comparison.peer).steps_per_s", m.peer, "steps/s")
          report.add("\(comparison.key).ours_over_\(comparison.peer)", m.ratio, "ratio")
          if comparison.environment.isMinAtar && comparison.meta == nil {
            // Our conv training loop against the machine's sgemm: the FLOPs the a2c section counts;
            // the ratio is the a2c section's, whose sgemm is timed in turns with the loop.
            let flops = TrainingThroughput.a2cIterationFlops(m.architecture, steps: m.config.steps, envs: m.config.envs,
                                                             sharedForward: A2CTrainer<CartPole>.sharesActingForward)
            report.add("\(comparison.key).ours.gflops", m.ours / Double(m.config.steps * m.config.envs) * flops / 1e9, "GFLOP/s")
            if let ratio = a2cSgemmRatio[comparison.environment] {
              report.add("\(comparison.key).ours.gflops_over_sgemm", ratio, "ratio")
            } else {
              report.comment("\(comparison.key): the loop's share of sgemm's peak is measured by the a2c section (--only a2c,peers)")
            }
          }
        }
      } else {
        report.comment("peers not measured: run make bench-peers (or bench --peers PYTHON)")
      }
    }
  }
}


BLASKernels.selectForThisCPU()
Bench.main()
