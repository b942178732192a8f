# Probability of improvement P(X > reference) of every compared variant over the
# reference (Agarwal et al., 2021, Fig. 3): the Mann-Whitney probability that a run of
# X scores above a run of the reference on the same environment, averaged over
# environments, with its 95% bootstrap CI. Input: data (a comparison's folder).
load 'figures/compare-panels.gp'
f = sprintf("%s/improvement.dat", data)
set title sprintf("Probability of improvement over %s (95%% bootstrap CI)", REF) noenhanced
set xlabel sprintf("P(X > %s)", REF) noenhanced
set xrange [0:1]
set grid xtics
set arrow from 0.5, graph 0 to 0.5, graph 1 nohead dt 2 lc rgb '#555555'
plot f using 3:2:4:5:($2 - 0.3):($2 + 0.3):($2 + 1) with boxxyerror lc variable, \
     f using 3:2:($2 + 1):ytic(row_label($2)) with points pt 7 ps 1.2 lc variable
