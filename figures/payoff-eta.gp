# drawn by: approximation-payoff
# needs: approximation-payoff
# The paths of γ under each approximation of dθ′/dη from a poor η₀ (approximation-payoff):
# the meta-learned γ against environment steps per environment, seeds' mean and 95%
# band; each title names the landscape's best fixed γ when the landscape is beside. (λ is not
# drawn: from λ₀ = 1 the sigmoid's slope keeps it there.)
load 'figures/style.gp'
load 'figures/approximation-panels.gp'
FIGTITLE = sprintf("Meta-learned γ from %s with each approximation of dθ′/dη (mean over seeds; band: 95%% t-interval; the landscape's best fixed γ in each title)", REGIME)
COLUMN = 14
YLABEL = "γ (discount)"
LAND = folder("landscape")
random_of(env) = ""
best_gamma(env) = LAND ne "" && exists_path(sprintf("%s/%s/landscape.dat", LAND, env)) ? system(sprintf("sed -n 's/^# best_gamma = //p' '%s/%s/landscape.dat'", LAND, env)) : ""
title_of(env) = best_gamma(env) ne "" ? sprintf("%s (best fixed γ = %s)", env_title(env), best_gamma(env)) : env_title(env)
load 'figures/curve-panels.gp'
