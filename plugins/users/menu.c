/* users plugin: /menu, /whoami and the menu buttons. */
#include <stdio.h>
#include <string.h>

#include "texts.h"
#include "users.h"

/* See users.h. */
void fb__usr_menu_kb(fb_keyboard *kb, fb_role role)
{
    fb_kb_init(kb);
    fb_kb_button(kb, B_PROFILE, CB_PROFILE);
    if (role < FB_ROLE_STAFF)
        return;
    fb_kb_row(kb);
    fb_kb_button(kb, B_FIND, CB_FIND);
    fb_kb_row(kb);
    fb_kb_button(kb, B_PENDING, CB_PENDING);
}

/* /menu: the commands and buttons of the sender's role. */
int fb__usr_menu(fb_ctx *c)
{
    char name[USR_NAME_BUF * 6], text[2048];
    fb_role role = fb_sender_role(c);
    usr_person me;
    fb_keyboard kb;

    if (fb__usr_load(c, fb_user(c), &me) < 0)
        return FB_ERR;
    fb__usr_esc(me.display, name, sizeof name);
    snprintf(text, sizeof text, T_MENU "%s", name,
             role >= FB_ROLE_STAFF ? T_MENU_STAFF : "");
    fb__usr_menu_kb(&kb, role);
    fb__usr_commands(c, fb_chat(c), role);
    return fb_reply(c, text, &kb);
}

/* The sender's own card. */
static int show_me(fb_ctx *c)
{
    char card[2048];
    usr_person me;
    int rc = fb__usr_load(c, fb_user(c), &me);

    if (rc < 0)
        return FB_ERR;
    if (rc == 0 || (!me.has_profile && me.role == FB_ROLE_ANYONE)) {
        char name[USR_NAME_BUF * 6], ids[21];
        return fb__usr_sendf(c, 0, NULL, T_WHOAMI_STRANGER,
                             fb__usr_esc(fb_first_name(c), name, sizeof name),
                             fb_int64_str(fb_user(c), ids));
    }
    fb__usr_card(&me, card, sizeof card);
    return fb_reply(c, card, NULL);
}

/* /whoami: the sender's own card (or their id if not registered). */
int fb__usr_whoami(fb_ctx *c)
{
    return show_me(c);
}

/* [My profile]: the sender's own card. */
int fb__usr_profile_button(fb_ctx *c)
{
    if (strcmp(fb_data(c), CB_PROFILE) != 0)
        return fb_answer(c, A_BAD_BUTTON, 0);
    fb_answer(c, "", 0);
    return show_me(c);
}
