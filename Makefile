# engagement/Makefile: PGXS build of the engagement extension
EXTENSION = engagement
EXTVERSION = 1.0
MODULE_big = engagement
PGFILEDESC = "engagement - customer engagement analytics"

PG_CONFIG ?= pg_config

# one C file per family plus the shared event buffer and helpers
OBJS = $(patsubst %.c,%.o,$(sort $(wildcard src/*.c)))

# the install script and every upgrade script
DATA = $(sort $(wildcard sql/engagement--*.sql))

# every sql/<family>.sql that is not an install/upgrade script is a pg_regress test
REGRESS = $(sort $(basename $(notdir $(filter-out sql/engagement--%,$(wildcard sql/*.sql)))))
REGRESS_OPTS = --load-extension=engagement $(EXTRA_REGRESS_OPTS)

SHLIB_LINK = -lm

EXTRA_CLEAN = results regression.diffs regression.out

PGXS := $(shell $(PG_CONFIG) --pgxs)
include $(PGXS)

# PGXS tracks no header dependencies: every object (and its bitcode) is rebuilt when a
# shared header changes, so an incremental build never links stale objects
$(OBJS) $(OBJS:.o=.bc): $(wildcard src/*.h)
