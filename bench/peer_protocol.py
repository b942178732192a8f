"""How a peer benchmark script (bench/jax_a2c.py, bench/gymnax_breakout_a2c.py) is timed.

Import this module before `jax`: it pins the process to one CPU and XLA to one thread,
so a peer runs one core against the Swift benchmark's one core.

- One CPU: `os.sched_setaffinity` to the lowest CPU this process may use, before JAX
  starts any thread (every thread XLA starts inherits it).
- One XLA thread: `XLA_FLAGS=--xla_cpu_multi_thread_eigen=false` unless XLA_FLAGS is
  set already (Eigen's intra-op thread pool off; the affinity bounds the rest).

A script compiles and warms up its jitted training loop (compile time is never
timed), then either times it itself (standalone: best of `--repeats`, `key value
unit` lines as `make bench` prints them) or, with `--serve`, answers `bench --peers`
(experiments/bench, Sources/MetaGradient/Benchmark/PeerScript.swift) line by line:

    script -> bench   `# ...` lines: what the script measures (bench copies them)
    script -> bench   `ready <env steps per call>`       (compiled and warmed up)
    bench  -> script  `run`                              (one line per timed call)
    script -> bench   `<cpu seconds> <wall seconds>`     (of that one call)
    bench  -> script  end of input: the script exits 0

CPU seconds are the process's CPU time (`time.process_time`, every thread), wall
seconds `time.perf_counter`; a call ends when its result is ready
(`jax.block_until_ready`).
"""
import os
import sys
import time

_cpu = min(os.sched_getaffinity(0))
os.sched_setaffinity(0, {_cpu})
os.environ.setdefault("XLA_FLAGS", "--xla_cpu_multi_thread_eigen=false")


def describe_threads():
    """One line: the CPU this process is pinned to and XLA's flags."""
    return f"pinned to CPU {_cpu} (sched_setaffinity), XLA_FLAGS={os.environ['XLA_FLAGS']}"


def timed(call):
    """(cpu seconds, wall seconds) of `call()`, which must block until its result is ready."""
    wall, cpu = time.perf_counter(), time.process_time()
    call()
    return time.process_time() - cpu, time.perf_counter() - wall


def run(args, description, steps_per_call, call, keys):
    """Times `call` (already compiled and warmed up) standalone or as `bench`'s peer.

    - args: the parsed command line, with `serve` and `repeats`.
    - description: `#` comment lines (without the `# `) saying what is measured.
    - steps_per_call: environment steps one call takes.
    - keys: (cpu key, wall key) of the standalone `steps/s` lines.
    """
    for line in description:
        print(f"# {line}")
    if args.serve:
        print(f"ready {steps_per_call}", flush=True)
        for command in sys.stdin:
            if command.strip() != "run":
                sys.exit(f"peer protocol: expected 'run', got {command.strip()!r}")
            cpu, wall = timed(call)
            print(f"{cpu:.9f} {wall:.9f}", flush=True)
        return
    best_cpu = best_wall = float("inf")
    for _ in range(args.repeats):
        cpu, wall = timed(call)
        best_cpu, best_wall = min(best_cpu, cpu), min(best_wall, wall)
    print(f"# best of {args.repeats} calls of {steps_per_call} env steps")
    print(f"{keys[0]} {steps_per_call / best_cpu:.0f} steps/s")
    print(f"{keys[1]} {steps_per_call / best_wall:.0f} steps/s")


def training_loop(iteration, carry, iterations, loop):
    """A call that runs `iterations` training iterations from the latest carry, compiled
    and warmed up (two calls: the first after compiling can still be slow).

    - iteration: `(carry, None) -> (carry, None)`, one rollout and update.
    - loop: "scan", one `lax.scan` over the iterations under `jit`, or "python", a
      Python loop over the jitted iteration (its carry donated); each script defaults
      to the faster one on XLA's CPU backend (see its docstring).
    """
    import jax
    from jax import lax

    if loop == "scan":
        step = jax.jit(lambda carry: lax.scan(iteration, carry, None, length=iterations)[0], donate_argnums=0)
        count = 1
    else:
        step = jax.jit(lambda carry: iteration(carry, None)[0], donate_argnums=0)
        count = iterations
    state = [carry]

    def call():
        carry = state[0]
        for _ in range(count):
            carry = step(carry)
        state[0] = jax.block_until_ready(carry)

    call()
    call()
    return call


def add_arguments(parser, iterations, loop):
    """The options every peer script takes; `iterations` is the default per call, `loop` the default loop."""
    parser.add_argument("--loop", choices=["scan", "python"], default=loop,
                        help=f"scan: one lax.scan over the iterations; python: a Python loop over the jitted "
                             f"iteration (default {loop}, the faster here)")
    parser.add_argument("--iterations", type=int, default=iterations,
                        help=f"training iterations (rollout + update) per timed call (default {iterations})")
    parser.add_argument("--repeats", type=int, default=5, help="standalone: timed calls, best reported (default 5)")
    parser.add_argument("--serve", action="store_true",
                        help="answer `bench --peers` on stdin/stdout (see bench/peer_protocol.py)")
