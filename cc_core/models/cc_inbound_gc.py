# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
"""Keep the loaded registry out of the garbage collector's way.

Python's cyclic garbage collector periodically walks every tracked object
of the process; an Odoo process with a loaded registry holds several
hundred thousand of them (models, fields, caches), none of which ever
becomes garbage. The profile of the inbound webhook request
(``tests/benchmarks/inbound_profile.py``) showed those walks taking about a
tenth of each request. Once the registry is loaded, ``gc.freeze()`` moves
everything alive to the permanent generation, which the collector skips
(what Python's documentation recommends for pre-forking servers: it also
keeps the pages shared between the workers). Garbage made by requests is
still collected. ``cc_gc_freeze = False`` in Odoo's configuration file
turns it off.
"""
import gc
import logging

from odoo import models
from odoo.tools import config

from ..services import switches

_logger = logging.getLogger(__name__)


def freeze_loaded_objects():
    """Collect once, then freeze what is left; returns how many objects
    were frozen (0 when turned off)."""
    if not switches.is_on(config.get("cc_gc_freeze", True)):
        return 0
    gc.collect()
    gc.freeze()
    return gc.get_freeze_count()


class CcInboundGc(models.AbstractModel):
    _inherit = "cc.inbound"

    def _register_hook(self):
        super()._register_hook()
        frozen = freeze_loaded_objects()
        if frozen:
            _logger.debug("Registry %s loaded: %s objects frozen for the garbage "
                          "collector", self.env.cr.dbname, frozen)
