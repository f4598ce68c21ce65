"""`make install`: the project's virtual environment with official Odoo 18.0 and every
pinned requirement (constraints.txt).  Idempotent: when nothing changed since the last
install it says so in a second and does nothing.

Where Odoo comes from, in this order:
1. SIMANTAP_ODOO: a wheel, a source tarball or a source checkout of Odoo 18.0 you name;
2. ../shared/vendor/odoo/ beside the clone: the nightly wheel, checked against its
   SHA256SUMS (refused if it does not match);
3. Odoo's official nightly source package of 2025-09-25 (NIGHTLY_URL), downloaded.
Never an `odoo` distribution from a package index, never a third-party fork.

Environment: SIMANTAP_VENV (default .venv in the clone) is where the environment lives.
`install.py --lock` rewrites constraints.txt from the environment (after a requirement
changed); `install.py --python` prints the environment's interpreter.
"""

import hashlib
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
VENV = os.path.abspath(os.environ.get("SIMANTAP_VENV") or os.path.join(REPO, ".venv"))
VENV_PYTHON = os.path.join(VENV, "bin", "python")
STAMP = os.path.join(VENV, ".simantap-install.json")
CONSTRAINTS = os.path.join(REPO, "constraints.txt")
REQUIREMENTS = [
    CONSTRAINTS,
    os.path.join(REPO, "requirements.txt"),
    os.path.join(REPO, "requirements-dev.txt"),
]
VENDOR = os.path.join(os.path.dirname(REPO), "shared", "vendor", "odoo")
# The Odoo every test ran on: the official nightly of 2025-09-25 (upstream odoo/odoo
# commit b9d6747abc913c41e936b29e0890f83133941497).
NIGHTLY_VERSION = "18.0.post20250925"
NIGHTLY_URL = "https://nightly.odoo.com/18.0/nightly/src/odoo_18.0.20250925.tar.gz"
# The checksum of the nightly tarball could not be taken on our machines (they do not
# reach Odoo's server); set SIMANTAP_ODOO_SHA256 to have a download checked.
NIGHTLY_SHA256 = os.environ.get("SIMANTAP_ODOO_SHA256")
NO_ODOO = (
    "No Odoo 18.0 to install: set SIMANTAP_ODOO to an Odoo 18.0 wheel, source tarball "
    f"or checkout (e.g. {NIGHTLY_URL}), or put shared/vendor/odoo beside the clone."
)


def sha256(path):
    digest = hashlib.sha256()
    with open(path, "rb") as handle:
        for block in iter(lambda: handle.read(1 << 20), b""):
            digest.update(block)
    return digest.hexdigest()


def vendor_wheel():
    """The vendored wheel, checked against SHA256SUMS; None when there is none."""
    sums = os.path.join(VENDOR, "SHA256SUMS")
    if not os.path.isfile(sums):
        return None
    expected = {}
    with open(sums, encoding="utf-8") as handle:
        for line in handle:
            if line.strip():
                digest, name = line.split(None, 1)
                expected[name.strip().lstrip("*")] = digest
    wheels = [name for name in expected if name.endswith(".whl")]
    if not wheels:
        return None
    path = os.path.join(VENDOR, wheels[0])
    if not os.path.isfile(path) or sha256(path) != expected[wheels[0]]:
        sys.exit(f"{path} does not match {sums}: refusing to install it.")
    return path


def download_nightly():
    """Odoo's nightly source package, or exit with one line saying what to provide."""
    cache = os.path.join(VENV + "-downloads")
    os.makedirs(cache, exist_ok=True)
    target = os.path.join(cache, os.path.basename(NIGHTLY_URL))
    if not os.path.isfile(target):
        print(f"install: downloading {NIGHTLY_URL}", flush=True)
        try:
            with (
                urllib.request.urlopen(NIGHTLY_URL, timeout=30) as answer,
                tempfile.NamedTemporaryFile(dir=cache, delete=False) as part,
            ):
                shutil.copyfileobj(answer, part)
        except OSError:
            sys.exit(NO_ODOO)
        os.replace(part.name, target)
    if NIGHTLY_SHA256 and sha256(target) != NIGHTLY_SHA256:
        os.remove(target)
        sys.exit(f"{NIGHTLY_URL} does not match SIMANTAP_ODOO_SHA256: refused.")
    return target


def odoo_source():
    """(path, identity) of the Odoo to install, in the documented order."""
    named = os.environ.get("SIMANTAP_ODOO")
    if named:
        path = os.path.abspath(named)
        if not os.path.exists(path):
            sys.exit(f"SIMANTAP_ODOO={named} does not exist.")
        stat = os.stat(path)
        return path, f"{path}:{stat.st_size}:{int(stat.st_mtime)}"
    wheel = vendor_wheel()
    if wheel:
        return wheel, os.path.basename(wheel)
    return download_nightly(), NIGHTLY_URL


def fingerprint(identity):
    digest = hashlib.sha256(identity.encode())
    for path in [*REQUIREMENTS, os.path.abspath(__file__)]:
        with open(path, "rb") as handle:
            digest.update(handle.read())
    return digest.hexdigest()


def pip(*args):
    subprocess.run(
        [VENV_PYTHON, "-m", "pip", "--disable-pip-version-check", "-q", *args],
        check=True,
    )


def install_odoo(path):
    if os.path.isdir(path):
        # a checkout: editable, so that its addons/ folder sits beside the package
        # (scripts/odoo_env.py puts it on the addons path)
        pip(
            "install", "--no-deps", "-e", path, "--config-settings=editable_mode=compat"
        )
    else:
        # a wheel or a source package, never looked up on an index
        pip("install", "--no-deps", "--no-index", "--no-build-isolation", path)


def odoo_distribution_version():
    """The version of the `odoo` distribution in the environment (before its
    requirements are in, so without importing it)."""
    return subprocess.run(
        [VENV_PYTHON, "-c", "import importlib.metadata as m; print(m.version('odoo'))"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.strip()


def check_odoo_imports():
    out = subprocess.run(
        [VENV_PYTHON, "-c", "import odoo.release as r; print(r.version_info[0])"],
        capture_output=True,
        text=True,
        check=False,
    )
    if out.returncode:
        sys.exit(f"Odoo does not import in {VENV}:\n{out.stderr.strip()}")
    if out.stdout.strip() != "18":
        sys.exit(f"The Odoo installed in {VENV} is not 18.0: Simantap needs Odoo 18.0.")


def install():
    source, identity = odoo_source()
    wanted = fingerprint(identity)
    if os.path.isfile(STAMP) and os.access(VENV_PYTHON, os.X_OK):
        with open(STAMP, encoding="utf-8") as handle:
            if json.load(handle).get("fingerprint") == wanted:
                print(f"install: {VENV} is up to date", flush=True)
                return
    started = time.time()
    if not os.access(VENV_PYTHON, os.X_OK):
        print(f"install: creating {VENV}", flush=True)
        subprocess.run([sys.executable, "-m", "venv", VENV], check=True)
    # pip, setuptools and wheel first: building a source package needs them
    pip("install", "-c", CONSTRAINTS, "pip", "setuptools", "wheel")
    print(f"install: Odoo from {source}", flush=True)
    install_odoo(source)
    version = odoo_distribution_version()
    with tempfile.NamedTemporaryFile("w", suffix=".txt", delete=False) as pin:
        # the OCA addons require `odoo`: the one just installed, never an index's
        pin.write(f"odoo=={version}\n")
    try:
        args = ["install", "-c", pin.name]
        for path in REQUIREMENTS:
            args += ["-r", path]
        print("install: the pinned requirements (constraints.txt)", flush=True)
        pip(*args)
    finally:
        os.remove(pin.name)
    subprocess.run([VENV_PYTHON, "-m", "pip", "check"], check=True)
    check_odoo_imports()
    with open(STAMP, "w", encoding="utf-8") as handle:
        json.dump({"fingerprint": wanted, "odoo": version, "source": identity}, handle)
    print(
        f"install: Odoo {version} and the requirements in {VENV} "
        f"({time.time() - started:.0f} s)",
        flush=True,
    )


def lock():
    """Rewrite constraints.txt's pins from the environment, keeping its header and the
    notes on relaxed pins."""
    with open(CONSTRAINTS, encoding="utf-8") as handle:
        lines = handle.read().splitlines()
    header = [line for line in lines if line.startswith("#")]
    notes = {
        line.split("==")[0].lower(): line.split("#", 1)[1].strip()
        for line in lines
        if "==" in line and "#" in line and not line.startswith("#")
    }
    frozen = subprocess.run(
        [VENV_PYTHON, "-m", "pip", "freeze", "--all"],
        capture_output=True,
        text=True,
        check=True,
    ).stdout.splitlines()
    pins = []
    for line in frozen:
        name = line.split("==")[0].lower()
        if "==" not in line or name == "odoo":
            continue
        pins.append(f"{line}  # {notes[name]}" if name in notes else line)
    with open(CONSTRAINTS, "w", encoding="utf-8") as handle:
        handle.write("\n".join([*header, *sorted(pins, key=str.lower)]) + "\n")


if __name__ == "__main__":
    if "--python" in sys.argv:
        print(VENV_PYTHON)
    elif "--lock" in sys.argv:
        lock()
    else:
        install()
