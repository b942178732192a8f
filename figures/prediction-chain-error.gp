# Noisy chain: value error over online training, meta-learned γ(s) and λ(s) against
# fixed-η baselines. Input: data (the prediction experiment's folder).
load 'figures/style.gp'
set title "Noisy chain: value error during online training (mean and 95% CI over seeds)"
set xlabel "episode"
set ylabel "RMS value error  √(mean_s (v(s) − v*(s))²)"
set logscale y
set key top right
array V[7] = ["gamma-0.5", "gamma-0.9", "gamma-1", "lambda-0", "lambda-0.5", "meta-gamma", "meta-lambda"]
array L[7] = ["fixed γ=0.5, λ=1", "fixed γ=0.9, λ=1", "fixed γ=1, λ=1 (Monte Carlo)", "fixed γ=1, λ=0 (TD(0))", \
              "fixed γ=1, λ=0.5", "meta-learned γ(s), λ=1", "meta-learned λ(s), γ=1"]
array W[7] = [1.5, 1.5, 1.5, 1.5, 1.5, 3, 3]
array D[7] = [2, 2, 2, 2, 2, 1, 1]
f(i) = sprintf("%s/chain/%s/aggregate.dat", data, V[i])
plot for [i=1:7] f(i) using 1:3:4 with filledcurves lc rgb C[i], \
     for [i=1:7] f(i) using 1:2 with lines lw W[i] dt D[i] lc rgb C[i] title L[i]
