/* Optional request log (--verbose): one line per call on stderr,
 * "ts=... level=info plugin=sandbox event=call side=bot method=sendMessage
 * status=200 ms=0.21". The bot token is never written. */
#ifndef FB_SB_LOG_H
#define FB_SB_LOG_H

/* Turns the log on or off (off by default). */
void fb__sb_log_enable(int on);

/* Logs one finished call: side ("bot" or "control"), the method or control
 * path (only [A-Za-z0-9_/-] kept, at most 64 characters), the HTTP status
 * (0 = connection dropped) and the time it took. */
void fb__sb_log_call(const char *side, const char *name, int status, double ms);

#endif
