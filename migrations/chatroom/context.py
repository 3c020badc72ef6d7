# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""What the steps of one run share: environment, source, report, id maps."""
from . import origin


class Context:
    """State of one ``check`` or ``migrate`` run.

    ``dry_run`` (``check``): steps only plan and report; nothing is written.
    The id maps (ChatRoom id -> cc_core id) are filled by the steps that own
    them and read by the later ones.
    """

    def __init__(self, env, source, report, dry_run, write=print, batch_size=500):
        self.env = env
        self.cr = env.cr
        self.source = source
        self.report = report
        self.dry_run = dry_run
        self.write = write
        self.batch_size = batch_size
        self.run_id = None
        self.agent_by_user = {}
        self.team_by_crm_team = {}
        self.team_by_connector = {}
        self.connector_map = {}
        self.connector_users = {}
        self.stage_map = {}
        self.tag_map = {}
        self.category_map = {}
        self.activity_type_map = {}

    def origins(self, source_table, source_ids=None):
        return origin.lookup(self.cr, source_table, source_ids)

    def record(self, source_table, target_model, rows, batch=0):
        if not self.dry_run:
            origin.record(self.cr, source_table, target_model, rows, self.run_id, batch)

    def commit(self):
        if not self.dry_run:
            self.cr.commit()
