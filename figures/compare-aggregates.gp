# Aggregate normalised scores (mean, median, IQM over environments and seeds) of
# every compared variant, point and 95% stratified-bootstrap interval, in the manner
# of Agarwal et al. (2021), Fig. 1. Input: data (a comparison's folder).
load 'figures/compare-panels.gp'
# One x range and tick step for the three panels (their intervals' extremes, padded),
# row labels in the left margin, so the panels are equally wide and no ticks collide.
set autoscale xy
stats agg using 4 nooutput; lo = STATS_min
stats agg using 5 nooutput; hi = STATS_max
do for [c in "7 10"] { stats agg using (column(c + 0)) nooutput; lo = STATS_min < lo ? STATS_min : lo }
do for [c in "8 11"] { stats agg using (column(c + 0)) nooutput; hi = STATS_max > hi ? STATS_max : hi }
pad = 0.05 * (hi - lo)
set xrange [lo - pad:hi + pad]
set xtics nice_step(hi - lo)
set yrange [N - 0.4:-0.6]
set offsets 0, 0, 0, 0
set multiplot layout 1,3 margins 0.2, 0.98, 0.12, 0.86 spacing 0.03 title sprintf("Aggregate normalised score (0 = random policy, 1 = %s): point and 95%% bootstrap CI", REF) noenhanced
set xlabel "normalised score"
set grid xtics
set arrow from 1, graph 0 to 1, graph 1 nohead dt 2 lc rgb "#555555"
TITLES = "Mean Median IQM"
do for [k = 1:3] {
  set title word(TITLES, k)
  c = 3 * k
  # Variant names label the first panel's rows only.
  if (k == 1) {
    plot agg using c:2:c+1:c+2:($2 - 0.3):($2 + 0.3):($2 + 1) with boxxyerror lc variable, \
         agg using c:2:($2 + 1):ytic(row_label($2)) with points pt 7 ps 1.2 lc variable
  } else {
    set ytics format ""
    plot agg using c:2:c+1:c+2:($2 - 0.3):($2 + 0.3):($2 + 1) with boxxyerror lc variable, \
         agg using c:2:($2 + 1) with points pt 7 ps 1.2 lc variable
  }
}
unset multiplot
