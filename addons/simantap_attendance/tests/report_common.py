"""Render Simantap's PDF reports for real (wkhtmltopdf) and read them back with
poppler: the text (pdftotext), the page size (pdfinfo) and the first page as a PNG
(pdftoppm) for the README."""

import os
import re
import subprocess
import tempfile

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
# `make screenshots` writes the README's pictures; `make test` keeps them aside
PNG_DIR = os.environ.get("SIMANTAP_REPORT_PNGS") or os.path.join(
    REPO, ".test-logs", "reports"
)
POINTS_PER_MM = 72 / 25.4


class ReportCaseMixin:
    """For a TransactionCase: ``render()`` a report as a real PDF."""

    @classmethod
    def use_indonesian(cls, modules):
        # wkhtmltopdf asks the server for the web assets; during a test run the
        # server waits for the registry the test holds: send it nowhere instead
        # (the reports carry their own style)
        cls.env["ir.config_parameter"].sudo().set_param(
            "report.url", "http://127.0.0.1:9"
        )
        cls.env["res.lang"]._activate_lang("id_ID")
        cls.env["ir.module.module"].search(
            [("name", "in", modules)]
        )._update_translations(["id_ID"])

    def render(self, xmlid, records, data=None, user=None, png=None):
        """``(text, (width_mm, height_mm), pages)`` of the PDF of ``xmlid`` for
        ``records``, rendered by wkhtmltopdf as ``user`` in Indonesian; its first
        page is kept as ``<png>.png`` when asked."""
        Report = self.env["ir.actions.report"]
        if user:
            Report = Report.with_user(user)
        Report = Report.with_context(force_report_rendering=True, lang="id_ID")
        pdf, kind = Report._render_qweb_pdf(xmlid, records.ids, data=data)
        self.assertEqual(kind, "pdf")
        self.assertTrue(pdf.startswith(b"%PDF"))
        return self.read_pdf(pdf, png)

    def read_pdf(self, pdf, png=None):
        with tempfile.TemporaryDirectory() as tmp:
            path = os.path.join(tmp, "report.pdf")
            with open(path, "wb") as handle:
                handle.write(pdf)
            text = self._run("pdftotext", "-layout", path, "-")
            info = self._run("pdfinfo", path)
            if png:
                os.makedirs(PNG_DIR, exist_ok=True)
                self._run(
                    "pdftoppm",
                    "-png",
                    "-f",
                    "1",
                    "-l",
                    "1",
                    "-scale-to",
                    "900",
                    "-singlefile",
                    path,
                    os.path.join(PNG_DIR, png),
                )
        size = re.search(r"Page size:\s+([\d.]+) x ([\d.]+) pts", info)
        pages = int(re.search(r"Pages:\s+(\d+)", info).group(1))
        width, height = (round(float(v) / POINTS_PER_MM) for v in size.groups())
        return text, (width, height), pages

    def assertPaper(self, size, expected):
        """The page is ``expected`` (width, height) in mm, give or take a
        millimetre (wkhtmltopdf rounds to its dots)."""
        for got, want in zip(size, expected, strict=True):
            self.assertAlmostEqual(got, want, delta=1, msg=f"{size} != {expected}")

    @staticmethod
    def _run(*cmd):
        return subprocess.run(cmd, capture_output=True, text=True, check=True).stdout

    @staticmethod
    def row(text, name):
        """The words of the first line of ``text`` holding ``name``, after it."""
        for line in text.splitlines():
            if name in line:
                return line.split(name, 1)[1].split()
        raise AssertionError(f"{name} is not in the report:\n{text}")
