# Repère build: lib/ is the engine (a static library), indexer/ and searchd/
# are thin programs over it, tests/unit/test_*.c are cmocka suites.
# Every source is picked up by wildcard: adding a module needs no edit here.

CC      ?= cc
PKGS    := sqlite3 libxml-2.0 libzip poppler-glib cairo glib-2.0 libutf8proc libmicrohttpd jansson
CSTD    := -std=c11 -D_GNU_SOURCE
WARN    := -Wall -Wextra -Wpedantic -Werror
# OCR is optional: built with tesseract when pkg-config finds it (scripts/deps.sh
# installs it), without it otherwise or with `make OCR=no` (lib/ocr.c then
# says "unavailable"). The choice is part of the object tree's flags.
OCR     ?= $(shell pkg-config --exists tesseract lept 2>/dev/null && echo yes || echo no)
ifeq ($(OCR),yes)
PKGS    += tesseract lept
OCR_DEF := -DREPERE_OCR=1
endif
PKG_CFLAGS := $(shell pkg-config --cflags $(PKGS) 2>/dev/null) $(OCR_DEF)
PKG_LIBS   := $(shell pkg-config --libs $(PKGS) 2>/dev/null) -lstemmer -lpthread -lm
CFLAGS  ?= -O2 -g
# -iquote lib: a lib/ header named as a library's (lib/morph.h, leptonica's
# morph.h) is the one a "..." include outside lib/ (tests/unit/) finds.
ALL_CFLAGS = $(CSTD) $(WARN) $(CFLAGS) $(EXTRA_CFLAGS) $(PKG_CFLAGS) -iquote lib -Ilib -MMD -MP
LDFLAGS ?=

# BUILD=build for the normal build, build/asan for the sanitizer build.
BUILD   ?= build
BIN     ?= bin

LIB_SRC     := $(wildcard lib/*.c)
INDEXER_SRC := $(wildcard indexer/*.c)
SEARCHD_SRC := $(wildcard searchd/*.c)
TEST_SRC    := $(wildcard tests/unit/test_*.c)

LIB_OBJ     := $(LIB_SRC:%.c=$(BUILD)/%.o)
INDEXER_OBJ := $(INDEXER_SRC:%.c=$(BUILD)/%.o)
SEARCHD_OBJ := $(SEARCHD_SRC:%.c=$(BUILD)/%.o)
TEST_BIN    := $(TEST_SRC:tests/unit/%.c=$(BUILD)/tests/%)
REL_BIN     := $(BUILD)/tests/relevance
PAGES_BIN   := $(BUILD)/tests/pages
BENCH_BIN   := $(BUILD)/bench/reference $(BUILD)/bench/naive $(BUILD)/bench/dump
LIBREPERE   := $(BUILD)/librepere.a
AUDIT_TITLES := $(BUILD)/tests/audit_titles

.PHONY: all deps run check unit asan bench fuzz stress valgrind format clean

all: $(BIN)/indexer $(BIN)/searchd

$(BUILD)/%.o: %.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# lib/ocr.o is the one object built differently with OCR=yes and OCR=no: a
# stamp named after the choice rebuilds it when the choice changes.
$(BUILD)/ocr-$(OCR).stamp:
	@mkdir -p $(dir $@)
	@rm -f $(BUILD)/ocr-*.stamp && touch $@
$(BUILD)/lib/ocr.o: $(BUILD)/ocr-$(OCR).stamp

$(LIBREPERE): $(LIB_OBJ)
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BIN)/indexer: $(INDEXER_OBJ) $(LIBREPERE)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -o $@ $^ $(PKG_LIBS)

# searchd loads only the libraries it calls: not the extractors' (poppler,
# cairo, libxml2, libzip and theirs), 5 MB of its resident memory.
$(BIN)/searchd: $(SEARCHD_OBJ) $(LIBREPERE)
	@mkdir -p $(dir $@)
	$(CC) $(CFLAGS) $(EXTRA_CFLAGS) $(LDFLAGS) -Wl,--as-needed -o $@ $^ $(PKG_LIBS)

# searchd/static/* compiled into bin/searchd as a generated C table, with
# searchd/static/shared/* copied into the files that include them.
STATIC_FILES := $(wildcard searchd/static/*)
$(BUILD)/searchd/static_assets.c: $(STATIC_FILES) $(wildcard searchd/static/shared/*) searchd/static scripts/embed.sh
	scripts/embed.sh $@ $(STATIC_FILES)
$(BUILD)/searchd/static_assets.o: $(BUILD)/searchd/static_assets.c searchd/static_assets.h
	$(CC) $(ALL_CFLAGS) -Isearchd -c $< -o $@
$(BIN)/searchd: $(BUILD)/searchd/static_assets.o

# searchd and indexer without their main(), for the unit suites of their
# modules (test_api, test_wire …); the other suites link nothing from them.
SEARCHD_LIB := $(BUILD)/libsearchd.a
$(SEARCHD_LIB): $(filter-out $(BUILD)/searchd/main.o,$(SEARCHD_OBJ)) $(BUILD)/searchd/static_assets.o
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^
INDEXER_LIB := $(BUILD)/libindexer.a
$(INDEXER_LIB): $(filter-out $(BUILD)/indexer/main.o,$(INDEXER_OBJ))
	@mkdir -p $(dir $@)
	rm -f $@ && ar rcs $@ $^

$(BUILD)/tests/%: tests/unit/%.c $(SEARCHD_LIB) $(INDEXER_LIB) $(LIBREPERE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Isearchd -Iindexer -o $@ $< $(SEARCHD_LIB) $(INDEXER_LIB) $(LIBREPERE) \
		$(PKG_LIBS) -lcmocka

# What the two scorers below share (tests/relevance/judged.c): built beside
# them, not under $(REL_BIN), which is a file.
JUDGED_OBJ := $(BUILD)/tests/judged.o
$(JUDGED_OBJ): tests/relevance/judged.c
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -c $< -o $@

# The relevance scorer, run by tests/relevance/run (not a cmocka suite).
$(REL_BIN): tests/relevance/relevance.c $(JUDGED_OBJ) $(LIBREPERE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(JUDGED_OBJ) $(LIBREPERE) $(PKG_LIBS)

# The page scorer, run by tests/relevance/pages/run.
$(PAGES_BIN): tests/relevance/pages.c $(JUDGED_OBJ) $(LIBREPERE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -o $@ $< $(JUDGED_OBJ) $(LIBREPERE) $(PKG_LIBS)

# An LD_PRELOAD shim for tests/integration/searchd_concurrency, loaded into
# both builds' searchd: built without sanitizers.
SHIM := $(BUILD)/tests/slow_epoll.so
$(SHIM): tests/integration/slow_epoll.c
	@mkdir -p $(dir $@)
	$(CC) $(CSTD) $(WARN) -O2 -g -shared -fPIC -o $@ $< -ldl

unit: $(TEST_BIN) $(REL_BIN) $(PAGES_BIN) $(BENCH_BIN) $(SHIM) $(AUDIT_TITLES)

# The sanitizer build: same sources, own object tree and binaries.
ASAN_FLAGS := -O1 -g -fno-omit-frame-pointer -fsanitize=address,undefined -fno-sanitize-recover=undefined
asan:
	$(MAKE) BUILD=build/asan BIN=build/asan/bin CFLAGS="$(ASAN_FLAGS)" all unit

deps:
	@scripts/deps.sh

run: deps all
	@scripts/run.sh

check: deps
	@$(MAKE) --no-print-directory all unit
	@$(MAKE) --no-print-directory asan
	@tests/run.sh

bench: deps all $(BENCH_BIN)
	@bench/run.sh

# The benchmark's tools: bench/reference.c (search_run without HTTP) and
# bench/naive.c (the naive pipeline), over bench/driver.c's query loops;
# bench/dump.c writes every answer out in full to compare two builds.
$(BENCH_BIN): $(BUILD)/bench/%: bench/%.c $(BUILD)/bench/driver.o $(LIBREPERE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Ibench -o $@ $< $(BUILD)/bench/driver.o $(LIBREPERE) $(PKG_LIBS)

# tests/audit/titles.c: what title.c makes of each title in capitals
# (tests/audit/README), for tests/integration/audit_invariants.
.PHONY: audit-titles
audit-titles: $(AUDIT_TITLES)
$(AUDIT_TITLES): tests/audit/titles.c $(LIBREPERE)
	@mkdir -p $(dir $@)
	$(CC) $(ALL_CFLAGS) -Wl,--wrap=title_from_capitals -o $@ $< $(LIBREPERE) $(PKG_LIBS)

fuzz: deps
	@tests/fuzz/run.sh

stress: deps all
	@tests/stress/run.sh

valgrind: deps all unit
	@tests/valgrind.sh

format:
	clang-format -i $(LIB_SRC) $(wildcard lib/*.h) $(INDEXER_SRC) $(wildcard indexer/*.h) \
		$(SEARCHD_SRC) $(wildcard searchd/*.h) $(TEST_SRC) $(wildcard tests/unit/*.h) \
		$(wildcard bench/*.c bench/*.h)

clean:
	rm -rf build bin

-include $(LIB_OBJ:.o=.d) $(INDEXER_OBJ:.o=.d) $(SEARCHD_OBJ:.o=.d) $(TEST_BIN:=.d) $(REL_BIN).d $(PAGES_BIN).d \
	$(JUDGED_OBJ:.o=.d) $(BENCH_BIN:=.d) $(BUILD)/bench/driver.d
