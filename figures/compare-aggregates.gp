# Aggregate normalised scores (mean, median, IQM over environments and seeds) of
# every compared variant, point and 95% stratified-bootstrap interval, in the manner
# of Agarwal et al. (2021), Fig. 1. Input: data (a comparison's folder).
load 'figures/compare-panels.gp'
set multiplot layout 1,3 title sprintf("Aggregate normalised score (0 = random policy, 1 = %s): point and 95%% bootstrap CI", REF) noenhanced
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
         agg using c:2:($2 + 1):ytic(1) with points pt 7 ps 1.2 lc variable
  } else {
    set ytics format ""
    plot agg using c:2:c+1:c+2:($2 - 0.3):($2 + 0.3):($2 + 1) with boxxyerror lc variable, \
         agg using c:2:($2 + 1) with points pt 7 ps 1.2 lc variable
  }
}
unset multiplot
