# Sample efficiency (Agarwal et al., 2021, Fig. 7): the IQM of normalised score over
# training, at each logged point, with 95% stratified-bootstrap bands. Training
# progress is a fraction of each environment's budget (total_env_steps differ across
# environments). Input: data (a comparison's folder).
load 'figures/compare-panels.gp'
set yrange [*:*]
set offsets 0, 0, 0, 0
set ytics enhanced
set title sprintf("Sample efficiency: IQM of normalised score (0 = random policy, 1 = %s), 95%% bootstrap bands", REF) noenhanced
set xlabel "environment steps, as a fraction of each environment's budget"
set ylabel "IQM normalised score"
set key bottom right
f(i) = sprintf("%s/efficiency/%s.dat", data, word(V, i))
plot for [i=1:N] f(i) using 1:3:4 with filledcurves lc rgb colour(word(V, i)), \
     for [i=1:N] f(i) using 1:2 with lines lw 2 lc rgb colour(word(V, i)) dt dash(word(V, i)) title label(word(V, i)), \
     1 with lines dt 2 lc rgb "#555555" title "normalised score 1"
