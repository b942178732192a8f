# drawn by: prediction
# needs: prediction
# 19-state random walk: the fixed-λ sweep, where the meta-learned runs end on it,
# and λ over training. Input: data (the prediction experiment's folder).
load 'figures/style.gp'
eval terminal(1200, 600)
set multiplot layout 1,2 title "19-state random walk, offline λ-return, α = 0.1 (mean and 95% CI over seeds)"
set title "RMS value error against λ"
set xlabel "λ"
set ylabel "RMS value error"
set xrange [-0.05:1.05]
set logscale y
set yrange [0.09:0.8]
set ytics (0.1, 0.12, 0.15, 0.2, 0.3, 0.5, 0.8)
set key top left
s = sprintf("%s/random-walk/sweep.dat", data)
m = sprintf("%s/random-walk/meta-final.dat", data)
plot s using 1:3:4 with filledcurves lc rgb "#777777", \
     s using 1:2 with linespoints lw 2 pt 7 lc rgb "#777777" title "fixed λ: final error (last 10% of episodes)", \
     s using 1:6:7 with filledcurves lc rgb "#E69F00", \
     s using 1:5 with linespoints lw 2 pt 5 dt 2 lc rgb "#E69F00" title "fixed λ: error averaged over the run", \
     m using 2:5:3:4:6:7 with xyerrorbars lw 2 pt 9 ps 1.5 lc rgb colour("meta-lambda") title "meta-learned λ: final λ, final error", \
     m using 2:8:3:4:9:10 with xyerrorbars lw 2 pt 11 ps 1.5 lc rgb "#CC6677" title "meta-learned λ: final λ, run-average error"
set title "meta-learned λ over training (first-order meta-gradient)"
set xlabel "episode"
set ylabel "λ"
set xrange [*:*]
unset logscale y
set yrange [0:1]
set ytics autofreq
set key top right
a(start) = sprintf("%s/random-walk/meta-lambda-from-%s/aggregate.dat", data, start)
plot a("0.1") using 1:6:7 with filledcurves lc rgb colour("meta-lambda"), a("0.1") using 1:5 with lines lw 2 lc rgb colour("meta-lambda") title "from λ = 0.1", \
     a("0.9") using 1:6:7 with filledcurves lc rgb "#44AA99", a("0.9") using 1:5 with lines lw 2 lc rgb "#44AA99" title "from λ = 0.9"
unset multiplot
