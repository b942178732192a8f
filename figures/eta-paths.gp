# drawn by: eta-paths
# needs: eta-paths landscape
# Paths of η on the fixed-η landscape: per environment, the landscape's heatmap (when
# the landscape experiment has data beside it) and, over it, the seeds' mean path of
# (λ, γ) of meta-γ+λ from each start η₀ and meta learning rate β: an open circle at η₀,
# dots at each quarter of training, a filled triangle at the end. On the heatmap the
# axes are the grid's cells (piecewise linear between grid values).
load 'figures/style.gp'
ENVS = envs_in(data, ALL_ENVS, "")
if (words(ENVS) == 0) { exit }
eval grid_terminal(words(ENVS))
set multiplot layout grid_rows(words(ENVS)), grid_cols(words(ENVS)) title "Paths of η under meta-γ+λ on the fixed-η landscape (mean over seeds; ○ start, • each quarter of training, ▲ end; cells: final return of fixed η, best outlined)"
set palette defined (0 '#440154', 1 '#3b528b', 2 '#21918c', 3 '#5ec962', 4 '#fde725')
set xlabel "λ (bootstrapping)"
set ylabel "γ (discount)"
set tics nomirror out
LAND = folder("landscape")
# The position of v among the sorted grid values L: piecewise linear, extrapolated.
at(v, L, i) = i >= words(L) - 1 || v <= word(L, i + 1) + 0 ? (i - 1) + (v - word(L, i)) / (word(L, i + 1) - word(L, i)) : at(v, L, i + 1)
cell(v, L) = words(L) < 2 ? v : at(v, L, 1)
# Aggregate columns: 1 env_steps; γ mean is 14, λ mean 17.
do for [e = 1:words(ENVS)] {
  env = word(ENVS, e)
  V = system(sprintf("cd '%s/%s' && ls -d from-* 2>/dev/null | sort -V | tr '\\n' ' '", data, env))
  p(i) = sprintf("%s/%s/%s/aggregate.dat", data, env, word(V, i))
  L = LAND ne "" ? sprintf("%s/%s/landscape.dat", LAND, env) : ""
  if (L ne "" && !exists_path(L)) { L = "" }
  GAMMAS = L ne "" ? system(sprintf("awk '!/^#/ && NF {print $3}' '%s' | sort -gu | tr '\\n' ' '", L)) : ""
  LAMBDAS = L ne "" ? system(sprintf("awk '!/^#/ && NF {print $4}' '%s' | sort -gu | tr '\\n' ' '", L)) : ""
  rows(i) = int(system(sprintf("grep -vc '^#' '%s'", p(i))))
  set title env_title(env)
  set key off
  if (L ne "") {
    set autoscale xy
    stats L using 5 nooutput
    best = STATS_max
    set xrange [-0.5:words(LAMBDAS) - 0.5]
    set yrange [-0.5:words(GAMMAS) - 0.5]
    set xtics () ; set ytics ()
    do for [j = 1:words(LAMBDAS)] { set xtics add (word(LAMBDAS, j) j - 1) }
    do for [j = 1:words(GAMMAS)] { set ytics add (word(GAMMAS, j) j - 1) }
    set colorbox
    set style fill solid 1 noborder
    plot L using 2:1:5 with image, \
         L using ($5 == best ? $2 : NaN):1:(0.47):(0.47) with boxxyerror fs empty lc rgb '#D55E00' lw 3, \
         for [i = 1:words(V)] p(i) using (cell($17, LAMBDAS)):(cell($14, GAMMAS)) with lines lw 2.5 dt dash(word(V, i)) lc rgb 'white', \
         for [i = 1:words(V)] p(i) using (cell($17, LAMBDAS)):(cell($14, GAMMAS)) with lines lw 1.5 dt dash(word(V, i)) lc rgb colour(word(V, i)), \
         for [i = 1:words(V)] p(i) every ::0::0 using (cell($17, LAMBDAS)):(cell($14, GAMMAS)) with points pt 6 ps 1.6 lw 2 lc rgb colour(word(V, i)), \
         for [i = 1:words(V)] p(i) every (rows(i) / 4 > 0 ? rows(i) / 4 : 1) using (cell($17, LAMBDAS)):(cell($14, GAMMAS)) with points pt 7 ps 0.8 lc rgb colour(word(V, i)), \
         for [i = 1:words(V)] p(i) every ::(rows(i) - 1) using (cell($17, LAMBDAS)):(cell($14, GAMMAS)) with points pt 9 ps 1.8 lc rgb colour(word(V, i))
  } else {
    set autoscale xy
    set xtics autofreq; set ytics autofreq
    plot for [i = 1:words(V)] p(i) using 17:14 with lines lw 2 dt dash(word(V, i)) lc rgb colour(word(V, i)), \
         for [i = 1:words(V)] p(i) every ::0::0 using 17:14 with points pt 6 ps 1.6 lw 2 lc rgb colour(word(V, i)), \
         for [i = 1:words(V)] p(i) every (rows(i) / 4 > 0 ? rows(i) / 4 : 1) using 17:14 with points pt 7 ps 0.8 lc rgb colour(word(V, i)), \
         for [i = 1:words(V)] p(i) every ::(rows(i) - 1) using 17:14 with points pt 9 ps 1.8 lc rgb colour(word(V, i))
  }
}
eval LEGEND_PANEL
plot for [i = 1:words(V)] NaN with lines lw 2 dt dash(word(V, i)) lc rgb colour(word(V, i)) title label(word(V, i))
unset multiplot
