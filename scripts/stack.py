"""`make stack` / `make stack-stop`: a production-shaped Simantap on one machine, on
loopback, from Debian's packages.

    nginx :8280 ──> Odoo A :8281 (2 workers + 1 cron worker), /websocket -> :8282
             └───> Odoo B :8283 (2 workers + 1 cron worker), /websocket -> :8284
    Odoo ──> PostgreSQL 15/simantap_primary :5434 ──streaming──> 15/simantap_replica :5435
             (read-only routes go to the replica: db_replica_host/db_replica_port)

The two clusters are the stack's own (pg_createcluster), never the machine's 15/main:
the stack sets replication and synchronous-commit settings that must not reach the
cluster everyone else uses.  Commits of the stack's database wait until the replica has
*applied* them (synchronous_commit = remote_apply): a phone that just wrote and then
reads from the replica sees its write (docs/stack.md).  Everything the stack writes
(filestore, logs, pids, nginx config) is under .stack/ (git-ignored).

    python3 scripts/stack.py up [--servers 2] [--workers 2]
    python3 scripts/stack.py down            # stop everything (the clusters keep their data)
    python3 scripts/stack.py status
    python3 scripts/stack.py purge           # down, then drop both clusters and .stack/
"""

import argparse
import os
import shutil
import signal
import subprocess
import sys
import time
import urllib.request

import odoo_env

REPO = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
STATE = os.environ.get("SIMANTAP_STACK_DIR", os.path.join(REPO, ".stack"))
DB = os.environ.get("SIMANTAP_STACK_DB", "simantap_stack")
PG_VERSION = "15"
PRIMARY = ("simantap_primary", int(os.environ.get("SIMANTAP_STACK_PG_PORT", "5434")))
REPLICA = (
    "simantap_replica",
    int(os.environ.get("SIMANTAP_STACK_REPLICA_PORT", "5435")),
)
PROXY_PORT = int(os.environ.get("SIMANTAP_STACK_PORT", "8280"))
# server i listens on BASE + 2i + 1 (http) and BASE + 2i + 2 (gevent)
SERVER_BASE = PROXY_PORT
DB_USER = "root"
MODULES = "simantap_attendance,simantap_sanction,simantap_mobile_api"
PG_BIN = f"/usr/lib/postgresql/{PG_VERSION}/bin"


def log(message):
    print(f"stack: {message}", flush=True)


def run(args, check=True, **kwargs):
    return subprocess.run(args, check=check, **kwargs)


def as_postgres(args, check=True):
    return run(["runuser", "-u", "postgres", "--", *args], check=check)


def psql(port, sql, db="postgres", user="postgres"):
    out = run(
        [
            "psql",
            "-h",
            "127.0.0.1",
            "-p",
            str(port),
            "-U",
            user,
            "-d",
            db,
            "-XAtqc",
            sql,
        ],
        capture_output=True,
        text=True,
    )
    return out.stdout.strip()


def clusters():
    out = run(["pg_lsclusters", "-h"], capture_output=True, text=True).stdout
    found = {}
    for line in out.splitlines():
        version, name, port, status = line.split()[:4]
        if version == PG_VERSION:
            found[name] = (int(port), status)
    return found


def conf_dir(name):
    return f"/etc/postgresql/{PG_VERSION}/{name}"


def data_dir(name):
    return f"/var/lib/postgresql/{PG_VERSION}/{name}"


def write_conf(name, lines):
    """The stack's settings, in the cluster's conf.d (read after postgresql.conf)."""
    path = os.path.join(conf_dir(name), "conf.d", "simantap-stack.conf")
    with open(path, "w") as file:
        file.write("# written by simantap scripts/stack.py\n" + "\n".join(lines) + "\n")


def write_hba(name):
    with open(os.path.join(conf_dir(name), "pg_hba.conf"), "w") as file:
        file.write(
            "# written by simantap scripts/stack.py: loopback only, trust (a local stack)\n"
            "local all all trust\n"
            "host all all 127.0.0.1/32 trust\n"
            "local replication all trust\n"
            "host replication all 127.0.0.1/32 trust\n"
        )


def wait_pg(port, timeout=60):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if (
            run(
                ["pg_isready", "-q", "-h", "127.0.0.1", "-p", str(port)], check=False
            ).returncode
            == 0
        ):
            return
        time.sleep(0.5)
    sys.exit(f"stack: PostgreSQL on port {port} did not come up")


def start_cluster(name):
    if not clusters()[name][1].startswith("online"):
        run(["pg_ctlcluster", PG_VERSION, name, "start"])


def primary_up():
    name, port = PRIMARY
    if name not in clusters():
        log(f"creating cluster {PG_VERSION}/{name} on port {port}")
        run(
            [
                "pg_createcluster",
                PG_VERSION,
                name,
                "-p",
                str(port),
                "--start-conf=manual",
            ]
        )
    write_hba(name)
    write_conf(
        name,
        [
            "listen_addresses = '127.0.0.1'",
            "wal_level = replica",
            "max_wal_senders = 5",
            "wal_keep_size = '256MB'",
            "max_connections = 120",
            "shared_buffers = '128MB'",
        ],
    )
    start_cluster(name)
    wait_pg(port)
    if psql(port, f"SELECT 1 FROM pg_roles WHERE rolname = '{DB_USER}'") != "1":
        psql(port, f"CREATE ROLE {DB_USER} SUPERUSER LOGIN")


def replica_up():
    name, port = REPLICA
    if name not in clusters():
        log(
            f"creating cluster {PG_VERSION}/{name} on port {port} as a streaming replica"
        )
        run(
            [
                "pg_createcluster",
                PG_VERSION,
                name,
                "-p",
                str(port),
                "--start-conf=manual",
            ]
        )
    if not os.path.exists(os.path.join(data_dir(name), "standby.signal")):
        # a fresh cluster (or a base backup that did not finish): copy the primary
        if clusters()[name][1] == "online":
            run(["pg_ctlcluster", PG_VERSION, name, "stop", "-m", "fast"])
        os.makedirs(data_dir(name), mode=0o700, exist_ok=True)
        shutil.chown(data_dir(name), "postgres", "postgres")
        for entry in os.listdir(data_dir(name)):
            path = os.path.join(data_dir(name), entry)
            shutil.rmtree(path) if os.path.isdir(path) else os.unlink(path)
        as_postgres(
            [
                f"{PG_BIN}/pg_basebackup",
                "-h",
                "127.0.0.1",
                "-p",
                str(PRIMARY[1]),
                "-U",
                "postgres",
                "-D",
                data_dir(name),
                "-X",
                "stream",
                "-R",
            ]
        )
    # pg_basebackup -R wrote a primary_conninfo without our application_name (the name
    # synchronous_standby_names waits for); ours, in conf.d, is the one to apply
    auto_conf = os.path.join(data_dir(name), "postgresql.auto.conf")
    with open(auto_conf) as file:
        lines = [line for line in file if not line.startswith("primary_conninfo")]
    with open(auto_conf, "w") as file:
        file.writelines(lines)
    write_hba(name)
    write_conf(
        name,
        [
            "listen_addresses = '127.0.0.1'",
            "hot_standby = on",
            "hot_standby_feedback = on",
            "max_connections = 120",
            "shared_buffers = '128MB'",
            f"primary_conninfo = 'host=127.0.0.1 port={PRIMARY[1]} user=postgres "
            f"application_name={name}'",
        ],
    )
    if clusters()[name][1].startswith("online"):
        run(["pg_ctlcluster", PG_VERSION, name, "reload"])
    start_cluster(name)
    wait_pg(port)
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if (
            psql(
                PRIMARY[1],
                f"SELECT state FROM pg_stat_replication WHERE application_name = '{name}'",
            )
            == "streaming"
        ):
            break
        time.sleep(0.5)
    else:
        sys.exit("stack: the replica does not stream from the primary")
    # commits wait until the replica has applied them (read-your-writes on the replica)
    psql(PRIMARY[1], f"ALTER SYSTEM SET synchronous_standby_names = '{name}'")
    psql(PRIMARY[1], "SELECT pg_reload_conf()")


def database_up():
    """Create or update the stack's database with the addons and the demo regency."""
    port = PRIMARY[1]
    exists = psql(port, f"SELECT 1 FROM pg_database WHERE datname = '{DB}'") == "1"
    flag = "-u" if exists else "-i"
    log(("updating" if exists else "creating") + f" database {DB}")
    extra = [] if exists else ["--load-language=id_ID"]
    run(
        [
            *odoo_command(),
            flag,
            MODULES,
            *extra,
            "--stop-after-init",
            "--log-level=warn",
            "--http-port=0",
        ]
    )
    psql(port, f"ALTER DATABASE {DB} SET synchronous_commit = 'remote_apply'")


def odoo_command():
    # the environment's own `odoo` script, beside the interpreter running this one
    odoo = os.path.join(os.path.dirname(sys.executable), "odoo")
    if "SIMANTAP_VENV" in os.environ:
        odoo = os.path.join(os.environ["SIMANTAP_VENV"], "bin", "odoo")
    return [
        odoo,
        "-d",
        DB,  # no --db-filter: see scripts/run.py
        f"--addons-path={odoo_env.addons_path()}",
        "--db_host=127.0.0.1",
        f"--db_port={PRIMARY[1]}",
        f"--db_user={DB_USER}",
        f"--data-dir={os.path.join(STATE, 'data')}",
        "--no-database-list",
    ]


def server_ports(index):
    return SERVER_BASE + 2 * index + 1, SERVER_BASE + 2 * index + 2


def pidfile(name):
    return os.path.join(STATE, "run", f"{name}.pid")


def servers_up(servers, workers):
    for index in range(servers):
        http_port, gevent_port = server_ports(index)
        name = f"odoo-{index}"
        args = [
            *odoo_command(),
            f"--workers={workers}",
            "--max-cron-threads=1",
            "--http-interface=127.0.0.1",
            f"--http-port={http_port}",
            f"--gevent-port={gevent_port}",
            "--db_replica_host=127.0.0.1",
            f"--db_replica_port={REPLICA[1]}",
            "--proxy-mode",
            "--limit-time-real=300",
            "--limit-time-cpu=120",
            f"--pidfile={pidfile(name)}",
            f"--logfile={os.path.join(STATE, 'log', name + '.log')}",
        ]
        log(
            f"starting {name}: http {http_port}, websocket {gevent_port}, {workers} workers"
        )
        subprocess.Popen(
            args,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
            start_new_session=True,
        )
    for index in range(servers):
        wait_http(f"http://127.0.0.1:{server_ports(index)[0]}/web/health")


def wait_http(url, timeout=240):
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            with urllib.request.urlopen(url, timeout=5) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        time.sleep(1)
    sys.exit(f"stack: {url} did not answer")


def nginx_up(servers):
    with open(os.path.join(REPO, "config", "stack", "nginx.conf.in")) as file:
        template = file.read()
    http = "\n".join(
        f"        server 127.0.0.1:{server_ports(i)[0]};" for i in range(servers)
    )
    gevent = "\n".join(
        f"        server 127.0.0.1:{server_ports(i)[1]};" for i in range(servers)
    )
    conf = (
        template.replace("@STATE@", STATE)
        .replace("@PORT@", str(PROXY_PORT))
        .replace("@HTTP_SERVERS@", http)
        .replace("@GEVENT_SERVERS@", gevent)
    )
    for sub in ("body", "proxy", "fastcgi", "uwsgi", "scgi"):
        os.makedirs(os.path.join(STATE, "nginx", sub), exist_ok=True)
    path = os.path.join(STATE, "nginx", "nginx.conf")
    with open(path, "w") as file:
        file.write(conf)
    # nginx's workers run as root here: a loopback stack for one machine
    run(["nginx", "-g", "user root;", "-p", STATE, "-c", path, "-t", "-q"])
    # daemons keep no handle on our output (a caller reading it would wait forever)
    quiet = {"stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    run(["nginx", "-g", "user root;", "-p", STATE, "-c", path], **quiet)
    wait_http(f"http://127.0.0.1:{PROXY_PORT}/web/health", timeout=30)


def up(servers, workers):
    if os.path.exists(pidfile("nginx")) or os.path.exists(pidfile("odoo-0")):
        log("already running: stopping it first")
        down()
    for sub in ("run", "log", "data"):
        os.makedirs(os.path.join(STATE, sub), exist_ok=True)
    odoo_env.odoo_or_exit()
    primary_up()
    replica_up()
    database_up()
    servers_up(servers, workers)
    nginx_up(servers)
    log(
        f"up: http://127.0.0.1:{PROXY_PORT} (database {DB}, {servers} servers x {workers} workers)"
    )


def stop_pid(name, sig=signal.SIGTERM, timeout=30):
    path = pidfile(name)
    if not os.path.exists(path):
        return
    with open(path) as file:
        pid = int(file.read().strip() or 0)
    if pid:
        try:
            os.kill(pid, sig)
            deadline = time.monotonic() + timeout
            while time.monotonic() < deadline:
                os.kill(pid, 0)
                time.sleep(0.3)
            os.kill(pid, signal.SIGKILL)
        except ProcessLookupError:
            pass
    if os.path.exists(path):
        os.unlink(path)


def servers_down():
    for index in range(8):
        stop_pid(f"odoo-{index}")


def down():
    stop_pid("nginx", signal.SIGQUIT)
    servers_down()
    found = clusters()
    if found.get(PRIMARY[0], (0, ""))[1].startswith("online"):
        # no replica any more: commits must not wait for one
        psql(PRIMARY[1], "ALTER SYSTEM RESET synchronous_standby_names")
        psql(PRIMARY[1], "SELECT pg_reload_conf()")
    for name, _port in (REPLICA, PRIMARY):
        if found.get(name, (0, ""))[1].startswith("online"):
            run(["pg_ctlcluster", PG_VERSION, name, "stop", "-m", "fast"])
    log("down")


def purge():
    down()
    for name, _port in (REPLICA, PRIMARY):
        if name in clusters():
            run(["pg_dropcluster", PG_VERSION, name])
    shutil.rmtree(STATE, ignore_errors=True)
    log("purged")


def status():
    for name, (port, state) in sorted(clusters().items()):
        print(f"postgresql {PG_VERSION}/{name} :{port} {state}")
    for name in ["nginx", *(f"odoo-{i}" for i in range(8))]:
        if os.path.exists(pidfile(name)):
            print(f"{name} pid {open(pidfile(name)).read().strip()}")


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument(
        "action", choices=["up", "down", "status", "purge", "restart-servers"]
    )
    parser.add_argument("--servers", type=int, default=2)
    parser.add_argument("--workers", type=int, default=2)
    options = parser.parse_args()
    if os.geteuid() != 0:
        sys.exit("stack: run as root (pg_createcluster, pg_ctlcluster, nginx)")
    if options.action == "up":
        up(options.servers, options.workers)
    elif options.action == "restart-servers":
        stop_pid("nginx", signal.SIGQUIT)
        servers_down()
        servers_up(options.servers, options.workers)
        nginx_up(options.servers)
    elif options.action == "down":
        down()
    elif options.action == "purge":
        purge()
    else:
        status()


if __name__ == "__main__":
    main()
