/* Webhook delivery: one thread POSTs each bot's pending updates, oldest
 * first, to its webhook URL (libcurl) with the X-Telegram-Bot-Api-Secret-Token
 * header. A 2xx acknowledges the update; anything else is retried with
 * exponential backoff on the sandbox clock and recorded as the webhook's
 * last error. */
#ifndef FB_SB_WEBHOOK_H
#define FB_SB_WEBHOOK_H

/* Starts the sender thread. Returns 0, or -1. Call curl_global_init first. */
int fb__sb_webhook_start(void);

/* Stops it (the store's stopping flag must be set first) and joins it. */
void fb__sb_webhook_stop(void);

#endif
