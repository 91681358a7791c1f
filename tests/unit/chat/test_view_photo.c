/* Unit tests: where fitbot-chat's view puts a photo's mark and drawing
 * (sdk/chat/view.c), through a stand-in for the hook that fetches it. */
#include <check.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#include "fbtc.h"
#include "view.h"

#define PHOTO_MSG                                                              \
    "[{\"message_id\":3,\"from\":\"bot\",\"caption\":\"Scan to pay\","         \
    "\"photo\":{\"file_id\":\"f7\",\"url\":\"/sandbox/files/f7\"},"            \
    "\"reply_markup\":{\"inline_keyboard\":[[{\"text\":\"Paid\","              \
    "\"callback_data\":\"p:1\"}]]},\"edits\":[]}]"

/* view_photo_fn: marks the photo by its file_id; a drawing for "f7". */
static char *fake_show(void *ud, const cJSON *photo, FILE *out)
{
    const char *id = cJSON_GetStringValue(
        cJSON_GetObjectItemCaseSensitive(photo, "file_id"));

    ++*(int *)ud;
    fprintf(out, "[photo %s] ", id);
    return strcmp(id, "f7") == 0 ? strdup("AB\nCD\n") : NULL;
}

/* What the view prints of json (a "messages" array): as new messages
 * (all == 0) or the whole transcript. Returns it (malloc'd). */
static char *print(view_chat *v, const char *json, int all)
{
    cJSON *msgs = cJSON_Parse(json);
    char *out = NULL;
    size_t len = 0;
    FILE *f = open_memstream(&out, &len);

    ck_assert_ptr_nonnull(msgs);
    ck_assert_ptr_nonnull(f);
    if (all)
        view_print_all(msgs, &v->photos, f);
    else
        ck_assert_int_eq(view_update(v, msgs, f, "[asha] ", 0), 1);
    fclose(f);
    cJSON_Delete(msgs);
    return out;
}

START_TEST(drawing_goes_under_the_caption_above_the_keyboard)
{
    view_chat v;
    int calls = 0;
    char *out;

    view_init(&v, 42);
    v.photos.show = fake_show;
    v.photos.ud = &calls;
    out = print(&v, PHOTO_MSG, 0);
    ck_assert_str_eq(out, "[asha]   bot: [photo f7] Scan to pay\n"
                          "[asha]        AB\n"
                          "[asha]        CD\n"
                          "[asha]        [1] Paid   \n");
    ck_assert_int_eq(calls, 1);
    ck_assert_int_eq(v.kb_count, 1);
    free(out);
    out = print(&v, PHOTO_MSG, 1);
    ck_assert_str_eq(out, "  bot: [photo f7] Scan to pay\n"
                          "       AB\n"
                          "       CD\n"
                          "       [1] Paid   \n");
    ck_assert_int_eq(calls, 2);
    free(out);
    view_free(&v);
}
END_TEST

START_TEST(no_drawing_no_hook)
{
    view_chat v;
    int calls = 0;
    char *out;
    const char *other = "[{\"message_id\":4,\"from\":\"bot\","
                        "\"photo\":{\"file_id\":\"f8\"},\"edits\":[]}]";

    view_init(&v, 42);
    v.photos.show = fake_show;
    v.photos.ud = &calls;
    out = print(&v, other, 0);
    ck_assert_str_eq(out, "[asha]   bot: [photo f8] \n");
    free(out);
    v.photos.show = NULL;
    out = print(&v, PHOTO_MSG, 1);
    ck_assert_str_eq(out, "  bot: [photo] Scan to pay\n"
                          "       [1] Paid   \n");
    free(out);
    view_free(&v);
}
END_TEST

/* view_file_fn: marks the document by its name. */
static void fake_file(void *ud, const cJSON *doc, FILE *out)
{
    ++*(int *)ud;
    fprintf(out, "[file %s saved] ",
            cJSON_GetStringValue(
                cJSON_GetObjectItemCaseSensitive(doc, "file_name")));
}

START_TEST(document_marked_through_its_hook)
{
    view_chat v;
    int calls = 0;
    char *out;
    const char *doc = "[{\"message_id\":5,\"from\":\"bot\",\"caption\":"
                      "\"Invoice\",\"document\":{\"file_id\":\"d1\","
                      "\"file_name\":\"INV-1.pdf\"},\"edits\":[]}]";

    view_init(&v, 42);
    v.photos.file = fake_file;
    v.photos.ud = &calls;
    out = print(&v, doc, 0);
    ck_assert_str_eq(out, "[asha]   bot: [file INV-1.pdf saved] Invoice\n");
    ck_assert_int_eq(calls, 1);
    free(out);
    v.photos.file = NULL;
    out = print(&v, doc, 1);
    ck_assert_str_eq(out, "  bot: [file INV-1.pdf] Invoice\n");
    free(out);
    view_free(&v);
}
END_TEST

int main(void)
{
    static const fbtc_suite def = {.name = "chat_view_photo", .tcase = "view"};

    return FBTC_RUN(&def, drawing_goes_under_the_caption_above_the_keyboard,
                    no_drawing_no_hook, document_marked_through_its_hook);
}
