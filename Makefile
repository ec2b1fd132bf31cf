# pydrill - GNU make; every dependency found with pkg-config.
PREFIX ?= /usr/local
DESTDIR ?=
CC ?= cc
VERSION := 0.1.0

BUILD_PKGS := gcc libc6-dev libpython3-dev libncurses-dev libcjson-dev libseccomp-dev pkg-config
TEST_PKGS := perl procps tmux libcmocka-dev libxml2-utils chromium python3-jsonschema python3-yaml parallel zsh locales
FUZZ_PKGS := clang libclang-rt-14-dev
# SKIP_PKGS are left out of the lists above: make check-matrix passes
# SKIP_PKGS=chromium in its Debian roots (the HTML rendering test then
# says it skipped), to keep a browser out of each root.
SKIP_PKGS ?=
# PYTHON_PC picks another CPython (python-3.13-embed, say, with its folder in
# PKG_CONFIG_PATH): tools/matrix-check.sh builds against each one it finds.
PYTHON_PC ?= python3-embed
PKGS := $(PYTHON_PC) ncursesw libcjson libseccomp

# ncursesw's -D_XOPEN_SOURCE=600 clashes with the value pyconfig.h sets;
# the wide-character curses API is asked for by name instead.
PKG_CFLAGS = $(filter-out -D_XOPEN_SOURCE=%,$(shell pkg-config --cflags $(PKGS) 2>/dev/null)) -DNCURSES_WIDECHAR=1
PKG_LIBS = $(shell pkg-config --libs $(PKGS) 2>/dev/null)

OPT ?= -O2
CFLAGS ?= $(OPT) -g
CFLAGS += -std=gnu11 -Wall -Wextra -fno-strict-aliasing -Werror=implicit-function-declaration
CPPFLAGS += -DPYDRILL_VERSION='"$(VERSION)"' -DPYDRILL_DATADIR='"$(PREFIX)/share/pydrill"' $(PKG_CFLAGS)
LDLIBS += $(PKG_LIBS) -lm

B ?= build
SRCS := $(sort $(wildcard src/*.c))
OBJS := $(SRCS:src/%.c=$(B)/obj/%.o)
LIBOBJS := $(filter-out $(B)/obj/main.o,$(OBJS))
UNIT_SRCS := $(sort $(wildcard tests/unit/test_*.c))
UNIT_BINS := $(UNIT_SRCS:tests/unit/%.c=$(B)/tests/%)

.PHONY: all deps deps-test deps-fuzz run check check-matrix check-asan check-valgrind check-slurm install uninstall bench fuzz clean unit

all: $(B)/pydrill

# Installs what is missing, and nothing when everything is there.
deps:
	@sh tools/deps.sh $(filter-out $(SKIP_PKGS),$(BUILD_PKGS))
deps-test: deps
	@sh tools/deps.sh $(filter-out $(SKIP_PKGS),$(TEST_PKGS))
deps-fuzz: deps
	@sh tools/deps.sh $(filter-out $(SKIP_PKGS),$(FUZZ_PKGS))

$(B)/obj/%.o: src/%.c $(wildcard src/*.h) | $(B)/obj
	$(CC) $(CPPFLAGS) $(CFLAGS) -MMD -MP -c -o $@ $<

$(B)/obj $(B)/tests:
	mkdir -p $@

$(B)/libpydrill.a: $(LIBOBJS)
	rm -f $@ && ar rcs $@ $^

# libpython starts threads through pthread_create: the executable exports
# its own (src/sandbox_threads.c), which caps an answer's threads.
EXPORTS := -Wl,--export-dynamic-symbol=pthread_create
$(B)/pydrill: $(B)/obj/main.o $(B)/libpydrill.a
	$(CC) $(CFLAGS) $(LDFLAGS) $(EXPORTS) -o $@ $^ $(LDLIBS)

$(B)/tests/%: tests/unit/%.c $(B)/libpydrill.a | $(B)/tests
	$(CC) $(CPPFLAGS) -iquote src $(CFLAGS) -Wno-unused-parameter -o $@ $< $(B)/libpydrill.a $(LDLIBS) -lcmocka

# Test tools: small programs the scripts run (tests/tools/*.c).
TOOL_SRCS := $(sort $(wildcard tests/tools/*.c))
TOOL_BINS := $(TOOL_SRCS:tests/tools/%.c=$(B)/tests/%)
$(B)/tests/%: tests/tools/%.c | $(B)/tests
	$(CC) $(CFLAGS) -o $@ $< $(shell pkg-config --libs libseccomp)

unit: $(UNIT_BINS) $(TOOL_BINS)

# The installed catalog's folder is compiled in: rebuild when PREFIX changes.
$(B)/prefix.stamp: FORCE | $(B)/obj
	@echo '$(PREFIX)' | cmp -s - $@ || echo '$(PREFIX)' >$@
$(B)/obj/cmd_common.o: $(B)/prefix.stamp
.PHONY: FORCE
FORCE:

run: deps
	@$(MAKE) --no-print-directory all
	./$(B)/pydrill --catalog drills.json

# The suite, then again as uid 65534 when run as root, then against every
# other CPython >= 3.11 found here (tools/matrix-pythons.sh; PYDRILL_CROSS=0
# leaves them out); the last line adds them all up.
check: deps-test
	@$(MAKE) --no-print-directory all unit
	@B=$(B) sh tools/matrix-check.sh

# make check on the host, on each CPython found, and in Debian 13 and
# unstable roots made with debootstrap and cached (needs root and Debian's
# mirror): one line per target, full logs kept (tools/matrix.sh).
check-matrix:
	@sh tools/matrix.sh

# The whole suite again under AddressSanitizer and UndefinedBehaviorSanitizer.
check-asan: deps-test
	@$(MAKE) --no-print-directory B=build-asan OPT=-O1 \
	  CFLAGS='-O1 -g -fsanitize=address,undefined -fno-omit-frame-pointer' \
	  LDFLAGS='-fsanitize=address,undefined' all unit
	@B=build-asan ASAN_OPTIONS=detect_leaks=1:abort_on_error=1:allocator_may_return_null=1 \
	  LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0 \
	  UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 sh tests/run.sh

# The parent under valgrind memcheck over the end-to-end tests of the
# command line and batch grading: any error or definite leak fails.
VALGRIND_TESTS = tests/e2e/1001-cli.t tests/e2e/1002-run-statuses.t tests/e2e/1003-check.t \
	tests/e2e/1004-bad-packs.t tests/e2e/2001-grade-formats.t tests/e2e/2002-grade-parallel.t \
	tests/e2e/2003-grade-robust.t
check-valgrind: deps-test
	@$(MAKE) --no-print-directory all
	@sh tools/deps.sh valgrind
	@PYDRILL_WRAPPER=$(CURDIR)/tests/valgrind/pydrill PYDRILL_TIME_SCALE=20 TESTS="$(VALGRIND_TESTS)" \
	  sh tests/run.sh

# pydrill under a real scheduler: a single-node Slurm started here (root;
# installs slurm-wlm and munge), a job array of shards merged by report.
check-slurm: deps
	@$(MAKE) --no-print-directory all
	@sh tests/slurm/run.sh $(B)/pydrill

bench: deps
	@$(MAKE) --no-print-directory all $(B)/forkfloor
	@sh bench/run.sh $(B)/pydrill

# The bench's floor: forking a warm interpreter with nothing else around it
# (only pyembed's list of warm modules is taken from the library).
$(B)/forkfloor: bench/forkfloor.c $(B)/libpydrill.a
	$(CC) $(CPPFLAGS) -iquote src $(CFLAGS) -o $@ $< $(B)/libpydrill.a $(LDLIBS)

FUZZ_SECONDS ?= 60
fuzz: deps-fuzz
	@B=build-fuzz FUZZ_SECONDS=$(FUZZ_SECONDS) sh tests/fuzz/run.sh

# Shell completion goes where bash-completion and zsh look for it under
# the prefix (/usr/local and /usr are on their default paths).
BASH_COMPLETION_DIR ?= $(PREFIX)/share/bash-completion/completions
ZSH_COMPLETION_DIR ?= $(PREFIX)/share/zsh/site-functions

# install and uninstall hand these paths to the shell unquoted: a space
# made two paths of one (a stray /tmp/p, and a q/ tree in the clone) and
# then failed. Refused before anything is built or made.
INSTALL_PATH_VARS = DESTDIR PREFIX BASH_COMPLETION_DIR ZSH_COMPLETION_DIR
ifneq ($(filter install uninstall,$(MAKECMDGOALS)),)
$(foreach v,$(INSTALL_PATH_VARS),$(if $(filter-out 1,$(words x$($(v))x)),$(error $(v)="$($(v))" has a space \
  in it, which make install and uninstall cannot quote: choose a path without one (a symbolic link to \
  the folder will do))))
endif

install: all
	install -d $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/pydrill/drills $(DESTDIR)$(PREFIX)/share/man/man1 \
	  $(DESTDIR)$(BASH_COMPLETION_DIR) $(DESTDIR)$(ZSH_COMPLETION_DIR)
	install -m 755 $(B)/pydrill $(DESTDIR)$(PREFIX)/bin/pydrill
	install -m 644 drills.json $(DESTDIR)$(PREFIX)/share/pydrill/drills.json
	install -m 644 drills/*.json $(DESTDIR)$(PREFIX)/share/pydrill/drills/
	install -m 644 doc/pydrill.1 $(DESTDIR)$(PREFIX)/share/man/man1/pydrill.1
	install -m 644 contrib/completion/pydrill.bash $(DESTDIR)$(BASH_COMPLETION_DIR)/pydrill
	install -m 644 contrib/completion/_pydrill $(DESTDIR)$(ZSH_COMPLETION_DIR)/_pydrill

uninstall:
	rm -f $(DESTDIR)$(PREFIX)/bin/pydrill $(DESTDIR)$(PREFIX)/share/man/man1/pydrill.1 \
	  $(DESTDIR)$(BASH_COMPLETION_DIR)/pydrill $(DESTDIR)$(ZSH_COMPLETION_DIR)/_pydrill
	rm -rf $(DESTDIR)$(PREFIX)/share/pydrill

clean:
	rm -rf build build-asan build-fuzz build-[0-9]* build-matrix

-include $(OBJS:.o=.d)
