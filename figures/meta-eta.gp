# drawn by: meta-gamma meta-lambda meta-gamma-lambda
# needs: meta-gamma meta-lambda meta-gamma-lambda
# The paper's figure of η over training: the meta-learned γ (left axis) and λ (right
# axis) of each meta-gradient agent with data, per environment; seeds' mean and 95% band.
load 'figures/style.gp'
LEARNED = "meta-gamma meta-lambda meta-gamma-lambda"
ENVS = ""
do for [k = 1:words(LEARNED)] {
  if (folder(word(LEARNED, k)) ne "") { ENVS = ENVS . envs_in(folder(word(LEARNED, k)), ALL_ENVS, "") }
}
ENVS = system(sprintf("for e in %s; do case ' %s ' in *\" $e \"*) printf '%%s ' $e;; esac; done", ALL_ENVS, ENVS))
if (words(ENVS) == 0) { exit }
eval grid_terminal(words(ENVS))
set multiplot layout grid_rows(words(ENVS)), grid_cols(words(ENVS)) title "Meta-learned η over training (mean over seeds, band: 95% t-interval; γ̄ = 0.995, λ̄ = 1; η₀ = (0.99, 0.9))"
set xlabel "environment steps"
set format x "%.0s%c"
set ylabel "γ (solid)"
set y2label "λ (dashed)"
set ytics nomirror
set y2tics
# Aggregate columns: 1 env_steps, then mean/lo/hi per column; γ is 14–16, λ 17–19.
# A learned γ is drawn solid on the left axis, a learned λ dashed on the right.
do for [e = 1:words(ENVS)] {
  env = word(ENVS, e)
  BANDS = ""; LINES = ""
  do for [k = 1:words(LEARNED)] {
    a = word(LEARNED, k)
    f = word(own_curve(a, env), 1)
    if (f ne "" && a ne "meta-lambda") {
      BANDS = BANDS . sprintf("'%s' using 1:15:16 with filledcurves lc rgb '%s', ", f, colour(a))
      LINES = LINES . sprintf("'%s' using 1:14 with lines lw 2.5 lc rgb '%s' title 'γ of %s', ", f, colour(a), label(a))
    }
    if (f ne "" && a ne "meta-gamma") {
      BANDS = BANDS . sprintf("'%s' using 1:18:19 axes x1y2 with filledcurves lc rgb '%s', ", f, colour(a))
      LINES = LINES . sprintf("'%s' using 1:17 axes x1y2 with lines lw 2.5 dt 2 lc rgb '%s' title 'λ of %s (right axis)', ", f, colour(a), label(a))
    }
  }
  set autoscale xy
  stats word(own_curve("meta-gamma-lambda", env) . own_curve("meta-gamma", env) . own_curve("meta-lambda", env), 1) using 1 nooutput
  set xrange [0:STATS_max]
  set xtics 0, step_tick(STATS_max)
  set title env_title(env)
  set key off
  eval "plot " . BANDS . LINES[1:strlen(LINES) - 2]
}
eval LEGEND_PANEL
eval "plot " . LINES[1:strlen(LINES) - 2]
unset multiplot
