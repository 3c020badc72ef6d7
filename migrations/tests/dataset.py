# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A small ChatRoom dataset with every quirk of ``acrux-schema.md``.

Every message type, info events, purged media, ``res_id = 0`` uploads, an
attachment row that is gone, a private ``@l.us`` chat, a 9th-digit pair, a
number that is not a phone number, conversations without partner (one
findable by its number), emoji and accents, two companies, a duplicate
provider id, failed and never-sent outbound messages, chatter with tracking,
followers and activities.
"""
from datetime import datetime, timedelta

from migrations.chatroom import fake_chatroom

BASE = datetime(2025, 6, 2, 9, 0, 0)
PNG = (b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01\x00\x00\x00\x01\x08\x06"
       b"\x00\x00\x00\x1f\x15\xc4\x89\x00\x00\x00\rIDATx\x9cc\xf8\x0f\x00\x00\x01\x01\x00"
       b"\x05\x18\xd8N\x00\x00\x00\x00IEND\xaeB`\x82")
PDF = b"%PDF-1.4\n% migration test \xc3\xa7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
OGG = b"OggS\x00\x02" + b"\x00" * 40 + "voz é".encode()


def t(minutes):
    return BASE + timedelta(minutes=minutes)


def build(env, with_crm_lead=False):
    """Create the dataset (caller commits); returns named ids."""
    cr = env.cr
    groups = fake_chatroom.install(cr, with_crm_lead=with_crm_lead)
    room = fake_chatroom.FakeChatRoom(cr, groups)
    ids = {}
    company1 = env.ref("base.main_company")
    company2 = env["res.company"].create({"name": "Filial Nordeste (migração)"})
    ids.update(company1=company1.id, company2=company2.id)
    Users = env["res.users"].with_context(no_reset_password=True)

    def user(login, name, company=company1, **extra):
        return Users.create(dict({
            "login": login, "name": name, "company_id": company.id,
            "company_ids": [(6, 0, (company1 | company2).ids)],
            "groups_id": [(6, 0, [env.ref("base.group_user").id])]}, **extra)).id

    ids["ana"] = user("mig.ana", "Ana Migração")
    ids["bruno"] = user("mig.bruno", "Bruno Offline")
    ids["carla"] = user("mig.carla", "Carla Admin")
    ids["xavier"] = user("mig.xavier", "Xavier Former", active=False)
    ids["dora"] = user("mig.dora", "Dora Filial", company=company2)
    ids["portal"] = Users.create({
        "login": "mig.portal", "name": "Portal Person",
        "groups_id": [(6, 0, [env.ref("base.group_portal").id])]}).id
    room.chatroom_user(ids["ana"], signing="Ana:")
    room.chatroom_user(ids["bruno"], active_in_chat=False)
    room.chatroom_user(ids["carla"], admin=True)
    room.chatroom_user(ids["dora"])
    partners = env["res.partner"]
    ids["partner_joao"] = partners.create({"name": "João Cliente",
                                           "mobile": "+55 11 98765-4321"}).id
    ids["partner_found"] = partners.create({"name": "Maria Achada",
                                            "mobile": "+55 31 99111-2222"}).id
    ids["partner_pair"] = partners.create({"name": "Zé do Par"}).id

    team = room.crm_team("Atendimento ChatRoom", company1.id, leader=ids["carla"],
                         members=[ids["ana"], ids["bruno"]])
    ids["crm_team"] = team
    c1 = room.connector("WhatsApp Vendas", company1.id, t(-5000), team_id=team,
                        source="5511400400001", agents=[ids["ana"], ids["bruno"]],
                        automatic_agent_assign=True, retain_agent=True)
    c2 = room.connector("WhatsApp Nordeste", company2.id, t(-5000), source="/",
                        connector_type="gupshup")
    ids.update(connector1=c1, connector2=c2)

    pending = room.stage("Pending", 5)
    urgent = room.stage("Urgent", 6)
    finished = room.stage("Finished", 7, fold=True)
    waiting = room.stage("Waiting for customer", 8,
                         translations={"pt_BR": "Aguardando cliente"})
    ids.update(stage_pending=pending, stage_urgent=urgent, stage_finished=finished,
               stage_waiting=waiting)
    vip = room.tag("Vip", 3)
    complaint = room.tag("Reclamação", 1)
    ids.update(tag_vip=vip, tag_complaint=complaint)
    category = room.answer_category("Saudações")
    ids["answer_text"] = room.answer("Olá", "Olá! Como posso ajudar? 😊", category_id=category)
    ids["answer_image"] = room.answer("Catálogo", "Nosso catálogo", ttype="image",
                                      file_bytes=PNG, file_name="catalogo.png")
    ids["answer_code"] = room.answer("Saudação dinâmica", "result = 'Bom dia'", ttype="code")

    # 1. Full conversation: every type, events, media, failures, emoji.
    conv = room.conversation(c1, "5511987654321", "João 😀", t(120), company1.id,
                             res_partner_id=ids["partner_joao"], status="current",
                             agent_id=ids["ana"], stage_id=urgent, priority="2", color=3,
                             note="Cliente prefere contato à tarde.", tags=[vip, complaint],
                             team_id=team)
    ids["conv_full"] = conv
    m = room.message
    ids["msg_text_in"] = m(conv, t(0), "Olá, bom dia! Preciso de ajuda 🙏 com a ação")
    m(conv, t(1), "Nova conversa (Ana Migração)", ttype="info", event="to_new",
      user_id=ids["ana"])
    m(conv, t(2), "Conversa iniciada (Ana Migração)", ttype="info", event="to_curr",
      user_id=ids["ana"], create_uid=ids["ana"])
    ids["msg_text_out"] = m(conv, t(3), "Ana: Bom dia João!\nComo posso ajudar?",
                            from_me=True, user_id=ids["ana"],
                            msgid="true_5511987654321@c.us_A1")
    ids["msg_image_in"], ids["att_image_in"] = room.media_message(
        env, conv, t(4), "image", PNG, "foto.png", "image/png", text="Foto do produto",
        msgid="false_5511987654321@c.us_B1")
    ids["msg_file_out"], ids["att_file_upload"] = room.media_message(
        env, conv, t(5), "file", PDF, "orçamento.pdf", "application/pdf", owner="upload",
        from_me=True, user_id=ids["ana"], msgid="true_5511987654321@c.us_A2")
    ids["msg_audio_in"], ids["att_audio_in"] = room.media_message(
        env, conv, t(6), "audio", OGG, "audio.ogg", "audio/ogg")
    m(conv, t(7), "", ttype="video", res_model="ir.attachment", res_id=0)
    m(conv, t(8), "Loja Centro\nRua das Flores, 10\n-23.55, -46.63", ttype="location")
    m(conv, t(9), "", ttype="sticker")
    m(conv, t(10), "José Silva\n+55 11 91234-5678", ttype="contact")
    m(conv, t(11), "Camiseta azul - R$ 49,90", ttype="product", from_me=True,
      res_model="product.product", res_id=1, user_id=ids["ana"])
    ids["msg_failed"] = m(conv, t(12), "Mensagem que falhou", from_me=True,
                          user_id=ids["ana"], error_msg="Número sem WhatsApp (131026)")
    ids["msg_inactive"] = m(conv, t(13), "Promoção de inverno!", from_me=True,
                            active=False, user_id=ids["ana"])
    ids["msg_purged"] = m(conv, t(14), "Foto antiga (Attachment removed)", ttype="image",
                          res_model="ir.attachment", res_id=None)
    ids["msg_gone"] = m(conv, t(15), "Documento", ttype="file", res_model="ir.attachment",
                        res_id=987654321)
    m(conv, t(16), "Controle\x07 de\x00 caracteres".replace("\x00", ""))
    m(conv, t(17), "Sem resposta (Ana Migração)", ttype="info", event="unanswered",
      user_id=ids["ana"])
    m(conv, t(18), "Conversa encerrada", ttype="info", event="to_done", user_id=1)
    m(conv, t(100), "Voltei! Ainda tenho dúvidas 😅")
    m(conv, t(101), "Conversa iniciada (Ana Migração)", ttype="info", event="to_curr",
      user_id=ids["ana"])
    ids["msg_dup_a"] = m(conv, t(102), "duplicado 1", from_me=True, msgid="DUP-1",
                         user_id=ids["ana"])
    ids["msg_dup_b"] = m(conv, t(103), "duplicado 2", from_me=True, msgid="DUP-1",
                         user_id=ids["ana"])
    m(conv, t(120), "Obrigado!")

    # 2. A 9th-digit pair on connector 1: one customer, two ChatRoom conversations.
    old = room.conversation(c1, "552187654321", "Zé (antigo)", t(200), company1.id,
                            status="done", res_partner_id=ids["partner_pair"], tags=[vip],
                            note="Número antigo, sem o 9.", stage_id=finished)
    new = room.conversation(c1, "5521987654321", "Zé", t(260), company1.id,
                            status="new", tags=[complaint], note="Número novo.")
    ids.update(pair_old=old, pair_new=new)
    m(old, t(150), "Mensagem no número antigo")
    m(old, t(151), "Resposta no antigo", from_me=True, user_id=ids["bruno"])
    m(old, t(152), "Encerrada", ttype="info", event="to_done", user_id=ids["bruno"])
    m(new, t(250), "Agora com o nono dígito")
    m(new, t(155), "Mensagem intercalada no novo")
    # The same number on connector 2 (other company) stays a separate conversation.
    ids["other_company"] = room.conversation(c2, "5521987654321", "Zé Nordeste", t(300),
                                             company2.id, status="current",
                                             agent_id=ids["dora"])
    m(ids["other_company"], t(299), "Oi, filial!")
    m(ids["other_company"], t(300), "Olá!", from_me=True, user_id=ids["dora"])

    # 3. Private chat, not a phone number, partner found by number, no partner.
    ids["private"] = room.conversation(c1, "5511999998888-1600000000@l.us", "Grupo privado",
                                       t(400), company1.id, conv_type="private")
    m(ids["private"], t(400), "mensagem privada")
    ids["not_a_number"] = room.conversation(c1, "12345", "Número curto", t(410), company1.id)
    m(ids["not_a_number"], t(410), "teste")
    ids["found_partner"] = room.conversation(c1, "5531991112222", "Maria", t(420),
                                             company1.id)
    m(ids["found_partner"], t(420), "Oi")
    ids["no_partner"] = room.conversation(c1, "5548988887777", "Desconhecido", t(430),
                                          company1.id, status="done", agent_id=ids["xavier"])
    m(ids["no_partner"], t(430), "Quem fala?")
    # 4. Agent references that cannot become agents; current without agent.
    ids["portal_agent"] = room.conversation(c1, "5511955554444", "Portal", t(440), company1.id,
                                            status="current", agent_id=ids["portal"])
    m(ids["portal_agent"], t(440), "olá")
    ids["empty"] = room.conversation(c1, "5511944443333", "Sem mensagens", t(450), company1.id)

    # 5. Chatter: note with attachment and tracking, follower, activity.
    note_file = env["ir.attachment"].create({
        "name": "contrato.pdf", "raw": PDF, "mimetype": "application/pdf",
        "res_model": "acrux.chat.conversation", "res_id": conv})
    ids["chatter_attachment"] = note_file.id
    admin_partner = env.ref("base.partner_admin").id
    ids["chatter_note"] = room.chatter_note(
        conv, t(30), "<p>Cliente VIP, atenção.</p>", admin_partner,
        attachment_ids=[note_file.id],
        tracking=[("stage_id", "Pending", "Urgent", pending, urgent),
                  ("valid_number", "", "yes", None, None)],
        subtype_id=env.ref("mail.mt_note").id)
    ids["follower"] = room.follower(conv, env["res.users"].browse(ids["ana"]).partner_id.id,
                                    [env.ref("mail.mt_comment").id])
    chatroom_type = env["mail.activity.type"].create({
        "name": "Retornar ligação (ChatRoom)", "res_model": "cc.conversation"})
    cr.execute("UPDATE mail_activity_type SET res_model = 'acrux.chat.conversation' "
               "WHERE id = %s", (chatroom_type.id,))
    ids["activity_type"] = chatroom_type.id
    ids["activity"] = room.activity(conv, t(31), ids["ana"], chatroom_type.id,
                                    "Ligar para o cliente", BASE.date() + timedelta(days=3))
    ids["activity_todo"] = room.activity(conv, t(32), ids["ana"],
                                         env.ref("mail.mail_activity_data_todo").id,
                                         "Enviar proposta", BASE.date() + timedelta(days=5))
    if with_crm_lead:
        cr.execute("INSERT INTO crm_lead (name) VALUES ('Lead do João') RETURNING id")
        ids["lead"] = cr.fetchone()[0]
        cr.execute("UPDATE acrux_chat_conversation SET crm_lead_id = %s WHERE id = %s",
                   (ids["lead"], conv))
        cr.execute("INSERT INTO crm_lead (name, conversation_id) VALUES ('Lead do Zé', %s) "
                   "RETURNING id", (new,))
        ids["lead_back"] = cr.fetchone()[0]
    env["base"].flush()
    return ids
