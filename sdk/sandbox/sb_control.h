/* The user side: the control API under /sandbox/ (see docs/SANDBOX.md).
 * Tests and people act as Telegram users through it and read what the bot
 * did. JSON in, {"ok":true,"result":...} or {"ok":false,"description":...}
 * out. */
#ifndef FB_SB_CONTROL_H
#define FB_SB_CONTROL_H

#include "sb_params.h"

/* Handles one control request: http_method ("GET", "POST", "DELETE") and
 * path after "/sandbox/". May block (transcript waits). Takes the store
 * lock itself. */
void fb__sb_control(const char *http_method, const char *path, sb_params *p,
                    sb_out *out);

#endif
