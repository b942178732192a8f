# drawn by: landscape
# needs: landscape
# The fixed-η landscape: A2C's final return (mean over seeds of the last 10% of each
# curve) at every cell of the grid γ × λ, one heatmap per environment with data, the
# best cell outlined. Input: data (the landscape experiment's folder).
load 'figures/style.gp'
ENVS = envs_in(data, ALL_ENVS, "/landscape.dat")
if (words(ENVS) == 0) { exit }
cols = words(ENVS) < 3 ? words(ENVS) : 3
rows = int(ceil(words(ENVS) / 3.0))
eval terminal(100 + 470 * cols, 80 + 420 * rows)
set multiplot layout rows, cols title "Fixed-η landscape: final return of A2C (mean over seeds of the last 10% of each curve) over (γ, λ); best cell outlined" margins 0.06,0.95,0.08,0.9 spacing 0.1,0.16
# viridis (perceptually uniform, colour-blind safe), as gnuplot's viridis.pal defines it
set palette defined (0 '#440154', 1 '#3b528b', 2 '#21918c', 3 '#5ec962', 4 '#fde725')
set xlabel "λ (bootstrapping)"
set ylabel "γ (discount)"
set tics scale 0
set grid noxtics noytics
set border 0
set style fill solid 1 noborder  # opaque colour box (style.gp's fill is for CI bands)
do for [k = 1:words(ENVS)] {
  f = sprintf('%s/%s/landscape.dat', data, word(ENVS, k))
  stats f using 5 nooutput
  best = STATS_max
  middle = (STATS_min + STATS_max) / 2
  set title env_title(word(ENVS, k))
  # Values printed in each cell: black on the light end of the palette, white on the dark.
  plot f using 2:1:5:xtic(sprintf('%g', $4)):ytic(sprintf('%g', $3)) with image, \
       '' using 2:1:(sprintf('%.3g', $5)):($5 > middle ? 0x000000 : 0xffffff) with labels font ',8' tc rgb variable, \
       '' using ($5 == best ? $2 : NaN):1:(0.47):(0.47) with boxxyerror fs empty lc rgb '#D55E00' lw 3
}
unset multiplot
