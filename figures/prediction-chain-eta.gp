# drawn by: prediction
# needs: prediction
# Noisy chain: the meta-learned γ(s) and λ(s) per state at the end of training.
load 'figures/style.gp'
eval terminal(1200, 600)
set multiplot layout 1,2 title "Noisy chain: meta-learned η(s) per state (mean and 95% CI over seeds; shaded: states whose reward is N(0,1))"
set xlabel "state s"
set yrange [0:1.05]
set xrange [-0.5:8.5]
set xtics 1
set style rectangle fc rgb '#eeeeee' fs solid noborder
do for [s=0:8:2] { set object s+1 rect from s-0.5, graph 0 to s+0.5, graph 1 behind }
set ylabel "γ(s)"
set title "meta-learned discount γ(s) (λ = 1)"
plot sprintf("%s/chain/meta-gamma/final-eta.dat", data) using 1:2:3:4 with yerrorlines lw 2 pt 7 lc rgb colour("meta-gamma")
set ylabel "λ(s)"
set title "meta-learned bootstrapping λ(s) (γ = 1)"
plot sprintf("%s/chain/meta-lambda/final-eta.dat", data) using 1:5:6:7 with yerrorlines lw 2 pt 7 lc rgb colour("meta-lambda")
unset multiplot
