# Episode return of meta-learned γ and λ with each approximation of dθ′/dη, per
# environment: seeds' mean with a shaded 95% CI, the random policy dotted.
# Input: data (the approximation-order folder).
load 'figures/style.gp'
load 'figures/approximation-panels.gp'
set multiplot layout 1, words(ENVS) title "Meta-learned γ and λ with each approximation of dθ′/dη (mean episode return and 95% CI over seeds)"
set xlabel "environment steps"
set ylabel "episode return"
set format x "%.0s%c"
set key bottom right font ',9'
do for [e = 1:words(ENVS)] {
  env = word(ENVS, e)
  # The trained variants: NAMES' order first (so colours match the other figures), then any other.
  V = system(sprintf("cd '%s/%s' && { for a in %s; do [ -f $a/aggregate.dat ] && echo $a; done; for d in */aggregate.dat; do a=$(dirname $d); case ' %s ' in *\" $a \"*) ;; *) echo $a;; esac; done; } | tr '\\n' ' '", data, env, NAMES, NAMES))
  colour(i) = C[(index_of(word(V, i)) > 0 ? index_of(word(V, i)) - 1 : words(NAMES) + i - 1) % 8 + 1]
  a(i) = sprintf("%s/%s/%s/aggregate.dat", data, env, word(V, i))
  stats sprintf("%s/random/%s.dat", data, env) using 2 nooutput
  random = STATS_min
  set title title_of(env)
  if (e == 1) { set key on } else { set key off }
  plot for [i = 1:words(V)] a(i) using 1:3:4 with filledcurves lc rgb colour(i), \
       for [i = 1:words(V)] a(i) using 1:2 with lines lw width_of(word(V, i)) dt dash_of(word(V, i)) lc rgb colour(i) title label_of(word(V, i)), \
       random with lines dt 3 lw 1.5 lc rgb '#555555' title "random policy"
}
unset multiplot
