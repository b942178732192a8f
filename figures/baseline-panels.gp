# One panel per environment in ENVS (space-separated), titles in TITLES: every (γ, λ)
# variant found under data/<env>/ as the seeds' mean with a shaded 95% CI, and the
# uniformly random policy as a dashed line. Loaded by baseline-classic.gp and
# baseline-minatar.gp after `set multiplot`; input: data (the baseline experiment's folder).
set xlabel "environment steps"
set ylabel "episode return"
set format x "%.0s%c"
set key bottom right
label(v) = sprintf("γ = %s, λ = %s", v[6:strstrt(v, "-") - 1], v[strstrt(v, "-") + 7:])
do for [e = 1:words(ENVS)] {
  env = word(ENVS, e)
  V = system(sprintf("cd '%s/%s' 2>/dev/null && ls -d gamma*-lambda* | sort", data, env))
  f(i) = sprintf("%s/%s/%s/aggregate.dat", data, env, word(V, i))
  r = sprintf("%s/random/%s.dat", data, env)
  stats r using 2 nooutput
  random = STATS_min
  set title word(TITLES, e)
  plot for [i=1:words(V)] f(i) using 1:3:4 with filledcurves lc rgb C[i], \
       for [i=1:words(V)] f(i) using 1:2 with lines lw 2 lc rgb C[i] title label(word(V, i)), \
       random with lines dt 2 lw 1.5 lc rgb '#555555' title "random policy"
}
