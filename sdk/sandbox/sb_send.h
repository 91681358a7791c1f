/* Bot methods that create or change messages and answer callback queries. */
#ifndef FB_SB_SEND_H
#define FB_SB_SEND_H

#include "sb_bot.h"

void fb__sb_m_send_message(sb_call *c);
void fb__sb_m_send_photo(sb_call *c);
void fb__sb_m_send_document(sb_call *c);
void fb__sb_m_edit_text(sb_call *c);
void fb__sb_m_edit_caption(sb_call *c);
void fb__sb_m_edit_markup(sb_call *c);
void fb__sb_m_delete_message(sb_call *c);
void fb__sb_m_answer_callback(sb_call *c);
void fb__sb_m_get_file(sb_call *c);

/* Builds an exact copy of a PhotoSize array / Document object for file f.
 * Returns NULL when out of memory. */
cJSON *fb__sb_photo_json(const sb_file *f);
cJSON *fb__sb_document_json(const sb_file *f);

#endif
