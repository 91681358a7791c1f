/* member: a member named by a person -- an id or an @username -- as staff
 * type it into a flow. */
#include "fitbot/sdk.h"
#include "sdkutil.h"

/* See sdk.h. */
int64_t fb_member_typed(fb_ctx *c, const char *text)
{
    char buf[80];
    int64_t id = 0;

    if (!text || fb_trim(text, buf, sizeof buf) != 0)
        return 0;
    if (buf[0] == '@' && buf[1])
        id = fb_sql_int(c, 0,
                        "SELECT id FROM fb_users WHERE lower(username) ="
                        " lower($1) ORDER BY id LIMIT 1",
                        buf + 1);
    else if (fb_parse_id(buf, &id) != 0)
        id = 0;
    if (id <= 0 || fb_user_role(c, id) < FB_ROLE_MEMBER)
        return 0;
    return id;
}
