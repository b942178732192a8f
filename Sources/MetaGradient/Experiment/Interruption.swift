import Foundation
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// Clean stops: SIGINT (Ctrl-C) and SIGTERM ask a run to stop at the next rollout
/// boundary, write a checkpoint and exit (``RunCheckpoint``). A second signal stops the
/// process at once (the handler resets itself to the default action), so a stuck run
/// can still be killed; the last checkpoint on disk then still stands.
public enum Interruption {
  /// The signal received, or 0.
  private static let received = Atomic<Int32>(0)
  private static let installed = Atomic<Bool>(false)

  /// Installs the handlers for SIGINT and SIGTERM (once per process).
  public static func install() {
    guard !installed.exchange(true, ordering: .relaxed) else { return }
    // A launcher may hand the process a mask that blocks them (Foundation's `Process`
    // inherits its caller's): unblock, or the signals would wait until exit.
    var set = sigset_t()
    sigemptyset(&set)
    sigaddset(&set, SIGINT)
    sigaddset(&set, SIGTERM)
    pthread_sigmask(SIG_UNBLOCK, &set, nil)
    for sig in [SIGINT, SIGTERM] {
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
  static func name(_ sig: Int32) -> String { sig == SIGINT ? "SIGINT" : sig == SIGTERM ? "SIGTERM" : "signal \(sig)" }
}
