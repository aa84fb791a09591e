# fastscim — the entry point of a checkout.  Autotools does the real build in
# build/ (out of tree); this file bootstraps it and names the common tasks.
#
#   make            build everything in build/ (never installs packages)
#   make deps       install the Debian packages fastscim needs (apt-get, sudo)
#   make run        run the service: private MariaDB + nginx (TLS) + fastscimd
#                   (installing missing Debian packages first)
#   make check      run every test (unit, lint, integration on the real stack;
#                   installing missing Debian packages first)
#   make sanitize   unit tests under AddressSanitizer + UBSan (clang, in build-asan/)
#   make fuzz       run each libFuzzer target for FUZZ_SECONDS (default 300)
#   make bench      measure speed at scale (bench/run.sh); QUICK=1: small, < 5 min
#   make install    install into PREFIX (default /usr/local; DESTDIR honoured)
#   make distcheck  build the release tarball and check it builds, tests, installs
#   make deb        build the Debian package in build/deb (debian/)
#   make check-package  install that package here and pass a Test Connection
#   make check-cluster  failovers on a 3-node Galera cluster, HAProxy, two pools
#   make clean      remove build/ (keeps var/, the data of `make run`)
#   make distclean  remove build/ and everything autoreconf generated
#
# Any other build directory works too: `mkdir b && cd b && ../configure &&
# make && make install` (configure refuses the source tree, whose Makefile
# is this file; a release tarball has none and builds in place).

BUILD     ?= build
PREFIX    ?= /usr/local
CONFIGURE_FLAGS ?=
# CI (CI=true, as .ci/run and most CI services set it) treats warnings as errors.
ifeq ($(CI),true)
CONFIGURE_FLAGS += --enable-werror
endif
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)
# The sanitizer and fuzzing build: clang, ASan + UBSan (every finding fatal),
# libFuzzer's coverage in every object; its own directory, so it never mixes
# with $(BUILD).  FUZZ_SECONDS is per target; CI runs each for FUZZ_SMOKE_SECONDS.
# CI compiles it at -O0, about half the compile time of -O1 and as thorough
# for the sanitizers; a fuzzing machine keeps -O1 for more runs a second
# (SANITIZE_OPT; the build directory keeps the level it was configured with).
ASAN_BUILD ?= build-asan
ifeq ($(CI),true)
SANITIZE_OPT ?= -O0
else
SANITIZE_OPT ?= -O1
endif
SANITIZE_FLAGS = $(SANITIZE_OPT) -g -fno-omit-frame-pointer -fsanitize=address,undefined \
  -fno-sanitize-recover=all -fsanitize=fuzzer-no-link
FUZZ_SECONDS ?= 300
FUZZ_SMOKE_SECONDS ?= 15
UNIT_TESTS = tests/unit/test_admin tests/unit/test_app tests/unit/test_auth tests/unit/test_http \
  tests/unit/test_json tests/unit/test_manage tests/unit/test_scim tests/unit/test_store \
  tests/unit/test_util tests/unit/test_webhook

.PHONY: all deps build run check check-cluster sanitize fuzz fuzz-smoke bench install distcheck deb check-package clean distclean FORCE

all: build

deps:
	@scripts/install-deps.sh

configure: configure.ac Makefile.am
	autoreconf -fi

# Reconfigure when PREFIX or CONFIGURE_FLAGS change (e.g. CI=true after a
# plain build in the same tree).
$(BUILD)/configure-flags: FORCE
	@mkdir -p $(BUILD)
	@echo '--prefix=$(PREFIX) $(CONFIGURE_FLAGS)' | cmp -s - $@ || \
	  echo '--prefix=$(PREFIX) $(CONFIGURE_FLAGS)' > $@

# configure names the Debian package of anything missing; `make deps` (or
# `make run`/`make check`) installs them.
$(BUILD)/config.status: configure $(BUILD)/configure-flags
	mkdir -p $(BUILD)
	cd $(BUILD) && ../configure --prefix=$(PREFIX) $(CONFIGURE_FLAGS) || \
	  { echo "fastscim: configure failed; 'make deps' installs the Debian packages it needs" >&2; exit 1; }

build: $(BUILD)/config.status
	$(MAKE) -C $(BUILD) -j$(JOBS)

check: deps
	$(MAKE) build
	$(MAKE) -C $(BUILD) -j$(JOBS) check
ifeq ($(CI),true)
	$(MAKE) sanitize fuzz-smoke
	# Built, not run: the bench's loader implements scim::Repository, and an
	# interface change must not leave `make bench` broken.
	$(MAKE) -C $(BUILD) -j$(JOBS) bench-programs
endif

$(ASAN_BUILD)/config.status: configure
	mkdir -p $(ASAN_BUILD)
	cd $(ASAN_BUILD) && ../configure CXX=clang++ CXXFLAGS='$(SANITIZE_FLAGS)' LDFLAGS='-fsanitize=address,undefined' \
	  --enable-fuzz

# The unit tests (not the integration tests: their servers run from $(BUILD))
# under the sanitizers; any report fails the run.  Run here rather than by
# automake's harness so that .ci/run counts the main summary only.
sanitize: deps $(ASAN_BUILD)/config.status
	$(MAKE) -C $(ASAN_BUILD) -j$(JOBS) $(UNIT_TESTS)
	@failed=0; for t in $(UNIT_TESTS); do \
	  log=$(ASAN_BUILD)/$$t.sanitize.log; \
	  if ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	    FASTSCIM_SRCDIR=$(CURDIR) $(ASAN_BUILD)/$$t >$$log 2>&1; then \
	    echo "sanitize: $$t: ok"; \
	  else \
	    echo "sanitize: $$t: FAILED ($$log)"; grep -v ' access tenant=' $$log | tail -n 40; failed=1; \
	  fi; \
	done; exit $$failed

fuzz-programs: deps $(ASAN_BUILD)/config.status
	$(MAKE) -C $(ASAN_BUILD) -j$(JOBS) fuzz-programs

fuzz: fuzz-programs
	tests/fuzz/run.sh $(ASAN_BUILD) $(FUZZ_SECONDS)

# The smoke run comes last in CI, when nothing else needs the cores.
fuzz-smoke: fuzz-programs
	FUZZ_JOBS=$(JOBS) tests/fuzz/run.sh $(ASAN_BUILD) $(FUZZ_SMOKE_SECONDS)

# A 3-node Galera cluster, HAProxy and two pools on loopback, put through
# failovers under load (tests/cluster/run.sh, doc/cluster.md).
check-cluster: deps
	$(MAKE) build
	FASTSCIM_BUILDDIR=$(abspath $(BUILD)) tests/cluster/run.sh

# The benchmark's tools are EXTRA_PROGRAMS: only this target builds them.
bench: deps
	$(MAKE) build
	$(MAKE) -C $(BUILD) -j$(JOBS) bench-programs
	QUICK=$(QUICK) FASTSCIM_BUILDDIR=$(abspath $(BUILD)) bench/run.sh

run: deps
	$(MAKE) build
	FASTSCIM_BUILDDIR=$(abspath $(BUILD)) scripts/run.sh

install: build
	$(MAKE) -C $(BUILD) install

distcheck: build
	$(MAKE) -C $(BUILD) -j$(JOBS) distcheck

deb: build
	$(MAKE) -C $(BUILD) deb JOBS=$(JOBS)

check-package: build
	$(MAKE) -C $(BUILD) check-package JOBS=$(JOBS)

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)

distclean: clean
	rm -rf configure aclocal.m4 autom4te.cache build-aux Makefile.in
	find m4 -type f ! -name .keep -delete
