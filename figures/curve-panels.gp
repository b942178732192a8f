# Learning curves, one panel per environment and a legend panel: every curve of
# curves(env), a list "file variant file variant …" of aggregate files (columns
# env_steps, then mean, lo, hi per column), as the seeds' mean with its 95% band
# clipped to the return's range, and the random policy's mean return (random_of(env),
# a file or "") dotted. Input: ENVS, FIGTITLE, curves(env), random_of(env); loaded last
# by the *-curves scripts. Nothing is drawn when ENVS is empty. FIXED_BANDS = 0 leaves
# out the bands of fixed-η variants (when they are the background of learned ones).
# COLUMN (default 2, the episode return) and YLABEL draw another column of the
# aggregates instead, e.g. 14 and "γ" for the meta-learned discount (not clipped, no
# random policy).
if (!exists("FIXED_BANDS")) { FIXED_BANDS = 1 }
if (!exists("COLUMN")) { COLUMN = 2 }
if (!exists("YLABEL")) { YLABEL = "episode return" }
band(y, env) = COLUMN == 2 ? clip(y, env) : y
if (words(ENVS) == 0) { exit }
eval grid_terminal(words(ENVS))
set multiplot layout grid_rows(words(ENVS)), grid_cols(words(ENVS)) title FIGTITLE
set xlabel "environment steps"
set ylabel YLABEL
set format x "%.0s%c"
do for [e = 1:words(ENVS)] {
  env = word(ENVS, e)
  L = curves(env)
  R = COLUMN == 2 ? random_of(env) : ""
  random = NaN
  set autoscale xy
  if (R ne "") { stats R using 2 nooutput; random = STATS_min }
  stats word(L, 1) using 1 nooutput
  set xrange [0:STATS_max]
  set xtics 0, step_tick(STATS_max)
  set title title_of(env)
  if (COLUMN == 2) { eval return_range(env) }
  set key off
  BANDS = ""; LINES = ""
  do for [i = 1:words(L) / 2] {
    f = word(L, 2 * i - 1); v = word(L, 2 * i)
    if (FIXED_BANDS || !is_fixed(v)) {
      BANDS = BANDS . sprintf("'%s' using 1:(band(column(%d), env)):(band(column(%d), env)) with filledcurves lc rgb '%s', ", f, COLUMN + 1, COLUMN + 2, colour(v))
    }
    LINES = LINES . sprintf("'%s' using 1:%d with lines lw %g dt %d lc rgb '%s' title '%s', ", f, COLUMN, width(v), dash(v), colour(v), label(v))
  }
  LINES = LINES . (R ne "" ? "random with lines dt 3 lw 1.5 lc rgb '#555555' title 'random policy'" : "NaN notitle")
  eval "plot " . BANDS . LINES
}
eval LEGEND_PANEL
eval "plot " . LINES
unset multiplot
