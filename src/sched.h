/* sched.h - spaced repetition (SM-2) fed by quiz outcomes. Pure C. */
#ifndef PYDRILL_SCHED_H
#define PYDRILL_SCHED_H

#include <time.h>

typedef enum {
    SCHED_FAIL,       /* did not pass */
    SCHED_HARD,       /* passed after hints or retries */
    SCHED_GOOD,       /* passed first try without hints */
} sched_grade;

typedef struct {
    double ease;      /* SM-2 easiness factor, starts at 2.5, floor 1.3 */
    int reps;         /* successful reviews in a row */
    double interval_days;
    time_t due;       /* 0: never reviewed */
} sched_card;

void sched_card_init(sched_card *c);
void sched_review(sched_card *c, sched_grade g, time_t now);
int sched_is_due(const sched_card *c, time_t now);

#endif
