# Copyright 2026 Contact Center contributors
# License LGPL-3.0 or later (https://www.gnu.org/licenses/lgpl-3.0).
from . import test_cycle_report
from . import test_report_views
from . import test_csat_report
from . import test_live_dashboard
from . import test_live_dashboard_tour
from . import test_service_report
from . import test_people_reports
from . import test_volume_cost_reports
from . import test_report_rules
from . import test_report_actions
