import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Clean stops: SIGINT (Ctrl-C), SIGTERM and SIGHUP (the terminal or session closed)
/// ask a run to stop at the next rollout
/// boundary, write a checkpoint and exit (``RunCheckpoint``). A second signal stops the
/// process at once (the handler resets itself to the default action), so a stuck run
/// can still be killed; the last checkpoint on disk then still stands.
public enum Interruption {
  /// The signal received, or 0.
  private static let received = Atomic<Int32>(0)
  private static let installed = Atomic<Bool>(false)

  /// The signals that ask for a clean stop.
  static let signals = [SIGINT, SIGTERM, SIGHUP]

  /// Installs the handlers for ``signals`` (once per process). With `repeatedTerm`,
  /// SIGTERM keeps its handler after the first one: a sweep's worker receives its
  /// parent-death SIGTERM once for every thread of the dying sweep (the kernel hands
  /// the worker from thread to thread, signalling each time), which must not kill it
  /// before it checkpoints (``SweepWorker``).
  public static func install(repeatedTerm: Bool = false) {
    guard !installed.exchange(true, ordering: .relaxed) else { return }
    // A launcher may hand the process a mask that blocks them (Foundation's `Process`
    // inherits its caller's): unblock, or the signals would wait until exit.
    var set = sigset_t()
    sigemptyset(&set)
    for sig in signals { sigaddset(&set, sig) }
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    for sig in signals {
      if repeatedTerm && sig == SIGTERM {
        signal(sig) { sig in Interruption.received.store(sig, ordering: .relaxed) }
        continue
      }
      signal(sig) { sig in
        // Async-signal-safe: an atomic store and `signal`.
        Interruption.received.store(sig, ordering: .relaxed)
        signal(sig, SIG_DFL)
      }
    }
  }

  /// The signal that asked the run to stop, if any.
  public static var requested: Int32? {
    let sig = received.load(ordering: .relaxed)
    return sig == 0 ? nil : sig
  }

  /// The signal's name for messages.
  static func name(_ sig: Int32) -> String {
    switch sig {
    case SIGINT: "SIGINT"
    case SIGTERM: "SIGTERM"
    case SIGHUP: "SIGHUP"
    default: "signal \(sig)"
    }
  }
}
