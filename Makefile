# Makefile: the entry points (make run, make test, make install) over CMake.
# make run needs only the engine's own dependencies; make test adds the test
# tools; MPI is installed and built with `make mpi` or MPI=ON (CI does).
BUILD ?= build
BUILD_ASAN ?= build-asan
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 240
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
PREFIX ?= /usr/local
MPI ?=
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release
ifeq ($(CI),true)
CMAKE_FLAGS += -DGASDEP_WERROR=ON
endif
ifneq ($(MPI),)
CMAKE_FLAGS += -DGASDEP_MPI=$(MPI)
endif
DEPS_MPI = $(if $(filter ON on 1 yes,$(MPI)),mpi)
# A first configure by `make run` leaves the tests out (no Criterion needed);
# `make test` switches them on, and they stay on.
FIRST_FLAGS = $(if $(wildcard $(BUILD)/CMakeCache.txt),,-DBUILD_TESTING=OFF)
ENGINE_TARGETS = gasdep_cli gasdep gasdep_shared
# CMake's generated makefiles recurse four levels deep; their "Entering
# directory" lines say nothing to a user.
MAKEFLAGS += --no-print-directory

.PHONY: all deps deps-test build run test test-sanitize mpi bench install \
        uninstall clean fuzz fuzz-run fuzz-long dist docs

all: build

deps:
	@sh scripts/install-deps.sh run $(DEPS_MPI)

deps-test:
	@sh scripts/install-deps.sh test $(DEPS_MPI)

# The CLI and the libraries only: no tests, no benchmarks.
build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) $(FIRST_FLAGS) -DCMAKE_INSTALL_PREFIX=$(PREFIX)
	cmake --build $(BUILD) -j $(JOBS) --target $(ENGINE_TARGETS)

run: build
	./$(BUILD)/gasdep run scenarios/default.ini -o out
	@echo "CSV time series are in out/: $$(cd out && echo *.csv) (columns and units: docs/OUTPUTS.md)"

test: deps-test
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS) -DBUILD_TESTING=ON -DCMAKE_INSTALL_PREFIX=$(PREFIX)
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# Sweeps and Monte Carlo across processes: mpirun -n 4 build/gasdep sweep ...
mpi:
	@$(MAKE) --no-print-directory build MPI=ON
	@echo "built with MPI: mpirun -n 4 $(BUILD)/gasdep sweep scenarios/sweeps/tap-russia-grid.ini -o out-sweep"

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: deps-test
	cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DGASDEP_SANITIZE=ON -DGASDEP_BENCH=OFF $(filter -DGASDEP_WERROR=ON -DGASDEP_MPI=%,$(CMAKE_FLAGS))
	cmake --build $(BUILD_ASAN) -j $(JOBS)
	cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS)

# libFuzzer harnesses (tests/fuzz) under ASan+UBSan; clang only.
fuzz:
	@sh scripts/install-deps.sh fuzz
	@if ! command -v clang >/dev/null 2>&1; then \
	  echo "make fuzz: clang not found: fuzzers skipped (apt-get install clang libclang-rt-14-dev)"; \
	else \
	  CC=clang cmake -S . -B $(BUILD_FUZZ) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGASDEP_FUZZ=ON -DGASDEP_BENCH=OFF \
	    -DBUILD_TESTING=OFF $(filter -DGASDEP_WERROR=ON,$(CMAKE_FLAGS)) && \
	  cmake --build $(BUILD_FUZZ) -j $(JOBS); \
	fi

# Every fuzzer within FUZZ_SECONDS in all (240 in CI: 40 s each for the six),
# shared equally; fails on a crash, leak or timeout.
fuzz-run: fuzz
	@if [ -x $(BUILD_FUZZ)/tests/fuzz/fuzz_scenario ]; then \
	  sh tests/fuzz/run.sh $(BUILD_FUZZ) $(FUZZ_SECONDS); \
	else echo "make fuzz-run: no fuzzers built (clang missing): skipped"; fi

fuzz-long:
	$(MAKE) fuzz-run FUZZ_SECONDS=21600

# Benchmarks (not part of CI): cost per day, normal and shortage days, myopic
# and rolling, then the scipy-HiGHS peer (if python3-scipy is installed) and
# batch throughput. BENCH_ARGS="full --repeat 3" adds the 4,000-region
# networks and takes medians of 3 runs.
BENCH_ARGS ?=
PYTHON ?= python3
bench: build
	cmake --build $(BUILD) -j $(JOBS) --target gasdep_bench gasdep_bench_batch
	rm -rf $(BUILD)/bench-peer && mkdir -p $(BUILD)/bench-peer
	./$(BUILD)/gasdep_bench $(BENCH_ARGS) --peer $(BUILD)/bench-peer
	@py=; for p in $(PYTHON) /usr/bin/python3; do \
	  if $$p -c 'import scipy' 2>/dev/null; then py=$$p; break; fi; done; \
	if [ -n "$$py" ]; then $$py bench/peer_highs.py $(BUILD)/bench-peer; \
	else echo "peer comparison skipped: python3-scipy is not installed" \
	  "(apt-get install python3-scipy; not needed for anything else)"; fi
	./$(BUILD)/gasdep_bench_batch

# PREFIX (default /usr/local) and DESTDIR as usual:
#   make install PREFIX=$HOME/.local    sudo make install
#   make install DESTDIR=/tmp/stage PREFIX=/usr
install: build
	DESTDIR="$(DESTDIR)" cmake --install $(BUILD) --prefix $(PREFIX)
	@if [ -z "$(DESTDIR)" ] && [ "$$(id -u)" = 0 ] && command -v ldconfig >/dev/null; then ldconfig; fi

uninstall:
	cmake --build $(BUILD) --target uninstall

# The documentation site: HTML in $(BUILD)/docs/html (open index.html) from
# the Markdown docs (Sphinx + MyST), the man pages, the Python docstrings
# and the public headers' comments; warnings are errors and every internal
# link is checked (tests/docs/test_docs.sh does the same in the suite).
DOCS_PYTHON ?= /usr/bin/python3
docs: build
	@sh scripts/install-deps.sh docs
	$(DOCS_PYTHON) docs/site/gen.py $(BUILD)/man
	PYTHONPATH=python GASDEP_LIBRARY=$(abspath $(BUILD))/libgasdep.so PYTHONDONTWRITEBYTECODE=1 \
	  $(DOCS_PYTHON) -m sphinx -q -W --keep-going -b html -c docs/site . $(BUILD)/docs/html
	$(DOCS_PYTHON) docs/site/check_links.py $(BUILD)/docs/html
	@echo "documentation: $(BUILD)/docs/html/index.html"

# The release tarball gasdep-VERSION.tar.gz of the committed HEAD (git
# archive: what is tracked, nothing built), with a top directory
# gasdep-VERSION/; builds with make, cmake or pip install like a clone.
VERSION = $(shell sed -n 's/^project.gasdep VERSION \([0-9.]*\).*/\1/p' CMakeLists.txt)
DISTDIR ?= .
dist:
	git archive --format=tar.gz --prefix=gasdep-$(VERSION)/ -o $(DISTDIR)/gasdep-$(VERSION).tar.gz HEAD
	@echo "$(DISTDIR)/gasdep-$(VERSION).tar.gz"

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ) out
