# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""A triage bot flow for tests (shared with the connectors' tests)."""


def make_flow(env, name="Triagem", **values):
    """Main menu: 1 Segunda via (template, close), 2 Pedido (asks the order
    number, tags, priority, hands over to ``team``), 3 Cadastro (sub-menu: 1
    Atualizar CPF asks a CPF; 2 Voltar), 4 Falar com atendente."""
    Flow = env["cc.bot.flow"]
    flow = Flow.create(dict({
        "name": name, "greeting": "Olá! Sou o assistente virtual.",
        "handover_words": "atendente, humano",
        "invalid_message": "Não entendi.",
        "handover_message": "Vou chamar um atendente.",
    }, **values))
    template = env["cc.template"].create({
        "name": "Segunda via", "body": "Acesse exemplo.com/boleto para a segunda via."})
    tag = env["cc.tag"].search([("name", "=", "Pedido")], limit=1) or \
        env["cc.tag"].create({"name": "Pedido"})
    main, registration = env["cc.bot.node"].create([
        {"flow_id": flow.id, "sequence": 1, "name": "Principal",
         "question": "Como podemos ajudar?"},
        {"flow_id": flow.id, "sequence": 2, "name": "Cadastro",
         "question": "Cadastro: o que deseja?"},
    ])
    env["cc.bot.option"].create([
        {"node_id": main.id, "sequence": 1, "title": "Segunda via",
         "template_id": template.id, "action": "close",
         "close_message": "Obrigado, até logo!"},
        {"node_id": main.id, "sequence": 2, "title": "Pedido", "action": "handover",
         "question": "Qual o número do pedido?", "validation": "number",
         "answer_label": "Pedido", "tag_ids": [(6, 0, tag.ids)], "priority": "2"},
        {"node_id": main.id, "sequence": 3, "title": "Cadastro", "action": "node",
         "next_node_id": registration.id},
        {"node_id": main.id, "sequence": 4, "title": "Falar com atendente",
         "action": "handover"},
        {"node_id": registration.id, "sequence": 1, "title": "Atualizar CPF",
         "action": "handover", "question": "Informe seu CPF", "validation": "cpf",
         "answer_label": "CPF"},
        {"node_id": registration.id, "sequence": 2, "title": "Voltar",
         "action": "node", "next_node_id": main.id},
    ])
    flow.start_node_id = main
    return flow
