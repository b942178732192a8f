import ArgumentParser
import CProcessControl
import Foundation

#if canImport(Glibc)
import Glibc
#endif

/// What a unit run (`--unit NAME`) does about the process that started it and about a
/// unit another process holds.
///
/// - **It dies with its sweep.** A ``LocalExecutor`` names itself in the worker's
///   environment (``parentVariable``). The worker then asks the kernel for SIGTERM
///   when its parent dies (`prctl(PR_SET_PDEATHSIG)`) and, since the parent may have
///   died between its spawn and that call, checks that its parent is still the one
///   named; if not it stops before touching anything. On the SIGTERM it checkpoints at
///   the next rollout boundary and exits 143, as on any SIGTERM (``Interruption``). So
///   a sweep killed outright — SIGKILL, the OOM killer, a closed session — leaves no
///   orphan running.
/// - **A held unit is a temporary failure.** A unit (or its folder) locked by another
///   live process exits ``heldStatus`` after one line naming the holder, before it
///   writes anything, so an executor can wait and try again instead of failing.
public enum SweepWorker {
  /// The environment variable holding the PID of the sweep that started the worker.
  public static let parentVariable = "METAGRADIENT_SWEEP_PID"
  /// The exit status of a unit run that found its unit held: `EX_TEMPFAIL` of
  /// sysexits.h, "try again later".
  public static let heldStatus: Int32 = 75

  /// Called before a unit run takes its locks: follows the sweep named in the
  /// environment, if any (SIGTERM on its death); throws exit 143 if it is gone already.
  public static func followSweep() throws {
    guard let named = ProcessInfo.processInfo.environment[parentVariable], let sweep = pid_t(named) else { return }
    Interruption.install(repeatedTerm: true)
    _ = metagradient_set_parent_death_signal(SIGTERM)
    guard getppid() == sweep else {
      Terminal.write("the sweep that started this unit (PID \(sweep)) is gone: not starting\n")
      throw ExitCode(128 + SIGTERM)
    }
  }

  /// Takes `lock` in `mode`; a lock held by another process becomes one line on stderr
  /// and exit ``heldStatus``.
  static func acquire(_ lock: FileLock, _ mode: FileLock.Mode, what: String) throws {
    do { try lock.acquire(mode, what: what) } catch let held as FileLock.InUse {
      Terminal.write("\(held)\n")
      throw ExitCode(heldStatus)
    }
  }
}
