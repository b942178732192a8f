# drawn by: table-1 outer-critic
# needs: table-1 outer-critic
# η over training in the Table 1 analogue: the meta-learned γ (left axis, solid) and λ
# (right axis, dashed) of each meta row, per environment; seeds' mean and 95% band.
load 'figures/style.gp'
T1 = folder("table-1")
OC = folder("outer-critic")
ENVS = T1 ne "" ? envs_in(T1, ALL_ENVS, "") : OC ne "" ? envs_in(OC, ALL_ENVS, "") : ""
if (words(ENVS) == 0) { exit }
LEARNED = "meta-lambda meta-gamma meta-gamma-lambda meta-gamma-lambda-unconditioned meta-gamma-lambda-outer-critic"
source_of(v) = v eq "meta-gamma-lambda-outer-critic" ? OC : T1
eval grid_terminal(words(ENVS))
set multiplot layout grid_rows(words(ENVS)), grid_cols(words(ENVS)) title "Meta-learned η in the Table 1 analogue (mean over evaluation seeds, band: 95% t-interval; γ̄ = 0.995, λ̄ = 1; η₀ = (0.99, 0.9))"
set xlabel "environment steps"
set format x "%.0s%c"
set ylabel "γ (solid)"
set y2label "λ (dashed)"
set ytics nomirror
set y2tics
# Aggregate columns: 1 env_steps, then mean/lo/hi per column; γ is 14–16, λ 17–19.
do for [e = 1:words(ENVS)] {
  env = word(ENVS, e)
  BANDS = ""; LINES = ""; FIRST = ""
  do for [k = 1:words(LEARNED)] {
    a = word(LEARNED, k)
    f = word(variant_curve(source_of(a), env, a), 1)
    if (f ne "" && FIRST eq "") { FIRST = f }
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
  stats FIRST using 1 nooutput
  set xrange [0:STATS_max]
  set xtics 0, step_tick(STATS_max)
  set title env_title(env)
  set key off
  eval "plot " . BANDS . LINES[1:strlen(LINES) - 2]
}
eval LEGEND_PANEL
eval "plot " . LINES[1:strlen(LINES) - 2]
unset multiplot
