from . import weekly_recap_xlsx
