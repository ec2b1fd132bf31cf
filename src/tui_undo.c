/* tui_undo.c - Ctrl-Z and Ctrl-Y on a choice or parsons answer: the
 * selection and the order of lines as they stood, kept for as long as the
 * drill is open. (Typed answers have their own undo in tui_box.c.) */
#include "tui.h"

#include <string.h>

/* Ctrl-Z steps kept of a choice or parsons answer */
#define ANSWER_UNDO_MAX 200

/* A choice or parsons answer as it stood: what Ctrl-Z brings back. */
typedef struct {
    unsigned sel;
    unsigned char ord[32];
    size_t nord, ord_cur;
} answer_snap;

static answer_snap answer_undos[ANSWER_UNDO_MAX], answer_redos[ANSWER_UNDO_MAX];
static size_t answer_nundo, answer_nredo;

static void answer_snap_take(const tui_app *a, answer_snap *s)
{
    s->sel = a->choice_sel;
    memcpy(s->ord, a->ord, sizeof s->ord);
    s->nord = a->nord;
    s->ord_cur = a->ord_cur;
}

static void answer_snap_put(tui_app *a, const answer_snap *s)
{
    a->choice_sel = s->sel;
    memcpy(a->ord, s->ord, sizeof a->ord);
    a->nord = s->nord;
    a->ord_cur = s->ord_cur;
    a->ord_held = 0;
}

static int answer_snap_same(const tui_app *a, const answer_snap *s)
{
    return s->sel == a->choice_sel && s->nord == a->nord && !memcmp(s->ord, a->ord, a->nord);
}

static void answer_push(answer_snap *stack, size_t *n, const tui_app *a)
{
    if (*n == ANSWER_UNDO_MAX) {
        memmove(stack, stack + 1, (ANSWER_UNDO_MAX - 1) * sizeof *stack);
        (*n)--;
    }
    answer_snap_take(a, &stack[(*n)++]);
}

void answer_undo_reset(void)
{
    answer_nundo = answer_nredo = 0;
}

void answer_undo_keep(const tui_app *a)
{
    answer_push(answer_undos, &answer_nundo, a);
    answer_nredo = 0;
}

/* A step that changed nothing (a line picked up and dropped where it was)
 * is no step. */
void answer_undo_settle(const tui_app *a)
{
    if (answer_nundo && answer_snap_same(a, &answer_undos[answer_nundo - 1]))
        answer_nundo--;
}

int answer_undo(tui_app *a)
{
    a->ord_held = 0;
    answer_undo_settle(a);
    if (!answer_nundo)
        return 0;
    answer_push(answer_redos, &answer_nredo, a);
    answer_snap_put(a, &answer_undos[--answer_nundo]);
    return 1;
}

int answer_redo(tui_app *a)
{
    a->ord_held = 0;
    if (!answer_nredo)
        return 0;
    answer_push(answer_undos, &answer_nundo, a);
    answer_snap_put(a, &answer_redos[--answer_nredo]);
    return 1;
}
