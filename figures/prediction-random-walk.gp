# 19-state random walk: the fixed-λ sweep (Sutton & Barto's U-shaped curve), where
# the meta-learned runs end on it, and λ over training.
load 'figures/style.gp'
set multiplot layout 1,2 title "19-state random walk (mean and 95% CI over seeds)"
set title "final RMS error against λ"
set xlabel "λ"
set ylabel "RMS value error, mean of the last 10% of episodes"
set xrange [-0.05:1.05]
set key top left
plot sprintf("%s/random-walk/sweep.dat", data) using 1:3:4 with filledcurves lc rgb C[1], \
     '' using 1:2 with linespoints lw 2 pt 7 lc rgb C[1] title "fixed λ", \
     sprintf("%s/random-walk/meta-final.dat", data) using 2:5:3:4:6:7 with xyerrorbars lw 2 pt 9 ps 1.5 lc rgb C[2] title "meta-learned λ (final λ, final error)"
set title "meta-learned λ over training"
set xlabel "episode"
set ylabel "λ"
set xrange [*:*]
set yrange [0:1]
set key top right
m(s) = sprintf("%s/random-walk/meta-lambda-from-%s/aggregate.dat", data, s)
plot m("0.1") using 1:6:7 with filledcurves lc rgb C[2], m("0.1") using 1:5 with lines lw 2 lc rgb C[2] title "from λ = 0.1", \
     m("0.9") using 1:6:7 with filledcurves lc rgb C[3], m("0.9") using 1:5 with lines lw 2 lc rgb C[3] title "from λ = 0.9"
unset multiplot
