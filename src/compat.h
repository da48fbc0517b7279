/*
 * compat.h
 *		The PostgreSQL version guards of the engagement extension, all in one place.
 *		The code is written against the newest supported API (PostgreSQL 18); for older
 *		servers this header defines the newer names in terms of the older ones.
 *		Tested on PostgreSQL 15 (Debian 12) and 18 (scripts/matrix).
 */
#ifndef ENGAGEMENT_COMPAT_H
#define ENGAGEMENT_COMPAT_H

/*
 * PostgreSQL 18 replaced the pg_attribute_noreturn() suffix with the pg_noreturn prefix
 * (C11 _Noreturn); before 18 the attribute works as a prefix as well.
 */
#if PG_VERSION_NUM < 180000
#define pg_noreturn pg_attribute_noreturn()
#endif

/*
 * PostgreSQL 16 gave float8in_internal a soft-error context as its last argument; we pass
 * NULL (errors are raised), which is what the older four-argument form does.
 */
#if PG_VERSION_NUM < 160000
#include "utils/float.h"
#define float8in_internal(num, endptr_p, type_name, orig_string, escontext) \
	float8in_internal(num, endptr_p, type_name, orig_string)
#endif

/*
 * PostgreSQL 16 moved the varlena macros (VARSIZE, VARDATA_ANY, VARATT_IS_EXTENDED...) out
 * of postgres.h into varatt.h.
 */
#if PG_VERSION_NUM >= 160000
#include "varatt.h"
#endif

#endif							/* ENGAGEMENT_COMPAT_H */
