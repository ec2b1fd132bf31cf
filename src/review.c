/* review.c - SM-2 spaced repetition (docs/review.md explains the choices).
 *
 * The quiz knows four outcomes, not SM-2's six grades, so each outcome is
 * pinned to one SM-2 quality: FAIL 1, REVEALED 2 (SM-2's "incorrect, but
 * the right answer seemed easy to recall once seen"), HARD 3, GOOD 5. */
#include "review.h"

#define REVIEW_EASE_START 2.5
#define REVIEW_EASE_MIN 1.3
#define REVIEW_DAY 86400.0
/* A failed drill comes back in the same sitting, but not at once: seeing
 * the answer and immediately retyping it teaches nothing. */
#define REVIEW_RELEARN_SECONDS 600

void review_card_init(review_card *c)
{
    c->ease = REVIEW_EASE_START;
    c->reps = 0;
    c->interval_days = 0;
    c->due = 0;
}

static int review_quality(review_grade g)
{
    switch (g) {
    case REVIEW_GOOD:
        return 5;
    case REVIEW_HARD:
        return 3;
    case REVIEW_REVEALED:
        return 2;
    case REVIEW_FAIL:
    default:
        return 1;
    }
}

void review_update(review_card *c, review_grade g, time_t now)
{
    int q = review_quality(g);
    if (c->ease < REVIEW_EASE_MIN)
        c->ease = REVIEW_EASE_START; /* a card never initialised, or a bad file */

    if (q < 3) {
        c->reps = 0;
        c->interval_days = REVIEW_RELEARN_SECONDS / REVIEW_DAY;
    } else {
        c->reps++;
        if (c->reps == 1)
            c->interval_days = 1;
        else if (c->reps == 2)
            c->interval_days = 6;
        else
            /* the ease before this review; the floor guards a card from a
             * hand-edited file that claims reps without an interval */
            c->interval_days = (c->interval_days < 1 ? 1 : c->interval_days) * c->ease;
    }

    int d = 5 - q;
    c->ease += 0.1 - d * (0.08 + d * 0.02);
    if (c->ease < REVIEW_EASE_MIN)
        c->ease = REVIEW_EASE_MIN;

    c->due = now + (time_t)(c->interval_days * REVIEW_DAY + 0.5);
}

int review_is_due(const review_card *c, time_t now)
{
    return c->due != 0 && c->due <= now;
}

const char *review_grade_name(review_grade g)
{
    switch (g) {
    case REVIEW_GOOD: return "good";
    case REVIEW_HARD: return "hard";
    case REVIEW_REVEALED: return "after reveal";
    case REVIEW_FAIL:
    default: return "again";
    }
}
