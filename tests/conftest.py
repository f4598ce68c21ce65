"""A live Odoo server on a free loopback port, on the database `make test` prepared
(SIMANTAP_TEST_DB), for journeys that go over HTTP as a browser or a phone would."""

import os
import socket
import subprocess
import sys
import time

import pytest
import requests

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
sys.path.insert(0, os.path.join(REPO, "scripts"))

import odoo_env  # noqa: E402


def _free_port():
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(scope="session")
def odoo_server(tmp_path_factory):
    db = os.environ.get("SIMANTAP_TEST_DB")
    if not db:
        pytest.skip("SIMANTAP_TEST_DB is not set: run these through `make test`")
    port = _free_port()
    log_path = tmp_path_factory.mktemp("odoo") / "server.log"
    cmd = [
        *odoo_env.odoo_command(),
        "-d",
        db,  # no --db-filter, as scripts/run.py
        f"--addons-path={os.environ.get('SIMANTAP_ADDONS_PATH') or odoo_env.addons_path()}",
        *odoo_env.db_args(),
        "--http-interface=127.0.0.1",
        f"--http-port={port}",
        "--workers=0",
        "--max-cron-threads=0",
        f"--logfile={log_path}",
    ]
    proc = subprocess.Popen(cmd, env=odoo_env.odoo_environ())
    url = f"http://127.0.0.1:{port}"
    try:
        _wait_until_served(proc, url, log_path)
        yield {"url": url, "db": db, "pid": proc.pid}
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=20)
        except subprocess.TimeoutExpired:
            proc.kill()


def _wait_until_served(proc, url, log_path, limit=300):
    deadline = time.time() + limit
    while True:
        try:
            # the first page builds the assets: it may take a while on a busy machine
            if requests.get(f"{url}/web/login", timeout=120).status_code == 200:
                return
        except requests.RequestException:
            pass
        if proc.poll() is not None or time.time() > deadline:
            raise RuntimeError(f"Odoo did not start; see {log_path}")
        time.sleep(0.5)


class JsonRpc:
    """A browser session: log in, then call models like the web client does."""

    def __init__(self, server):
        self.url = server["url"]
        self.db = server["db"]
        self.session = requests.Session()

    def call(self, path, params):
        response = self.session.post(
            f"{self.url}{path}",
            json={"jsonrpc": "2.0", "method": "call", "params": params},
            timeout=60,
        )
        response.raise_for_status()
        return response.json()

    def login(self, login, password):
        body = self.call(
            "/web/session/authenticate",
            {"db": self.db, "login": login, "password": password},
        )
        return "error" not in body and body["result"].get("uid")

    def model(self, model, method, *args, **kwargs):
        body = self.call(
            "/web/dataset/call_kw",
            {"model": model, "method": method, "args": list(args), "kwargs": kwargs},
        )
        if "error" in body:
            raise PermissionError(body["error"]["data"]["message"])
        return body["result"]


@pytest.fixture
def rpc(odoo_server):
    return lambda: JsonRpc(odoo_server)
