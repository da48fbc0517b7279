# engagement/Makefile: PGXS build of the engagement extension
EXTENSION = engagement
# the version a fresh CREATE EXTENSION installs: engagement.control's default_version
EXTVERSION = $(shell sed -n "s/^default_version = '\(.*\)'$$/\1/p" engagement.control)
MODULE_big = engagement
PGFILEDESC = "engagement - customer engagement analytics"

PG_CONFIG ?= pg_config

# one C file per family plus the shared event buffer and helpers
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# sql/engagement.sql is the source of the current version's full install script,
# sql/engagement--$(EXTVERSION).sql, made at build time; the install scripts of released
# versions (sql/engagement--1.0.sql, never edited) and every upgrade script are shipped as
# they are
DATA_built = sql/$(EXTENSION)--$(EXTVERSION).sql
DATA = $(sort $(filter-out $(DATA_built),$(wildcard sql/$(EXTENSION)--*.sql)))

# every sql/<family>.sql that is not an install/upgrade script is a pg_regress test
REGRESS = $(sort $(basename $(notdir $(filter-out sql/engagement%,$(wildcard sql/*.sql)))))
REGRESS_OPTS = --load-extension=engagement $(EXTRA_REGRESS_OPTS)

SHLIB_LINK = -lm

EXTRA_CLEAN = results regression.diffs regression.out

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies: every object (and its bitcode) is rebuilt when a
# shared header changes, so an incremental build never links stale objects
$(OBJS) $(OBJS:.o=.bc): $(wildcard src/*.h)

$(DATA_built): sql/$(EXTENSION).sql engagement.control
	cp $< $@
