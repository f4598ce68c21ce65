from . import sanction_period_xlsx
