from collections import defaultdict

from dateutil.relativedelta import relativedelta

from odoo import api, models
from odoo.tools import SQL


class SimantapSanctionMonthFacts(models.AbstractModel):
    """What the daily statuses say about a span of days, read set-based: the days
    of each code, the working days, the runs of days absent without a valid reason
    (TK), the unanswered spot checks, the TPP base of each employee and the
    adjustments landing in a month.  The one place these rules are read from the
    database: the TPP month, the correction of a locked day and the PP 94/2021
    alerts all ask here.  No records: a service."""

    _name = "simantap.sanction.month.facts"
    _description = "TPP Month Facts"

    @api.model
    def _simantap_month_facts(
        self,
        company_id,
        date_from,
        date_to,
        employee_ids=None,
        overlay=None,
        run_from=1,
    ):
        """Set-based facts of a month: ``{employee_id: {'code_days': {code: [days]},
        'days': working days, 'max_tk_run': n, 'spot_days': [days]}}``.

        ``overlay`` (``{daily_status_id: codes}``) replaces the codes of some days
        (a correction after the lock, before it is applied).  The longest TK run is
        only worked out for those with at least ``run_from`` TK days (0: never)."""
        self.env["simantap.daily.status"].flush_model()
        where = SQL(
            "s.company_id = %s AND s.date BETWEEN %s AND %s",
            company_id,
            date_from,
            date_to,
        )
        if employee_ids is not None:
            where = SQL("%s AND s.employee_id = ANY(%s)", where, list(employee_ids))
        if overlay:
            days = SQL(
                """SELECT s.employee_id, s.date,
                          COALESCE(o.codes, s.effective_codes, '') AS codes
                     FROM simantap_daily_status s
                LEFT JOIN unnest(%s::int[], %s::varchar[]) AS o(status_id, codes)
                       ON o.status_id = s.id
                    WHERE %s""",
                list(overlay),
                list(overlay.values()),
                where,
            )
        else:
            days = SQL(
                """SELECT s.employee_id, s.date, COALESCE(s.effective_codes, '') AS codes
                     FROM simantap_daily_status s WHERE %s""",
                where,
            )
        facts = defaultdict(empty_facts)
        # 1. per employee and code: the days, read as offsets from the first day
        # (an array of integers is read several times faster than one of dates)
        self.env.cr.execute(
            SQL(
                """WITH d AS (%s)
                   SELECT d.employee_id, c.code,
                          array_agg(d.date - %s::date ORDER BY d.date)
                     FROM d
               CROSS JOIN LATERAL unnest(string_to_array(d.codes, ' ')) AS c(code)
                    WHERE c.code NOT IN ('', 'H')
                 GROUP BY d.employee_id, c.code""",
                days,
                date_from,
            )
        )
        day = [date_from + relativedelta(days=n) for n in range(32)].__getitem__
        for employee_id, code, offsets in self.env.cr.fetchall():
            facts[employee_id]["code_days"][code] = list(map(day, offsets))
        # 2. per employee: working days
        self.env.cr.execute(
            SQL(
                "WITH d AS (%s) SELECT employee_id, count(*) FROM d GROUP BY employee_id",
                days,
            )
        )
        for employee_id, count in self.env.cr.fetchall():
            facts[employee_id]["days"] = count
        # 3. the longest run of TK working days, of those with enough TK days for a
        # run of ``run_from``
        candidates = [
            employee_id
            for employee_id, fact in facts.items()
            if run_from and len(fact["code_days"].get("TK", ())) >= run_from
        ]
        if candidates:
            for employee_id, (_tk, max_run) in self._simantap_tk_runs(
                days, candidates
            ).items():
                facts[employee_id]["max_tk_run"] = max_run
        # 4. unanswered spot checks
        self.env["simantap.spot.check"].flush_model()
        spot_where = SQL(
            """state = 'unanswered' AND company_id = %s
               AND work_date BETWEEN %s AND %s""",
            company_id,
            date_from,
            date_to,
        )
        if employee_ids is not None:
            spot_where = SQL(
                "%s AND employee_id = ANY(%s)", spot_where, list(employee_ids)
            )
        self.env.cr.execute(
            SQL(
                """SELECT employee_id, array_agg(work_date ORDER BY work_date)
                     FROM simantap_spot_check WHERE %s GROUP BY employee_id""",
                spot_where,
            )
        )
        for employee_id, dates in self.env.cr.fetchall():
            facts[employee_id]["spot_days"] = dates
        return dict(facts)

    @api.model
    def _simantap_tk_runs(self, days, employee_ids=None):
        """``{employee_id: (tk_days, longest_run)}`` of the employees with TK days
        among ``days`` (an SQL query of rows ``employee_id, date, codes``: the
        working days, one row each).  A run is TK days with no other working day
        between them: weekends and holidays have no row and do not break it.
        Only of ``employee_ids`` when given.

        The TK days of an employee after the same number of other days form one
        run: counting the other days so far numbers the runs."""
        only = SQL("TRUE")
        if employee_ids is not None:
            only = SQL("employee_id = ANY(%s::int[])", int_array(employee_ids))
        self.env.cr.execute(
            SQL(
                """WITH d AS (%s),
                   n AS (SELECT employee_id, tk,
                                count(*) FILTER (WHERE NOT tk) OVER (
                                    PARTITION BY employee_id ORDER BY date) AS grp
                           FROM (SELECT employee_id, date,
                                        'TK' = ANY(string_to_array(codes, ' ')) AS tk
                                   FROM d WHERE %s) x),
                   runs AS (SELECT employee_id, count(*) FILTER (WHERE tk) AS run
                              FROM n GROUP BY employee_id, grp)
                   SELECT employee_id, sum(run)::int, max(run)::int
                     FROM runs GROUP BY employee_id HAVING max(run) > 0""",
                days,
                only,
            )
        )
        return {row[0]: (row[1], row[2]) for row in self.env.cr.fetchall()}

    @api.model
    def _simantap_corrected_tk_runs(self, company_id, date_from, date_to):
        """:meth:`_simantap_tk_runs` of ``date_from`` to ``date_to``, with the codes
        of the locked days as corrected (the latest adjustment of a day); only the
        employees with a TK day or a correction in the span are read."""
        self.env["simantap.daily.status"].flush_model()
        self.env["simantap.sanction.adjustment"].flush_model()
        days = SQL(
            """WITH latest AS (
                   SELECT DISTINCT ON (status_id) status_id, new_codes
                     FROM simantap_sanction_adjustment
                    WHERE company_id = %(company)s
                      AND date BETWEEN %(start)s AND %(until)s
                 ORDER BY status_id, id DESC)
               SELECT s.employee_id, s.date,
                      COALESCE(a.new_codes, s.effective_codes, '') AS codes
                 FROM simantap_daily_status s
            LEFT JOIN latest a ON a.status_id = s.id
                WHERE s.company_id = %(company)s
                  AND s.date BETWEEN %(start)s AND %(until)s
                  AND s.employee_id IN (
                      SELECT employee_id FROM simantap_daily_status
                       WHERE company_id = %(company)s
                         AND date BETWEEN %(start)s AND %(until)s
                         AND 'TK' = ANY(string_to_array(effective_codes, ' '))
                      UNION
                      SELECT employee_id FROM simantap_sanction_adjustment
                       WHERE company_id = %(company)s
                         AND date BETWEEN %(start)s AND %(until)s)""",
            company=company_id,
            start=date_from,
            until=date_to,
        )
        return self._simantap_tk_runs(days)

    @api.model
    def _simantap_bases(self, employee_ids, date_from, date_to):
        """``{employee_id: (department_id, nip, position_class_id, source, amount)}``
        for the month ``date_from`` to ``date_to``: the assignment in force on the
        month's first day (else the first starting in the month); its individual
        amount, else its class amount on that day."""
        for model in (
            "hr.employee",
            "simantap.tpp.assignment",
            "simantap.position.class",
            "simantap.position.class.amount",
        ):
            self.env[model].flush_model()
        self.env.cr.execute(
            SQL(
                """SELECT e.id, e.department_id, e.nip, a.position_class_id,
                          CASE WHEN a.id IS NULL THEN 'none'
                               WHEN a.use_override THEN 'override'
                               ELSE 'class' END,
                          CASE WHEN a.id IS NULL THEN 0
                               WHEN a.use_override THEN COALESCE(a.override_amount, 0)
                               ELSE COALESCE(
                                   (SELECT pa.amount
                                      FROM simantap_position_class_amount pa
                                     WHERE pa.position_class_id = a.position_class_id
                                       AND pa.date_from <= GREATEST(%s, a.date_from)
                                  ORDER BY pa.date_from DESC LIMIT 1),
                                   pc.tpp_amount, 0) END
                     FROM hr_employee e
                LEFT JOIN LATERAL (
                          SELECT * FROM simantap_tpp_assignment x
                           WHERE x.employee_id = e.id AND x.date_from <= %s
                             AND (x.date_to IS NULL OR x.date_to >= %s)
                        ORDER BY x.date_from LIMIT 1) a ON TRUE
                LEFT JOIN simantap_position_class pc ON pc.id = a.position_class_id
                    WHERE e.id = ANY(%s::int[])""",
                date_from,
                date_to,
                date_from,
                int_array(employee_ids),
            )
        )
        return {row[0]: row[1:] for row in self.env.cr.fetchall()}

    @api.model
    def _simantap_adjustment_sums(self, period_id, employee_ids=None):
        """``{employee_id: amount}``: the adjustments landing in the month
        ``period_id`` (of ``employee_ids``, or all)."""
        self.env["simantap.sanction.adjustment"].flush_model()
        where = SQL("period_id = %s", period_id)
        if employee_ids is not None:
            where = SQL("%s AND employee_id = ANY(%s)", where, list(employee_ids))
        self.env.cr.execute(
            SQL(
                """SELECT employee_id, SUM(amount) FROM simantap_sanction_adjustment
                    WHERE %s GROUP BY employee_id""",
                where,
            )
        )
        return dict(self.env.cr.fetchall())


def empty_facts():
    """The facts of an employee with no day in the span."""
    return {"code_days": {}, "days": 0, "max_tk_run": 0, "spot_days": []}


def int_array(values):
    """Integers as the text of a PostgreSQL array, one parameter to cast
    (``%s::int[]``): much faster to parse than ``ARRAY[...]`` for large arrays."""
    return "{" + ",".join(map(str, values)) + "}"
