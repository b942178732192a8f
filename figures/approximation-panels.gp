# Shared by the approximation-* figures: the environments in `data` (folders with an
# accuracy.dat), and the measured approximations' names, the reference and the agent
# whose runs were probed (from the header of the first environment's accuracy.dat).
ENVS = envs_in(data, ALL_ENVS, "/accuracy.dat")
if (words(ENVS) == 0) { exit }
NAMES = system(sprintf("sed -n 's/^# approximations = //p' '%s/%s/accuracy.dat'", data, word(ENVS, 1)))
REFERENCE = system(sprintf("sed -n 's/^# reference = //p' '%s/%s/accuracy.dat'", data, word(ENVS, 1)))
HOST = system(sprintf("sed -n 's/^# host = //p' '%s/%s/accuracy.dat'", data, word(ENVS, 1)))
# The 1-based position of approximation a in NAMES (0 if absent).
position_of(a) = strstrt(" ".NAMES." ", " ".a." ")
index_of(a) = position_of(a) > 0 ? words(NAMES[1:position_of(a) - 1]) + 1 : 0
# A tick label: the approximation in a few characters.
short_label(a) = a eq "first-order" ? "first order" : a[1:6] eq "trace-" ? sprintf("μ = %s", a[7:]) : \
  a[1:6] eq "exact-" ? sprintf("K = %s", a[7:]) : a
# The approximations other than the reference, in NAMES order.
SHOWN = system("for a in " . NAMES . "; do [ $a = " . REFERENCE . " ] || printf '%s ' $a; done")
