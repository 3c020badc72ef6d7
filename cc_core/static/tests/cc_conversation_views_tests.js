/** @odoo-module **/
/* Copyright 2026 Contact Center contributors
 * License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0). */

/*
 * The inbox views follow the bus: a new conversation or message appears
 * without a page refresh, bursts are coalesced into one reload, other
 * notifications are ignored, and a destroyed view stops listening.
 */

import AbstractService from "web.AbstractService";
import testUtils from "web.test_utils";
import {
    CcConversationFormView,
    CcConversationKanbanView,
    CcConversationListView,
} from "@cc_core/js/cc_conversation_views";

/** A bus_service the test drives: it hands notifications to the listeners. */
const FakeBus = AbstractService.extend({
    init() {
        this._super(...arguments);
        this.listeners = [];
        FakeBus.current = this;
    },
    onNotification(owner, callback) {
        this.listeners.push({owner, callback});
    },
    off(eventName, owner, callback) {
        this.listeners = this.listeners.filter(
            (l) => l.owner !== owner || l.callback !== callback
        );
    },
    push(notifications) {
        for (const listener of this.listeners) {
            listener.callback.call(listener.owner, notifications);
        }
    },
});

/** Longer than the views' reload delay (they coalesce bursts). */
async function afterReloadDelay() {
    await new Promise((resolve) => setTimeout(resolve, 400));
    await testUtils.nextTick();
}

function countingLoads(counter) {
    return function (route, args) {
        if (/search_read|\/read$|^read$/.test(route) || (args && args.method === "read")) {
            counter.loads++;
        }
        return this._super(...arguments);
    };
}

QUnit.module("cc_core", {
    beforeEach() {
        this.data = {
            "cc.conversation": {
                fields: {
                    name: {string: "Name", type: "char"},
                    unread_count: {string: "Unread", type: "integer"},
                    user_id: {string: "Agent user", type: "many2one", relation: "res.users"},
                },
                records: [
                    {id: 1, name: "Maria Souza", unread_count: 0, user_id: false},
                    {id: 2, name: "João Lima", unread_count: 0, user_id: false},
                ],
            },
            "res.users": {fields: {}, records: []},
        };
    },
}, function () {
    QUnit.test("the queue shows a new conversation without a page refresh", async function (assert) {
        const counter = {loads: 0};
        const kanban = await testUtils.createView({
            View: CcConversationKanbanView,
            model: "cc.conversation",
            data: this.data,
            arch: `<kanban><templates><t t-name="kanban-box">
                       <div><field name="name"/></div>
                   </t></templates></kanban>`,
            services: {bus_service: FakeBus},
            mockRPC: countingLoads(counter),
        });
        assert.containsN(kanban, ".o_kanban_record:not(.o_kanban_ghost)", 2);
        const loadsBefore = counter.loads;

        // The server created a conversation and notified the queue, twice in a burst.
        this.data["cc.conversation"].records.push(
            {id: 3, name: "Cliente Novo", unread_count: 1, user_id: false});
        FakeBus.current.push([
            {type: "cc.conversation/new_in_queue", payload: {id: 3}},
            {type: "cc.message/new", payload: {id: 3, message_id: 10}},
        ]);
        await afterReloadDelay();

        assert.containsN(kanban, ".o_kanban_record:not(.o_kanban_ghost)", 3);
        assert.strictEqual(kanban.$(".o_kanban_record:contains(Cliente Novo)").length, 1);
        assert.strictEqual(counter.loads - loadsBefore, 1, "one reload for the burst");
        kanban.destroy();
        assert.strictEqual(FakeBus.current.listeners.length, 0,
            "a destroyed view stops listening");
    });

    QUnit.test("other notifications do not reload the list", async function (assert) {
        const counter = {loads: 0};
        const list = await testUtils.createView({
            View: CcConversationListView,
            model: "cc.conversation",
            data: this.data,
            arch: '<tree><field name="name"/></tree>',
            services: {bus_service: FakeBus},
            mockRPC: countingLoads(counter),
        });
        const loadsBefore = counter.loads;
        FakeBus.current.push([
            {type: "mail.message/inbox", payload: {id: 7}},
            {type: "bus/im_status", payload: {}},
        ]);
        await afterReloadDelay();
        assert.strictEqual(counter.loads, loadsBefore, "nothing to reload");

        FakeBus.current.push([{type: "cc.conversation/closed", payload: {id: 2}}]);
        await afterReloadDelay();
        assert.strictEqual(counter.loads - loadsBefore, 1);
        list.destroy();
    });

    QUnit.test("an open conversation reloads only for itself", async function (assert) {
        const counter = {loads: 0};
        const form = await testUtils.createView({
            View: CcConversationFormView,
            model: "cc.conversation",
            data: this.data,
            res_id: 1,
            arch: `<form><field name="name"/><field name="unread_count"/>
                   <field name="user_id"/></form>`,
            services: {bus_service: FakeBus},
            mockRPC: countingLoads(counter),
        });
        const loadsBefore = counter.loads;
        FakeBus.current.push([{type: "cc.message/new", payload: {id: 2, message_id: 11}}]);
        await afterReloadDelay();
        assert.strictEqual(counter.loads, loadsBefore, "another conversation: no reload");

        this.data["cc.conversation"].records[0].name = "Maria Souza (cliente VIP)";
        FakeBus.current.push([
            {type: "cc.message/state", payload: {id: 12, conversation_id: 1, state: "read"}},
        ]);
        await afterReloadDelay();
        assert.strictEqual(counter.loads - loadsBefore, 1);
        assert.strictEqual(form.$(".o_field_widget[name=name]").text(),
            "Maria Souza (cliente VIP)");
        form.destroy();
    });
});
