/* prompt: flows as data (ABI minor 2) — a state's question (fb_ask).
 *
 * Input arriving in a state with an ask: the type check (fb__ask_input),
 * then the plugin's check, each re-asking on failure (the flow stays);
 * then the value is stored under the ask's key and the state's handler
 * runs, or the flow moves to the ask's next state (ends when none).
 * Entering a state with an ask (flow_start, flow_goto, flow_reask) makes
 * its question due: fb__prompt_flush asks it after the handler returned
 * FB_OK, before COMMIT, if the flow is still in that state. */
#ifndef FITBOT_PROMPT_H
#define FITBOT_PROMPT_H

#include "api.h"

/* Handle the current update as the answer to state s's question (s has an
 * ask for c's plugin), in context c (the state owner's). Returns FB_OK or
 * FB_ERR (the transaction rolls back). */
int fb__prompt_answer(fb_ctx *c, const fb_state *s);

/* Ask the question that is due in t, if the key's flow is still in that
 * state. Returns FB_OK (asked, or nothing due) or FB_ERR. */
int fb__prompt_flush(fb__txn *t);

#endif
