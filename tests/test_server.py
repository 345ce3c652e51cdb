"""The production server's workers (ngomonitor/server.py): each listens on a socket of its own beside the master's,
so that the kernel, not a race between the workers, decides which worker takes a connection."""

import logging
import socket
import subprocess
import sys
from pathlib import Path

import pytest

from ngomonitor.server import own_listeners
from tests.support import free_port, wait_until_up

ROOT = Path(__file__).resolve().parent.parent
GUNICORN = str(Path(sys.executable).parent / "gunicorn")
LOG = logging.getLogger("tests.server")


def listener(reuse_port):
    sock = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, int(reuse_port))
    sock.bind(("127.0.0.1", 0))
    sock.listen(8)
    return sock


def test_a_worker_gets_its_own_socket_on_the_shared_address():
    shared = listener(reuse_port=True)
    try:
        (own,) = own_listeners([shared], 16, LOG)
        try:
            assert own.getsockname() == shared.getsockname() and own.fileno() != shared.fileno()
            assert own.getsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT) == 1
            assert own.getsockopt(socket.SOL_SOCKET, socket.SO_ACCEPTCONN) == 1
            assert not own.getblocking()
        finally:
            own.close()
    finally:
        shared.close()


def test_without_reuse_port_or_tcp_the_shared_socket_serves_alone(tmp_path):
    """gunicorn without `reuse_port` (the flag must be on every socket of the port), or a Unix socket: nothing."""
    plain = listener(reuse_port=False)
    unix = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    unix.bind(str(tmp_path / "gunicorn.sock"))
    try:
        assert own_listeners([plain, unix], 16, LOG) == []
    finally:
        plain.close()
        unix.close()


def test_an_address_it_cannot_bind_is_logged_and_skipped(caplog):
    class Elsewhere:
        """A listener on an address of another machine (TEST-NET-1): binding it here fails."""

        family = socket.AF_INET

        def getsockopt(self, *args):
            return 1

        def getsockname(self):
            return ("192.0.2.1", 8000)

    with caplog.at_level(logging.WARNING, logger="tests.server"):
        assert own_listeners([Elsewhere()], 16, LOG) == []
    assert "no listening socket of its own on ('192.0.2.1', 8000)" in caplog.text


@pytest.mark.skipif(not Path("/proc/net/tcp").exists(), reason="counts listening sockets in Linux's /proc/net/tcp")
def test_the_production_server_listens_once_per_worker_and_once_shared(tmp_path):
    """gunicorn.conf.py with two workers: three listening sockets on the port (the master's and one per worker),
    and requests are answered."""
    port = free_port()
    env = {"PATH": "/usr/bin:/bin", "DATABASE_URL": f"sqlite:///{tmp_path / 'empty.sqlite3'}", "DEBUG": "1"}
    process = subprocess.Popen(
        [GUNICORN, "-w", "2", "-b", f"127.0.0.1:{port}"], env=env, cwd=ROOT, stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )  # fmt: skip
    try:
        base = f"http://127.0.0.1:{port}"
        wait_until_up(base, process)
        for _ in range(8):
            with socket.create_connection(("127.0.0.1", port)) as client:
                client.sendall(b"GET /robots.txt HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
                assert client.recv(64).startswith(b"HTTP/1.1 200")
        listening = [
            line.split()
            for line in Path("/proc/net/tcp").read_text().splitlines()[1:]
            if line.split()[1].endswith(f":{port:04X}") and line.split()[3] == "0A"  # 0A: LISTEN
        ]
        assert len(listening) == 3
    finally:
        process.terminate()
        process.wait(timeout=10)
