// Process controls Swift cannot call directly (prctl is variadic in glibc).
#ifndef METAGRADIENT_PROCESS_CONTROL_H
#define METAGRADIENT_PROCESS_CONTROL_H

/// Asks the kernel to send `signal` to this process when the thread that created it
/// exits (Linux `prctl(PR_SET_PDEATHSIG)`); returns 0, or -1 with errno set (also
/// where the call does not exist).
int metagradient_set_parent_death_signal(int signal);

#endif
