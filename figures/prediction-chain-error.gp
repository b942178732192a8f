# drawn by: prediction
# needs: prediction
# Noisy chain: value error over online training, meta-learned γ(s) and λ(s) against
# fixed-η baselines. Input: data (the prediction experiment's folder).
load 'figures/style.gp'
eval terminal(1200, 650)
set multiplot layout 1,2 title "Noisy chain: value error during online training (mean and 95% CI over seeds)"
set xlabel "episode"
set ylabel "RMS value error against v* (γ̄ = 1)"
set yrange [0.18:0.36]
set key below horizontal maxrows 2 width 2
f(v) = sprintf("%s/chain/%s/aggregate.dat", data, v)
set title "learning the discount γ(s) (λ = 1)"
plot f("gamma-0.5") using 1:3:4 with filledcurves lc rgb "#E69F00", f("gamma-0.5") using 1:2 with lines lw 1.5 dt 2 lc rgb "#E69F00" title "fixed γ = 0.5", \
     f("gamma-0.9") using 1:3:4 with filledcurves lc rgb "#CC79A7", f("gamma-0.9") using 1:2 with lines lw 1.5 dt 4 lc rgb "#CC79A7" title "fixed γ = 0.9", \
     f("gamma-1") using 1:3:4 with filledcurves lc rgb "#009E73", f("gamma-1") using 1:2 with lines lw 1.5 dt 2 lc rgb "#009E73" title "fixed γ = 1 (Monte Carlo)", \
     f("meta-gamma") using 1:3:4 with filledcurves lc rgb colour("meta-gamma"), f("meta-gamma") using 1:2 with lines lw 3 lc rgb colour("meta-gamma") title "meta-learned γ(s)"
set title "learning the bootstrapping λ(s) (γ = 1)"
plot f("lambda-0") using 1:3:4 with filledcurves lc rgb "#56B4E9", f("lambda-0") using 1:2 with lines lw 1.5 dt 2 lc rgb "#56B4E9" title "fixed λ = 0 (TD(0))", \
     f("lambda-0.5") using 1:3:4 with filledcurves lc rgb "#CC6677", f("lambda-0.5") using 1:2 with lines lw 1.5 dt 4 lc rgb "#CC6677" title "fixed λ = 0.5", \
     f("gamma-1") using 1:3:4 with filledcurves lc rgb "#009E73", f("gamma-1") using 1:2 with lines lw 1.5 dt 2 lc rgb "#009E73" title "fixed λ = 1 (Monte Carlo)", \
     f("meta-lambda") using 1:3:4 with filledcurves lc rgb colour("meta-lambda"), f("meta-lambda") using 1:2 with lines lw 3 lc rgb colour("meta-lambda") title "meta-learned λ(s)"
unset multiplot
