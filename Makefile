# fastscim — the entry point for people.  Autotools does the real build in
# build/ (out of tree); this file bootstraps it and names the common tasks.
#
#   make            build everything (installing missing Debian packages first)
#   make run        run the service: private MariaDB + nginx (TLS) + fastscimd
#   make check      run every test (unit, lint, integration on the real stack)
#   make bench      measure speed at scale (bench/run.sh); QUICK=1: small, < 5 min
#   make install    install into PREFIX (default /usr/local)
#   make clean      remove build/ (keeps var/, the data of `make run`)
#   make distclean  remove build/ and everything autoreconf generated

BUILD     ?= build
PREFIX    ?= /usr/local
CONFIGURE_FLAGS ?=
# CI (CI=true, as .ci/run and most CI services set it) treats warnings as errors.
ifeq ($(CI),true)
CONFIGURE_FLAGS += --enable-werror
endif
JOBS      ?= $(shell nproc 2>/dev/null || echo 2)

.PHONY: all deps build run check bench install clean distclean FORCE

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

$(BUILD)/config.status: configure $(BUILD)/configure-flags
	mkdir -p $(BUILD)
	cd $(BUILD) && ../configure --prefix=$(PREFIX) $(CONFIGURE_FLAGS)

build: deps $(BUILD)/config.status
	$(MAKE) -C $(BUILD) -j$(JOBS)

check: build
	$(MAKE) -C $(BUILD) -j$(JOBS) check

# The benchmark's tools are EXTRA_PROGRAMS: only this target builds them.
bench: build
	$(MAKE) -C $(BUILD) -j$(JOBS) bench-programs
	QUICK=$(QUICK) FASTSCIM_BUILDDIR=$(abspath $(BUILD)) bench/run.sh

run: build
	FASTSCIM_BUILDDIR=$(abspath $(BUILD)) scripts/run.sh

install: build
	$(MAKE) -C $(BUILD) install

clean:
	rm -rf $(BUILD)

distclean: clean
	rm -rf configure aclocal.m4 autom4te.cache build-aux Makefile.in
	find m4 -type f ! -name .keep -delete
