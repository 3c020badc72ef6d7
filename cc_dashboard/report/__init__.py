# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import cc_conversation_cycle_report
from . import cc_csat_report
from . import cc_report_percentile
from . import cc_report_materialized
from . import cc_volume_report
from . import cc_service_report
from . import cc_sla_report
from . import cc_presence_report
# After cc_service_report and cc_presence_report: reads their views.
from . import cc_agent_report
from . import cc_occupancy_report
from . import cc_cost_report
