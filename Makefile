# Makefile: the two-command entry point (make run, make test) over CMake.
BUILD ?= build
BUILD_ASAN ?= build-asan
BUILD_FUZZ ?= build-fuzz
FUZZ_SECONDS ?= 60
JOBS ?= $(shell nproc 2>/dev/null || echo 2)
CMAKE_FLAGS ?= -DCMAKE_BUILD_TYPE=Release -DGASDEP_MPI=ON
ifeq ($(CI),true)
CMAKE_FLAGS += -DGASDEP_WERROR=ON
endif

.PHONY: all deps build run test test-sanitize fuzz fuzz-run fuzz-long bench clean

all: build

deps:
	@sh scripts/install-deps.sh

build: deps
	cmake -S . -B $(BUILD) $(CMAKE_FLAGS)
	cmake --build $(BUILD) -j $(JOBS)

run: build
	./$(BUILD)/gasdep run scenarios/default.ini -o out
	@echo "CSV time series are in out/ (balance.csv, shares.csv, group_shares.csv, flows.csv, summary.csv)"

test: build
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)

# The whole suite under AddressSanitizer and UndefinedBehaviorSanitizer.
test-sanitize: deps
	cmake -S . -B $(BUILD_ASAN) -DCMAKE_BUILD_TYPE=Debug -DGASDEP_SANITIZE=ON -DGASDEP_MPI=ON $(filter -DGASDEP_WERROR=ON,$(CMAKE_FLAGS))
	cmake --build $(BUILD_ASAN) -j $(JOBS)
	cd $(BUILD_ASAN) && ASAN_OPTIONS=detect_leaks=1 ctest --output-on-failure -j $(JOBS)

# libFuzzer harnesses (tests/fuzz) under ASan+UBSan; clang only.
fuzz: deps
	@if ! command -v clang >/dev/null 2>&1; then \
	  echo "make fuzz: clang not found: fuzzers skipped (apt-get install clang libclang-rt-14-dev)"; \
	else \
	  CC=clang cmake -S . -B $(BUILD_FUZZ) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DGASDEP_FUZZ=ON \
	    -DBUILD_TESTING=OFF $(filter -DGASDEP_WERROR=ON,$(CMAKE_FLAGS)) && \
	  cmake --build $(BUILD_FUZZ) -j $(JOBS); \
	fi

# Each fuzzer for FUZZ_SECONDS (60 in CI); fails on a crash, leak or timeout.
fuzz-run: fuzz
	@if [ -x $(BUILD_FUZZ)/tests/fuzz/fuzz_scenario ]; then \
	  sh tests/fuzz/run.sh $(BUILD_FUZZ) $(FUZZ_SECONDS); \
	else echo "make fuzz-run: no fuzzers built (clang missing): skipped"; fi

fuzz-long:
	$(MAKE) fuzz-run FUZZ_SECONDS=3600

bench: build
	./$(BUILD)/gasdep_bench
	./$(BUILD)/gasdep_bench_batch

clean:
	rm -rf $(BUILD) $(BUILD_ASAN) $(BUILD_FUZZ) out
