# drawn by: approximation-order
# needs: approximation-order
# Episode return of meta-learned γ and λ with each approximation of dθ′/dη, per
# environment: seeds' mean and 95% band, the random policy dotted; NAMES' order first,
# then any other trained variant.
load 'figures/style.gp'
load 'figures/approximation-panels.gp'
FIGTITLE = sprintf("Meta-learned γ and λ from %s with each approximation of dθ′/dη (mean episode return over seeds; band: 95%% t-interval, clipped to the return's range)", REGIME)
FIXED_BANDS = 1
random_of(env) = random_in(data, env)
load 'figures/curve-panels.gp'
