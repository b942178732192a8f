# MetaGradientRL — figures, data, tests and benchmarks.
#
#   make figures               draw every figure (runs only experiments whose data is missing)
#   make figures PROFILE=quick every figure end to end in minutes, under quick/
#   make data [JOBS=N]         rerun every experiment on purpose (for PROFILE; resumable), N units at once
#   make slurm [SBATCH_FLAGS=…] [WAIT=1]  the same units as Slurm job arrays, then a finishing job
#   make compare               recompare every ablation from the data there is (seconds)
#   make test                  the whole test suite (what CI runs)
#   make bench                 release build, then the benchmark (`key value unit` lines on stdout)
#   make bench-peers           the same, with the peers (jitted JAX, gymnax) measured side by side
#   make clean                 remove build products and quick-profile output
#
# The full profile's data lives in data/ and is committed, so `make figures` on a
# fresh clone only redraws. An experiment's folder counts as done only when its
# COMPLETE marker exists; the marker is written last, after every data file.

PROFILE ?= full
ifeq ($(PROFILE),full)
  DATA := data
  FIG := figures
else ifeq ($(PROFILE),quick)
  DATA := quick/data
  FIG := quick/figures
else
  $(error PROFILE must be full or quick, not '$(PROFILE)')
endif

SWIFT ?= swift
# The commit every data file of this make invocation names, taken once before any
# output is written: a command's own outputs (make compare rewriting its folders)
# must not turn it into a -dirty build halfway through (RunInfo.commit reads it).
# (The tests set their own.)
COMMIT := $(or $(METAGRADIENT_COMMIT),$(shell git describe --always --dirty 2>/dev/null),unknown)
WITH_COMMIT := METAGRADIENT_COMMIT=$(COMMIT)
BIN := .build/release
# Processes at once for `make data` and the data rules: one single-threaded process per core.
JOBS ?= $(shell nproc 2>/dev/null || echo 1)
SWEEP = $(WITH_COMMIT) $(BIN)/sweep run --jobs $(JOBS) --profile $(PROFILE) --data $(DATA)
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
GNUPLOT := gnuplot
EXPERIMENTS := prediction baseline landscape eta-paths beta-sensitivity meta-gamma meta-lambda meta-gamma-lambda eta-conditioning approximation-order approximation-payoff approximation-frontier table-1 outer-critic fixed-start
# Experiments that read others' finished data when they plan their units: table-1 takes
# its held-out reference from the fixed-η runs of landscape and baseline.
TUNED_EXPERIMENTS := table-1
# Every figures/<figure>.gp with a `# needs:` line is a figure; that line names the
# experiments it is drawn from (the first is `data` in the script, the data root is
# `root`), and its `# drawn by:` line the experiments whose runs draw it into their
# <out>/figures/. `make figures DATA=<folder>` draws into <folder>/figures/: every
# figure for a data root, or, for one experiment's output folder (it has a MANIFEST),
# that experiment's own figures, as its run does.
ifeq ($(origin DATA),command line)
  FIG := $(DATA)/figures
endif
deps_of = $(shell sed -n 's/^\# needs: //p' figures/$(1).gp)
RUN_EXPERIMENT := $(if $(wildcard $(DATA)/MANIFEST),$(shell sed -n 's/^experiment = //p' $(DATA)/MANIFEST))
ifeq ($(RUN_EXPERIMENT),)
  FIGURES := $(sort $(patsubst figures/%.gp,%,$(shell grep -l '^\# needs: ' figures/*.gp)))
  figure_data = $(DATA)/$(firstword $(call deps_of,$(1)))
  figure_root := $(DATA)
  complete_of = $(foreach e,$(call deps_of,$(1)),$(DATA)/$(e)/COMPLETE)
else
  FIGURES := $(sort $(patsubst figures/%.gp,%,$(shell grep -lE '^\# drawn by: (.* )?$(RUN_EXPERIMENT)( |$$)' figures/*.gp)))
  figure_data = $(DATA)
  figure_root := $(patsubst %/,%,$(dir $(abspath $(DATA))))
  complete_of = $(DATA)/COMPLETE
$(DATA)/COMPLETE:
	@echo "$(DATA) is a $(RUN_EXPERIMENT) run that has not finished (no COMPLETE marker); rerun its command to resume it"; exit 1
endif
# Draw script $(1) from data folder $(2) into $@ (term from its suffix): to a temporary
# name, then renamed (removed if gnuplot fails); a script with nothing to draw writes
# nothing and says so.
draw = { $(GNUPLOT) -e "data='$(2)'; root='$(figure_root)'; term='$(patsubst .%,%,$(suffix $@))'; output='$@.tmp'" $(1) || { rm -f $@.tmp; exit 1; }; } \
  && if [ -e $@.tmp ]; then mv $@.tmp $@; else echo "$@: nothing to draw from $(2)"; fi

.PHONY: all figures data slurm compare test test-asan chaos fuzz fuzz-build bench bench-peers build deps clean
.DELETE_ON_ERROR:
.PRECIOUS: $(DATA)/%/COMPLETE

all: figures

# MARK: - Dependencies (apt-get; sudo only when not root)

deps:
	@command -v $(GNUPLOT) >/dev/null && [ -e /usr/include/x86_64-linux-gnu/cblas.h -o -e /usr/include/cblas.h ] || \
	  { $(SUDO) apt-get update -qq && $(SUDO) apt-get install -y -qq gnuplot-nox libopenblas-dev; }

build: deps
	$(SWIFT) build -c release

# MARK: - Data

# Run an experiment only when its COMPLETE marker is missing: its units, JOBS at a
# time (`sweep run`), then its finishing step (aggregates, COMPLETE).
$(DATA)/%/COMPLETE: | deps
	$(MAKE) --no-print-directory build
	$(SWEEP) $*
$(DATA)/table-1/COMPLETE: | $(DATA)/landscape/COMPLETE $(DATA)/baseline/COMPLETE

# `make data` marks every experiment stale (removes its COMPLETE marker), then runs the
# units of all experiments together, JOBS at a time, longest first. The rerun is
# recorded in $(DATA)/.make-data until it ends, so an interrupted `make data` (Ctrl-C,
# a kill, a crash) is continued by the same command: experiments it finished stay
# finished, and each unit resumes from its checkpoint (`make figures` continues it too).
# Two `make data` on one tree share the units (a sweep waits for units another holds).
# A folder holding another configuration's data is refused with a message; `--fresh` on
# the experiment's command starts it over. The files are byte-identical whatever JOBS is.
DATA_STAMP := $(DATA)/.make-data
data: build
	@if [ -e $(DATA_STAMP) ]; then \
	  echo "make data: continuing the rerun started $$(cat $(DATA_STAMP)) (rm $(DATA_STAMP) to start over)"; \
	else \
	  mkdir -p $(DATA) && rm -f $(foreach e,$(EXPERIMENTS),$(DATA)/$(e)/COMPLETE) && date -u +%FT%TZ > $(DATA_STAMP); \
	fi
	$(SWEEP) $(filter-out $(TUNED_EXPERIMENTS),$(EXPERIMENTS))
	$(SWEEP) $(TUNED_EXPERIMENTS)
	rm -f $(DATA_STAMP)

# The same units on a Slurm cluster sharing this file system: one job array per
# experiment (one unit per task, requeued from its checkpoint after a preemption or a
# time limit), then a finishing job. SLURM_PARTITION, SLURM_TIME, SLURM_CPUS,
# SLURM_ACCOUNT, SLURM_THROTTLE and SBATCH_FLAGS pass through; DRY_RUN=1 prints the
# scripts; WAIT=1 blocks until the finishing job ends and exits with its status.
SLURM_FLAGS = $(if $(SLURM_PARTITION),--partition $(SLURM_PARTITION)) $(if $(SLURM_TIME),--time $(SLURM_TIME)) \
  $(if $(SLURM_CPUS),--cpus-per-task $(SLURM_CPUS)) $(if $(SLURM_ACCOUNT),--account $(SLURM_ACCOUNT)) \
  $(if $(SLURM_THROTTLE),--throttle $(SLURM_THROTTLE)) $(if $(SBATCH_FLAGS),--sbatch-flags "$(SBATCH_FLAGS)") \
  $(if $(filter 1,$(DRY_RUN)),--dry-run) $(if $(filter 1,$(WAIT)),--wait)
# The tuned experiments (table-1) plan their units from finished tuning data, so they are
# submitted once landscape and baseline are COMPLETE: run `make slurm` again then.
slurm: build
	$(WITH_COMMIT) $(BIN)/sweep slurm --profile $(PROFILE) --data $(DATA) $(SLURM_FLAGS) $(filter-out $(TUNED_EXPERIMENTS),$(EXPERIMENTS))
	@if [ -e $(DATA)/landscape/COMPLETE ] && [ -e $(DATA)/baseline/COMPLETE ]; then \
	  echo "$(BIN)/sweep slurm --profile $(PROFILE) --data $(DATA) $(SLURM_FLAGS) $(TUNED_EXPERIMENTS)"; \
	  $(WITH_COMMIT) $(BIN)/sweep slurm --profile $(PROFILE) --data $(DATA) $(SLURM_FLAGS) $(TUNED_EXPERIMENTS); \
	else echo "$(TUNED_EXPERIMENTS): not submitted yet: they choose their reference from landscape and baseline, which have not finished; run make slurm again when they have"; fi

# MARK: - Figures (gnuplot, from the data only; written to a temporary name, then renamed)

figures: $(foreach f,$(FIGURES),$(FIG)/$(f).png $(FIG)/$(f).svg)

.SECONDEXPANSION:
# A script's inputs include the scripts it loads (payoff-cost.gp draws approximation-cost.gp
# on other data, so a change to the latter redraws both).
loaded_by = $(shell sed -n "s/^load '\(figures\/[^']*\)'.*/\1/p" figures/$(1).gp 2>/dev/null)
FIGURE_INPUTS = figures/%.gp figures/style.gp $$(wildcard figures/*-panels.gp) $$(call loaded_by,$$*) $$(call complete_of,$$*)
$(FIG)/%.png: $(FIGURE_INPUTS) | deps
	@mkdir -p $(@D)
	$(call draw,$<,$(call figure_data,$*))
$(FIG)/%.svg: $(FIGURE_INPUTS) | deps
	@mkdir -p $(@D)
	$(call draw,$<,$(call figure_data,$*))

# MARK: - Comparisons (`compare`: rliable-style statistics over the control experiments)

# Each comparison reads the experiments of compare_<name>, the first of which holds the
# reference: by default the best fixed η per environment (normalised score 1) among its
# fixed-η variants; compare_flags_<name> adds options (another --reference, or --env
# to keep every seed of the environments that have more, since score matrices need
# the same seeds everywhere). An experiment without its COMPLETE marker yet is
# skipped, saying so; runs not shared by every variant are dropped and listed in the
# report. Output: $(DATA)/compare/<name>/ and, for the DRAWN_COMPARISONS,
# $(FIG)/compare-<name>-<kind>; the β sweep's comparisons (against the landscape's
# 36 fixed cells) are drawn by figures/beta-sensitivity.gp instead.
COMPARISONS := meta conditioning approximation-order beta-classic beta-minatar payoff-classic payoff-minatar table-1 table-1-impala
DRAWN_COMPARISONS := meta conditioning approximation-order payoff-classic payoff-minatar table-1 table-1-impala
compare_meta := baseline meta-gamma meta-lambda meta-gamma-lambda
compare_conditioning := baseline eta-conditioning
compare_approximation-order := baseline approximation-order
compare_beta-classic := landscape beta-sensitivity
compare_flags_beta-classic := --env cartpole,catch
compare_beta-minatar := landscape beta-sensitivity
compare_flags_beta-minatar := --env breakout,space_invaders,seaquest
compare_payoff-classic := approximation-payoff
compare_flags_payoff-classic := --reference first-order --env cartpole,catch
compare_payoff-minatar := approximation-payoff
compare_flags_payoff-minatar := --reference first-order --env breakout
# The Table 1 analogue: every row against the best fixed η chosen on the tuning seeds
# (0–9 of landscape, else baseline) and scored on table-1's evaluation seeds (10–19);
# table-1-impala scores the same rows against the paper's IMPALA baseline, fixed
# γ = 0.99 with λ = 1, as the paper's Table 1 does.
table_1_rows := gamma0.99-lambda1,gamma0.995-lambda1,tuned-fixed-eta,meta-lambda,meta-gamma,meta-gamma-lambda,meta-gamma-lambda-unconditioned,meta-gamma-lambda-outer-critic
compare_table-1 := table-1 outer-critic
compare_flags_table-1 := --reference tuned-fixed-eta --variants $(table_1_rows)
compare_table-1-impala := table-1 outer-critic
compare_flags_table-1-impala := --reference gamma0.99-lambda1 --variants $(table_1_rows)
# The meta rows against their own start η₀ = (0.99, 0.9) held fixed (fixed-start): the
# conditioned rows against the conditioned agent learning nothing, the unconditioned
# row against plain A2C at η₀. Did meta-learning help or hurt from where it started?
compare_table-1-start := fixed-start table-1 outer-critic
compare_flags_table-1-start := --reference gamma0.99-lambda0.9-conditioned \
  --variants gamma0.99-lambda0.9-conditioned,meta-lambda,meta-gamma,meta-gamma-lambda,meta-gamma-lambda-outer-critic
compare_table-1-start-unconditioned := fixed-start table-1
compare_flags_table-1-start-unconditioned := --reference gamma0.99-lambda0.9 \
  --variants gamma0.99-lambda0.9,meta-gamma-lambda-unconditioned
# They join the comparisons (and make figures draws them) once fixed-start's data is
# there: its full run is hours, which `make figures` on a fresh clone must not start.
ifneq ($(wildcard $(DATA)/fixed-start/COMPLETE),)
  COMPARISONS += table-1-start table-1-start-unconditioned
  DRAWN_COMPARISONS += table-1-start table-1-start-unconditioned
endif
COMPARE_KINDS := aggregates improvement profiles efficiency
COMPARE_FIGURES := $(foreach c,$(DRAWN_COMPARISONS),$(foreach k,$(COMPARE_KINDS),compare-$(c)-$(k)))
# The figure scripts that read a comparison (a `# needs:` entry compare/<name>).
COMPARED_FIGURES := $(patsubst figures/%.gp,%,$(shell grep -l '^\# needs: .*compare/' figures/*.gp))
cmp_kind = $(lastword $(subst -, ,$(1)))
cmp_name = $(patsubst %-$(call cmp_kind,$(1)),%,$(1))

ifeq ($(RUN_EXPERIMENT),)
figures: $(foreach f,$(COMPARE_FIGURES),$(FIG)/$(f).png $(FIG)/$(f).svg)
endif

# Always recompares (cheap), then redraws what changed. The rules below are static
# pattern rules, so they take precedence over the generic data and figure rules.
compare:
	rm -f $(foreach c,$(COMPARISONS),$(DATA)/compare/$(c)/COMPLETE)
	$(MAKE) --no-print-directory COMPARE_WHAT_THERE_IS=1 METAGRADIENT_COMMIT=$(COMMIT) $(foreach c,$(COMPARISONS),$(DATA)/compare/$(c)/COMPLETE) \
	  $(foreach f,$(COMPARE_FIGURES) $(COMPARED_FIGURES),$(FIG)/$(f).png $(FIG)/$(f).svg)

# Order-only on the experiments (like every data rule): a comparison that exists is
# never recomputed by `make figures` (a fresh clone only redraws); `make compare` does.
# Under `make figures` every input experiment is made first (a fresh PROFILE=quick
# runs them all, then compares); `make compare` (COMPARE_WHAT_THERE_IS=1) compares the
# finished ones and skips the rest.
compare_inputs = $(foreach e,$(compare_$(1)),$(DATA)/$(e)/COMPLETE)
$(foreach c,$(COMPARISONS),$(DATA)/compare/$(c)/COMPLETE): $(DATA)/compare/%/COMPLETE: | $(DATA)/$$(firstword $$(compare_$$*))/COMPLETE $$(if $$(COMPARE_WHAT_THERE_IS),$$(wildcard $$(call compare_inputs,$$*)),$$(call compare_inputs,$$*)) deps
	$(MAKE) --no-print-directory build
	@inputs=; for e in $(compare_$*); do \
	  if [ -e $(DATA)/$$e/COMPLETE ]; then inputs="$$inputs $(DATA)/$$e"; \
	  else echo "compare $*: skipping $(DATA)/$$e (no COMPLETE marker yet)"; fi; \
	done; \
	echo "$(BIN)/compare$$inputs $(compare_flags_$*) --missing drop --fresh --out $(DATA)/compare/$*"; \
	$(WITH_COMMIT) $(BIN)/compare $$inputs $(compare_flags_$*) --missing drop --fresh --out $(DATA)/compare/$*

$(foreach f,$(COMPARE_FIGURES),$(FIG)/$(f).png): $(FIG)/compare-%.png: figures/compare-$$(call cmp_kind,$$*).gp figures/compare-panels.gp figures/style.gp $(DATA)/compare/$$(call cmp_name,$$*)/COMPLETE | deps
	@mkdir -p $(@D)
	$(call draw,$<,$(DATA)/compare/$(call cmp_name,$*))

$(foreach f,$(COMPARE_FIGURES),$(FIG)/$(f).svg): $(FIG)/compare-%.svg: figures/compare-$$(call cmp_kind,$$*).gp figures/compare-panels.gp figures/style.gp $(DATA)/compare/$$(call cmp_name,$$*)/COMPLETE | deps
	@mkdir -p $(@D)
	$(call draw,$<,$(DATA)/compare/$(call cmp_name,$*))

# MARK: - Tests

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# MARK: - Chaos (the long form of Tests/MetaGradientTests/Robustness/ChaosTests.swift)

# `make data PROFILE=quick JOBS=2` into a temporary folder, its whole process tree
# (make, sweep, every worker) SIGKILLed 100 times at random moments 0.5–40 s apart and
# restarted each time, then run to its end (again from an empty folder while kills
# remain); every data file must equal a serial run's (JOBS=1) and no kill may leave a
# process running. About an hour on two cores; the
# counts go to stderr and $(CHAOS_REPORT). `make test` runs the short form (5 kills).
CHAOS_REPORT := .build/chaos-report.txt
# The test bundle runs directly, not through `swift test`, which would hold SwiftPM's
# lock on .build while the `make data` under test builds.
chaos: build
	$(SWIFT) build --build-tests
	METAGRADIENT_CHAOS=full METAGRADIENT_CHAOS_REPORT=$(CURDIR)/$(CHAOS_REPORT) \
	  .build/debug/MetaGradientRLPackageTests.xctest --testing-library swift-testing --filter ChaosTests
	@cat $(CHAOS_REPORT)

# MARK: - Benchmark (release build; `key value unit` lines, `#` lines are comments;
# see Sources/MetaGradient/Benchmark/BenchmarkReport.swift). BENCH_FLAGS=--quick for a
# short run, --only peers for the peers alone.
# OPENBLAS_NUM_THREADS=1 keeps OpenBLAS from starting (spinning) worker threads at load.
#
# `make bench-peers` first installs the peers' Python environment, $(PEERS_VENV):
# a venv of $(PYTHON3) with the exact versions of bench/peers-requirements.txt (jax[cpu],
# gymnax, flax, optax and what they pull in) from PyPI, redone only when that file
# changes (the copy of it in the venv is the stamp). Then `bench --peers` times
# bench/jax_a2c.py and bench/gymnax_breakout_a2c.py in turns with our agents
# (PeerComparison). `make bench` uses that environment when it is there, and says in
# one comment line when it is not.

BENCH_FLAGS ?=
PYTHON3 ?= python3
PEERS_VENV := .build/peers-venv
PEERS_PYTHON := $(PEERS_VENV)/bin/python
PEERS_STAMP := $(PEERS_VENV)/peers-requirements.txt

bench: deps
	$(SWIFT) build -c release
	OPENBLAS_NUM_THREADS=1 $(BIN)/bench $(if $(wildcard $(PEERS_STAMP)),--peers $(PEERS_PYTHON)) $(BENCH_FLAGS)

bench-peers: deps $(PEERS_STAMP)
	$(SWIFT) build -c release
	OPENBLAS_NUM_THREADS=1 $(BIN)/bench --peers $(PEERS_PYTHON) $(BENCH_FLAGS)

$(PEERS_STAMP): bench/peers-requirements.txt
	rm -rf $(PEERS_VENV)
	$(PYTHON3) -m venv $(PEERS_VENV)
	$(PEERS_PYTHON) -m pip install --quiet --disable-pip-version-check --no-input -r $<
	cp $< $@

# MARK: - Housekeeping

clean:
	rm -rf .build quick

# MARK: - AddressSanitizer

# The whole suite, and every experiment it spawns (METAGRADIENT_BIN points the tests at
# the instrumented executables), under AddressSanitizer with leak detection. Leaks
# reported from outside this project's code (Foundation's Process, the Swift runtime's
# one-time allocations) are suppressed, each by name, in .asan/lsan.supp.
# The suppressions match symbolized frames, so the symbolizer is named by path: tests that
# give a subprocess another PATH (no gnuplot on it, say) keep their suppressions.
ASAN_DIR := .build/asan
SYMBOLIZER := $(shell command -v llvm-symbolizer 2>/dev/null)
ASAN_ENV = METAGRADIENT_BIN=$(CURDIR)/$(ASAN_DIR)/debug ASAN_OPTIONS=detect_leaks=1:abort_on_error=0 \
  LSAN_OPTIONS=suppressions=$(CURDIR)/.asan/lsan.supp:print_suppressions=0 $(if $(SYMBOLIZER),ASAN_SYMBOLIZER_PATH=$(SYMBOLIZER))

test-asan: deps
	$(SWIFT) build --build-tests --sanitize=address --scratch-path $(ASAN_DIR)
	$(ASAN_ENV) $(SWIFT) test --skip-build --sanitize=address --scratch-path $(ASAN_DIR) $(if $(FILTER),--filter '$(FILTER)')

# MARK: - Fuzzing (libFuzzer from the Swift toolchain)

# One target per reader of files the program reads back (Sources/FuzzHarnesses):
# checkpoints, compare's data files, MANIFEST, the golden fixtures. Built with
# AddressSanitizer and libFuzzer's coverage into .build/fuzz; linked with libFuzzer's
# no-main library (SwiftPM executables bring their own main, which hands the command
# line to LLVMFuzzerRunDriver). `make fuzz SECONDS=N` runs each target N seconds from
# the committed seeds (Fuzz/corpus/<target>) and every past finding
# (Fuzz/regressions/<target>, which `make test` replays); new inputs go to
# .build/fuzz/corpus/<target>, a crash, hang (> 10 s) or sanitizer report to
# Fuzz/findings/ and fails the target.
FUZZ_TARGETS := fuzz-checkpoint fuzz-data-file fuzz-manifest fuzz-golden
SECONDS ?= 60
FUZZ_DIR := .build/fuzz
FUZZ_RT = $(firstword $(wildcard $(dir $(shell readlink -f $$(command -v swiftc)))../lib/clang/*/lib/linux/libclang_rt.fuzzer_no_main-x86_64.a))
FUZZ_FLAGS = --scratch-path $(FUZZ_DIR) -Xswiftc -sanitize=address \
  -Xswiftc -sanitize-coverage=edge,inline-8bit-counters,pc-table,trace-cmp -Xlinker $(FUZZ_RT) -Xlinker -lstdc++

fuzz-build: deps
	@test -n "$(FUZZ_RT)" || { echo "fuzz: libclang_rt.fuzzer_no_main not found in the Swift toolchain"; exit 1; }
	METAGRADIENT_FUZZ=1 $(SWIFT) build $(FUZZ_FLAGS) --product fuzz

fuzz: fuzz-build
	@mkdir -p Fuzz/findings
	@status=0; for t in $(FUZZ_TARGETS); do \
	  mkdir -p $(FUZZ_DIR)/corpus/$$t Fuzz/corpus/$$t Fuzz/regressions/$$t; \
	  echo "== $$t: $(SECONDS) s"; \
	  METAGRADIENT_FUZZ_SEEDS=$(FUZZ_DIR)/corpus/$$t $(FUZZ_DIR)/debug/fuzz $$t $(FUZZ_DIR)/corpus/$$t Fuzz/corpus/$$t Fuzz/regressions/$$t \
	    -max_total_time=$(SECONDS) -timeout=10 -rss_limit_mb=3072 -max_len=65536 -print_final_stats=1 \
	    -artifact_prefix=Fuzz/findings/$$t- > $(FUZZ_DIR)/$$t.log 2>&1 \
	    || { status=1; echo "$$t: FINDING (see $(FUZZ_DIR)/$$t.log and Fuzz/findings/)"; grep -m3 -E "ERROR|SUMMARY|Fatal" $(FUZZ_DIR)/$$t.log; }; \
	  grep -E "stat::number_of_executed_units|stat::new_units_added" $(FUZZ_DIR)/$$t.log | sed "s/^/  $$t /"; \
	  echo "  $$t corpus: $$(ls $(FUZZ_DIR)/corpus/$$t | wc -l) inputs"; \
	done; exit $$status
