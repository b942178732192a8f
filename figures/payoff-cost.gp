# drawn by: approximation-payoff
# needs: approximation-payoff
# approximation-cost.gp on approximation-payoff's runs: the approximations of dθ′/dη
# trained from a poor η₀ with a β that moves η (the regime is in the title).
load 'figures/approximation-cost.gp'
