/* users plugin: /menu, /whoami and the menu buttons. */
#include <string.h>

#include "texts.h"
#include "users.h"

/* See users.h. */
fb_keyboard *fb__usr_menu_kb(fb_ctx *c, fb_role role)
{
    fb_keyboard *kb = fb_kb(c);

    fb_kb_button(kb, B_PROFILE, CB_PROFILE);
    if (role >= FB_ROLE_STAFF) {
        fb_kb_row(kb);
        fb_kb_button(kb, B_FIND, CB_FIND);
        fb_kb_row(kb);
        fb_kb_button(kb, B_PENDING, CB_PENDING);
    }
    return kb;
}

/* /menu: the commands of every plugin the sender may use, and the
 * buttons of their role. */
int fb__usr_menu(fb_ctx *c)
{
    usr_person me = fb__usr_load(c, fb_user(c));

    fb_set_commands(c, fb_chat(c), fb_sender_role(c));
    return fb_replyf(c, fb__usr_menu_kb(c, fb_sender_role(c)), T_MENU,
                     me.display, fb_menu(c));
}

/* /whoami: the sender's own card (or their id if not registered). */
int fb__usr_whoami(fb_ctx *c)
{
    usr_person me = fb__usr_load(c, fb_user(c));

    if (!me.has_profile && me.role == FB_ROLE_ANYONE)
        return fb_replyf(c, NULL, T_WHOAMI_STRANGER, fb_first_name(c),
                         fb_user(c));
    return fb_reply(c, fb__usr_card(c, &me), NULL);
}

/* [My profile]: the same. */
int fb__usr_profile_button(fb_ctx *c)
{
    if (strcmp(fb_data(c), CB_PROFILE) != 0)
        return fb_answerf(c, A_BAD_BUTTON);
    return fb__usr_whoami(c);
}
