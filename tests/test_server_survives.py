"""`make run`'s server as a regency runs it: restarted on a database whose TPP month
is locked, with one worker and with the compose stack's two workers and gevent port.
A client that stalls in the middle of its body outlives the time limit; the server
reloads or replaces the worker and keeps serving, with no traceback in its log."""

import base64
import os
import shutil
import socket
import subprocess
import sys
import threading
import time

import pytest
import requests
from conftest import REPO, JsonRpc, _free_port

pytest.register_assert_rewrite("phone")
# the fixture admin
pytest_plugins = ("phone",)

RUN = os.path.join(REPO, "scripts", "run.py")
# limit_time_real of the servers started here (seconds): above what a first
# request takes on a busy machine (it loads the registry and builds the assets)
TIME_LIMIT = 30


class MakeRun:
    """`scripts/run.py` (what `make run` and the compose stack start) on the test
    database, with a configuration file like config/odoo.conf."""

    def __init__(self, db, tmp_path, **options):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log_path = tmp_path / "run.log"
        conf = tmp_path / "odoo.conf"
        options = {
            "http_interface": "127.0.0.1",
            "limit_time_real": TIME_LIMIT,
            "max_cron_threads": 0,
            **options,
        }
        lines = ["[options]", *(f"{key} = {value}" for key, value in options.items())]
        conf.write_text("\n".join(lines) + "\n")
        env = dict(
            os.environ,
            SIMANTAP_DB=db,
            SIMANTAP_HTTP_PORT=str(self.port),
            SIMANTAP_ODOO_CONF=str(conf),
        )
        self.log = open(self.log_path, "w", encoding="utf-8")
        self.proc = subprocess.Popen(
            [sys.executable, RUN], env=env, stdout=self.log, stderr=subprocess.STDOUT
        )

    def text(self):
        return self.log_path.read_text(encoding="utf-8", errors="replace")

    def wait_for_announcement(self, limit=600):
        deadline = time.time() + limit
        while time.time() < deadline:
            if "Simantap is served on" in self.text():
                return
            if self.proc.poll() is not None:
                break
            time.sleep(0.5)
        pytest.fail(f"make run did not serve:\n{self.text()[-5000:]}")

    def serves(self, limit=180):
        """True when the login page answers within ``limit`` seconds."""
        deadline = time.time() + limit
        while time.time() < deadline and self.proc.poll() is None:
            try:
                if requests.get(f"{self.url}/web/login", timeout=60).status_code == 200:
                    return True
            except requests.RequestException:
                pass
            time.sleep(0.5)
        return False

    def stop(self):
        self.proc.terminate()
        try:
            self.proc.wait(timeout=30)
        except subprocess.TimeoutExpired:
            self.proc.kill()
            self.proc.wait()
        self.log.close()


def stall(port, path="/web/login"):
    """Send a POST's headers and 10 of its 100 body bytes, then nothing."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "Content-Length: 100\r\n\r\nlogin=abcd".encode()
    )
    return sock


def trickle(port, seconds, path="/web/login"):
    """A slow upload on a poor mobile link: a POST's body a byte a second."""
    sock = socket.create_connection(("127.0.0.1", port), timeout=30)
    sock.sendall(
        f"POST {path} HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
        "Content-Type: application/x-www-form-urlencoded\r\n"
        "Content-Length: 1000\r\n\r\n".encode()
    )

    def send():
        try:
            for _second in range(seconds):
                sock.sendall(b"a")
                time.sleep(1)
        except OSError:
            pass  # the server gave up on it
        finally:
            sock.close()

    thread = threading.Thread(target=send, daemon=True)
    thread.start()
    return thread


def websocket_handshake(port):
    """The status line of Odoo's answer to a websocket upgrade on ``port``."""
    key = base64.b64encode(os.urandom(16)).decode()
    with socket.create_connection(("127.0.0.1", port), timeout=30) as sock:
        sock.sendall(
            f"GET /websocket HTTP/1.1\r\nHost: 127.0.0.1:{port}\r\n"
            f"Origin: http://127.0.0.1:{port}\r\n"
            "Upgrade: websocket\r\nConnection: Upgrade\r\n"
            f"Sec-WebSocket-Key: {key}\r\nSec-WebSocket-Version: 13\r\n\r\n".encode()
        )
        return sock.recv(4096).split(b"\r\n", 1)[0].decode()


def assert_no_traceback(server):
    text = server.text()
    assert "Traceback" not in text, text[-5000:]
    assert "ImportError" not in text, text[-5000:]


@pytest.fixture(scope="module")
def locked_month(odoo_server):
    """A TPP month locked under the default rule set (January 2021)."""
    admin = JsonRpc(odoo_server)
    assert admin.login("admin", "admin")
    found = admin.model(
        "simantap.sanction.period",
        "search_read",
        [("date_from", "=", "2021-01-01")],
        fields=["state"],
    )
    if found:
        period = found[0]["id"]
    else:
        period = admin.model(
            "simantap.sanction.period", "create", {"date_from": "2021-01-01"}
        )
    if not found or found[0]["state"] != "locked":
        for action in ("action_compute", "action_start_review", "action_lock"):
            admin.model("simantap.sanction.period", action, [period])
    state = admin.model(
        "simantap.sanction.period", "read", [period], fields=["state", "rule_set_id"]
    )[0]
    assert state["state"] == "locked"
    return state


def test_make_run_restarts_on_a_locked_month_and_survives_a_stalled_client(
    odoo_server, locked_month, tmp_path
):
    server = MakeRun(odoo_server["db"], tmp_path, workers=0)
    try:
        server.wait_for_announcement()
        assert server.serves(), server.text()[-5000:]
        # a government server: no database manager, no public sign-up
        for path in ("/web/database/manager", "/web/database/selector", "/web/signup"):
            assert requests.get(f"{server.url}{path}", timeout=60).status_code == 404
        seen = len(server.text())
        sock = stall(server.port)
        # the stalled request outlives limit_time_real: Odoo reloads itself
        # (re-executes its own command) at its next check, within a minute
        deadline = time.time() + TIME_LIMIT + 150
        while "Initiating server reload" not in server.text()[seen:]:
            assert time.time() < deadline, server.text()[-5000:]
            assert server.proc.poll() is None, server.text()[-5000:]
            time.sleep(1)
        sock.close()
        assert server.serves(), server.text()[-5000:]
        assert server.proc.poll() is None
        assert_no_traceback(server)
    finally:
        server.stop()


class Nginx:
    """The compose stack's proxy: config/nginx.conf, its upstreams pointed at a
    local Odoo, listening on a free loopback port."""

    def __init__(self, directory, http_port, gevent_port):
        self.port = _free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        with open(os.path.join(REPO, "config", "nginx.conf"), encoding="utf-8") as f:
            site = (
                f.read()
                .replace("server odoo:8069;", f"server 127.0.0.1:{http_port};")
                .replace("server odoo:8072;", f"server 127.0.0.1:{gevent_port};")
                .replace("listen 80;", f"listen 127.0.0.1:{self.port};")
            )
        (directory / "site.conf").write_text(site)
        temp = " ".join(
            f"{kind}_temp_path {directory}/{kind};"
            for kind in ("client_body", "proxy", "fastcgi", "uwsgi", "scgi")
        )
        (directory / "nginx.conf").write_text(
            ("user root;\n" if os.geteuid() == 0 else "")
            + f"daemon off;\npid {directory}/nginx.pid;\n"
            f"error_log {directory}/error.log;\nevents {{}}\n"
            f"http {{ access_log off; {temp} include {directory}/site.conf; }}\n"
        )
        self.proc = subprocess.Popen(
            [NGINX, "-p", str(directory), "-c", str(directory / "nginx.conf")]
        )
        deadline = time.time() + 30
        while True:
            try:
                socket.create_connection(("127.0.0.1", self.port), timeout=5).close()
                break
            except OSError:
                assert time.time() < deadline, "nginx did not start"
                assert self.proc.poll() is None, "nginx did not start"
                time.sleep(0.2)

    def stop(self):
        self.proc.terminate()
        self.proc.wait(timeout=30)


NGINX = shutil.which("nginx") or "/usr/sbin/nginx"
COMPOSE_TIME_LIMIT = 8


@pytest.fixture(scope="module")
def compose_stack(odoo_server, tmp_path_factory):
    """`make run`'s server with the compose stack's settings (two workers, the
    gevent port, proxy_mode) behind the stack's nginx."""
    if not os.path.exists(NGINX):
        pytest.skip("nginx is not installed (apt-get install nginx)")
    gevent_port = _free_port()
    server = MakeRun(
        odoo_server["db"],
        tmp_path_factory.mktemp("compose"),
        workers=2,
        gevent_port=gevent_port,
        proxy_mode=True,
        # a worker loads nothing at its first request (the master preloads)
        limit_time_real=COMPOSE_TIME_LIMIT,
    )
    proxy = None
    try:
        server.wait_for_announcement()
        proxy = Nginx(tmp_path_factory.mktemp("nginx"), server.port, gevent_port)
        server.gevent_port = gevent_port
        server.proxy = proxy
        yield server
    finally:
        if proxy:
            proxy.stop()
        server.stop()


def test_compose_configuration_serves_its_websocket_through_the_proxy(compose_stack):
    deadline = time.time() + 120
    while True:
        try:
            status = websocket_handshake(compose_stack.gevent_port)
            break
        except OSError:
            assert time.time() < deadline, compose_stack.text()[-5000:]
            time.sleep(1)
    assert status.startswith("HTTP/1.1 101"), status
    assert websocket_handshake(compose_stack.proxy.port).startswith("HTTP/1.1 101")
    page = requests.get(f"{compose_stack.proxy.url}/web/login", timeout=60)
    assert page.status_code == 200
    assert_no_traceback(compose_stack)


def test_compose_configuration_survives_a_stalled_client_and_a_slow_upload(
    compose_stack,
):
    assert compose_stack.serves(), compose_stack.text()[-5000:]
    # a client that stops sending is dropped by its worker's socket timeout
    sock = stall(compose_stack.port)
    assert compose_stack.serves(limit=60), compose_stack.text()[-5000:]
    sock.close()
    # a slow upload outlives the time limit: the master kills that worker and
    # starts another
    seen = len(compose_stack.text())
    uploader = trickle(compose_stack.port, COMPOSE_TIME_LIMIT + 30)
    deadline = time.time() + COMPOSE_TIME_LIMIT + 60
    while "timeout after" not in compose_stack.text()[seen:]:
        assert time.time() < deadline, compose_stack.text()[-5000:]
        time.sleep(1)
    uploader.join(timeout=60)
    assert compose_stack.serves(), compose_stack.text()[-5000:]
    assert websocket_handshake(compose_stack.gevent_port).startswith("HTTP/1.1 101")
    assert compose_stack.proxy.proc.poll() is None
    assert compose_stack.proc.poll() is None
    assert_no_traceback(compose_stack)


def test_forged_forwarded_addresses_do_not_escape_the_sign_in_cooldown(
    compose_stack, admin
):
    """Behind its proxy, Odoo believes X-Forwarded-For: the proxy must replace a
    client's own, and the count is shared by both workers."""
    parameter = "base.login_cooldown_after"
    before = admin.model("ir.config_parameter", "get_param", parameter)
    admin.model("ir.config_parameter", "set_param", parameter, "3")
    url = f"{compose_stack.proxy.url}/simantap/api/v1/auth/sign-in"
    body = {"login": "forger", "password": "guess", "device_id": "forged-phone"}
    try:
        codes = []
        for attempt in range(6):
            forged = {
                "X-Forwarded-For": f"10.9.8.{attempt}",
                "X-Forwarded-Host": "example.org",
            }
            response = requests.post(url, json=body, headers=forged, timeout=60)
            codes.append(response.json()["detail"]["code"])
        assert codes[:3] == ["invalid_credentials"] * 3, codes
        assert codes[3:] == ["sign_in_cooldown"] * 3, codes
    finally:
        admin.model("ir.config_parameter", "set_param", parameter, before or "0")
