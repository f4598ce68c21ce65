"""Shared plumbing of the bench scripts: a throwaway database with the Simantap addons,
an environment on it, and the one-line figures.  Not a test helper: benches measure."""

import contextlib
import io
import os
import random
import shutil
import subprocess
import sys
import time

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "scripts"))

import odoo_env  # noqa: E402


def size(env_name, default):
    """The bench's size: its first argument, else ``env_name`` from the
    environment, else ``default`` (the full size the README's figures use)."""
    if len(sys.argv) > 1:
        return int(sys.argv[1])
    return int(os.environ.get(env_name, default))


def create_database(name, modules="simantap_attendance"):
    """Install ``modules`` (no demo data) on a fresh database ``name``; with
    ``BENCH_TEMPLATE`` (see smoke.py), copy that database instead, where the
    Simantap addons are already installed."""
    odoo_env.odoo_or_exit()
    drop_database(name)
    template = os.environ.get("BENCH_TEMPLATE")
    if template:
        subprocess.run(["createdb", "-T", template, name], check=True)
        filestore = os.path.join(_data_dir(), "filestore")
        if os.path.isdir(os.path.join(filestore, template)):
            shutil.copytree(
                os.path.join(filestore, template), os.path.join(filestore, name)
            )
        return
    subprocess.run(
        [
            *odoo_env.odoo_command(),
            "-d",
            name,
            f"--addons-path={odoo_env.addons_path()}",
            *odoo_env.db_args(),
            "-i",
            modules,
            "--without-demo=all",
            "--stop-after-init",
            "--log-level=warn",
            "--http-port=0",
            "--max-cron-threads=0",
        ],
        check=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )


def drop_database(name):
    subprocess.run(["dropdb", "--if-exists", "--force", name], check=False)
    shutil.rmtree(os.path.join(_data_dir(), "filestore", name), ignore_errors=True)


def _data_dir():
    import odoo  # noqa: PLC0415 (checked by create_database first)

    return odoo.tools.config["data_dir"]


@contextlib.contextmanager
def environment(name):
    """An Odoo environment (superuser) on database ``name``; commits on success."""
    import odoo  # noqa: PLC0415 (checked by create_database first)
    from odoo.modules.registry import Registry  # noqa: PLC0415

    odoo.tools.config.parse_config(
        ["-d", name, f"--addons-path={odoo_env.addons_path()}", *odoo_env.db_args()]
    )
    registry = Registry.new(name)
    with registry.cursor() as cr:
        yield odoo.api.Environment(cr, odoo.SUPERUSER_ID, {})


def selfie_jpeg(seed):
    """A 1280x960 JPEG with the texture of a photo (shapes, blur and noise), about
    the size a phone's front camera sends; the same for the same ``seed``."""
    from PIL import Image, ImageDraw, ImageFilter  # noqa: PLC0415 (with Odoo)

    rng = random.Random(seed)
    image = Image.new("RGB", (1280, 960), tuple(rng.randrange(256) for _ in range(3)))
    draw = ImageDraw.Draw(image)
    for _shape in range(40):
        x, y = rng.randrange(1280), rng.randrange(960)
        draw.ellipse(
            [x, y, x + rng.randrange(40, 600), y + rng.randrange(40, 500)],
            fill=tuple(rng.randrange(256) for _ in range(3)),
        )
    image = image.filter(ImageFilter.GaussianBlur(3))
    noise = Image.effect_noise((1280, 960), 24).convert("RGB")
    image = Image.blend(image, noise, 0.12)
    out = io.BytesIO()
    image.save(out, "JPEG", quality=88)
    return out.getvalue()


def office(env, latitude, longitude):
    """The company's working schedule in Asia/Jakarta and one office with a 150 m
    geofence: ``(calendar, work location)``."""
    company = env.company
    calendar = company.resource_calendar_id
    calendar.tz = "Asia/Jakarta"
    location = env["hr.work.location"].create(
        {
            "name": "Kantor Bupati",
            "location_type": "office",
            "address_id": company.partner_id.id,
            "latitude": latitude,
            "longitude": longitude,
            "geofence_radius": 150,
        }
    )
    return calendar, location


@contextlib.contextmanager
def timer(figures, key):
    start = time.perf_counter()
    yield
    figures[key] = time.perf_counter() - start


def print_figures(figures):
    """The figures, last, on one line of ``name=value`` pairs."""
    print(" ".join(f"{key}={value}" for key, value in figures.items()), flush=True)
