from . import report_tpp_cuts, sanction_period_xlsx
