/* review.h - spaced repetition (SM-2) fed by quiz outcomes. Pure C. */
#ifndef PYDRILL_REVIEW_H
#define PYDRILL_REVIEW_H

#include <time.h>

typedef enum {
    REVIEW_FAIL,       /* did not pass; or "again" in the candidate's own words */
    REVIEW_REVEALED,   /* passed only after the answer was shown */
    REVIEW_HARD,       /* passed after hints or retries */
    REVIEW_GOOD,       /* passed first try without hints */
} review_grade;

typedef struct {
    double ease;      /* SM-2 easiness factor, starts at 2.5, floor 1.3 */
    int reps;         /* successful reviews in a row */
    double interval_days;
    time_t due;       /* 0: never reviewed */
} review_card;

void review_card_init(review_card *c);
void review_update(review_card *c, review_grade g, time_t now);
int review_is_due(const review_card *c, time_t now);
/* "again", "after reveal", "hard", "good" */
const char *review_grade_name(review_grade g);

#endif
