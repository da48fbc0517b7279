/*
 * activity.h
 *		Limits of active_users, stickiness (activity.c) and active_days
 *		(active_days.c), shared with the tests through the README.
 */
#ifndef ACTIVITY_H
#define ACTIVITY_H

/* the most days one call may report (about 100 years): a longer range is 54000 */
#define ACTIVITY_MAX_DAYS	36600

#endif							/* ACTIVITY_H */
