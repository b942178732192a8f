# MetaGradientRL — figures, data, tests and benchmarks.
#
#   make figures               draw every figure (runs only experiments whose data is missing)
#   make figures PROFILE=quick every figure end to end in minutes, under quick/
#   make data                  rerun every experiment on purpose (for PROFILE)
#   make test                  the whole test suite (what CI runs)
#   make bench                 release build, then the benchmark (`key value unit` lines on stdout)
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
BIN := .build/release
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)
GNUPLOT := gnuplot
PNG_TERM := set terminal pngcairo size 1200,600 font 'sans,10'
SVG_TERM := set terminal svg size 1200,600 font 'sans,10' dynamic

EXPERIMENTS := prediction baseline
FIGURES := prediction-chain-error prediction-chain-eta prediction-random-walk \
  baseline-classic baseline-minatar
exp_of = $(firstword $(subst -, ,$(1)))

.PHONY: all figures data test bench build deps clean
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

# Run an experiment only when its COMPLETE marker is missing.
$(DATA)/%/COMPLETE: | deps
	$(MAKE) --no-print-directory build
	$(BIN)/$* --profile $(PROFILE) --out $(DATA)/$*

data: build
	@for e in $(EXPERIMENTS); do \
	  echo "== $$e ($(PROFILE))"; \
	  $(BIN)/$$e --profile $(PROFILE) --out $(DATA)/$$e || exit 1; \
	done

# MARK: - Figures (gnuplot, from the data only; written to a temporary name, then renamed)

figures: $(foreach f,$(FIGURES),$(FIG)/$(f).png $(FIG)/$(f).svg)

.SECONDEXPANSION:
$(FIG)/%.png: figures/%.gp figures/style.gp $$(wildcard figures/$$(call exp_of,$$*)-panels.gp) $(DATA)/$$(call exp_of,$$*)/COMPLETE | deps
	@mkdir -p $(@D)
	$(GNUPLOT) -e "data='$(DATA)/$(call exp_of,$*)'" -e "$(PNG_TERM); set output '$@.tmp'" $< && mv $@.tmp $@

$(FIG)/%.svg: figures/%.gp figures/style.gp $$(wildcard figures/$$(call exp_of,$$*)-panels.gp) $(DATA)/$$(call exp_of,$$*)/COMPLETE | deps
	@mkdir -p $(@D)
	$(GNUPLOT) -e "data='$(DATA)/$(call exp_of,$*)'" -e "$(SVG_TERM); set output '$@.tmp'" $< && mv $@.tmp $@

# MARK: - Tests

test: deps
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build

# MARK: - Benchmark (release build; `key value unit` lines, `#` lines are comments;
# see Sources/MetaGradient/Benchmark/BenchmarkReport.swift). BENCH_FLAGS=--quick for a
# short run; --jax never to skip the optional measured JAX comparison.
# OPENBLAS_NUM_THREADS=1 keeps OpenBLAS from starting (spinning) worker threads at load.

BENCH_FLAGS ?=
bench: deps
	$(SWIFT) build -c release --product bench
	OPENBLAS_NUM_THREADS=1 $(BIN)/bench $(BENCH_FLAGS)

# MARK: - Housekeeping

clean:
	rm -rf .build quick
