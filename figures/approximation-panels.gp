# Shared by the approximation-* and payoff-* figures (the folders of approximation-order
# and approximation-payoff): the environments in `data` (folders with an accuracy.dat),
# and the measured approximations' names, the reference, the agent whose runs were
# probed and the regime, η₀ and β (from the header of the first environment's
# accuracy.dat); curves(env), every trained approximation's aggregate on env, NAMES'
# order first, as curve-panels.gp takes them (a concatenation: gnuplot's sprintf
# truncates long results).
ENVS = envs_in(data, ALL_ENVS, "/accuracy.dat")
if (words(ENVS) == 0) { exit }
accuracy_header(k) = system(sprintf("sed -n 's/^# %s = //p' '%s/%s/accuracy.dat'", k, data, word(ENVS, 1)))
NAMES = accuracy_header("approximations")
REFERENCE = accuracy_header("reference")
HOST = accuracy_header("host")
REGIME = sprintf("η₀ = (%s, %s), β = %s", accuracy_header("initial_gamma"), accuracy_header("initial_lambda"), accuracy_header("meta_learning_rate"))
curves(env) = system("cd '" . data . "/" . env . "' && { for a in " . NAMES . "; do [ -f $a/aggregate.dat ] && printf '%s %s ' \"$PWD/$a/aggregate.dat\" $a; done; for d in */aggregate.dat; do a=$(dirname $d); case ' " . NAMES . " ' in *\" $a \"*) ;; *) printf '%s %s ' \"$PWD/$a/aggregate.dat\" $a;; esac; done; }")
# The 1-based position of approximation a in NAMES (0 if absent).
position_of(a) = strstrt(" ".NAMES." ", " ".a." ")
index_of(a) = position_of(a) > 0 ? words(NAMES[1:position_of(a) - 1]) + 1 : 0
# The cost axis of the accuracy-against-cost figures.
COST_LABEL = "cost of an update with its trace, relative to first order"
# A tick label: the approximation in a few characters.
short_label(a) = a eq "first-order" ? "first order" : a[1:6] eq "trace-" ? sprintf("μ = %s", a[7:]) : \
  a[1:6] eq "exact-" ? sprintf("K = %s", a[7:]) : a
# The approximations other than the reference, in NAMES order.
SHOWN = system("for a in " . NAMES . "; do [ $a = " . REFERENCE . " ] || printf '%s ' $a; done")
