"""A real ``redis-server`` on loopback, started and stopped by tests and benchmarks.

``RedisLimiter`` is tested against Redis itself, never a mock: this starts the
Debian package's ``redis-server`` on ``127.0.0.1`` on a free port, with no
persistence, in a directory of the caller's choosing, and kills it on ``stop``.
``restart`` keeps the port, so clients holding the URL reconnect to an empty Redis:
what a crash or a failover without replicas does to a limiter's ledger.
"""

from __future__ import annotations

import shutil
import socket
import subprocess
import tempfile
import time
from pathlib import Path
from types import TracebackType

__all__ = ["RedisServer"]


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class RedisServer:
    """One ``redis-server`` subprocess on 127.0.0.1 (``with RedisServer() as redis: ...``).

    Args:
        directory: where Redis may write (a temporary directory when ``None``).
        binary: the ``redis-server`` executable (found on ``PATH`` when ``None``).
        port: the port (a free one when ``None``).

    Raises:
        FileNotFoundError: ``redis-server`` is not installed (``apt-get install
            redis-server``).
    """

    def __init__(
        self,
        directory: Path | str | None = None,
        *,
        binary: str | None = None,
        port: int | None = None,
    ) -> None:
        found = binary or shutil.which("redis-server")
        if found is None:
            raise FileNotFoundError(
                "redis-server is not on PATH: install it (apt-get install redis-server) to "
                "test against a real Redis"
            )
        self.binary = found
        self.port = port if port is not None else _free_port()
        self._tmp: tempfile.TemporaryDirectory[str] | None = None
        if directory is None:
            self._tmp = tempfile.TemporaryDirectory(prefix="helpscout-redis-")
            directory = self._tmp.name
        self.directory = Path(directory)
        self.process: subprocess.Popen[bytes] | None = None

    def __repr__(self) -> str:
        state = "running" if self.running else "stopped"
        return f"RedisServer(port={self.port}, {state})"

    @property
    def url(self) -> str:
        """``redis://127.0.0.1:PORT/0``."""
        return f"redis://127.0.0.1:{self.port}/0"

    @property
    def running(self) -> bool:
        """Whether the process is alive."""
        return self.process is not None and self.process.poll() is None

    def start(self, timeout: float = 10.0) -> None:
        """Start the server and wait until it answers ``PING``.

        Args:
            timeout: seconds to wait for the first ``PONG``.

        Raises:
            RuntimeError: the server exited or did not answer in time.
        """
        self.process = subprocess.Popen(
            [
                self.binary,
                *("--port", str(self.port), "--bind", "127.0.0.1"),
                *("--save", "", "--appendonly", "no", "--dir", str(self.directory)),
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + timeout
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                code = self.process.returncode
                self.process = None
                raise RuntimeError(f"redis-server exited with {code} (port {self.port} taken?)")
            if self._pong():
                return
            time.sleep(0.02)
        self.stop()
        raise RuntimeError(f"redis-server did not answer PING within {timeout:g} s")

    def _pong(self) -> bool:
        try:
            with socket.create_connection(("127.0.0.1", self.port), timeout=0.5) as sock:
                sock.sendall(b"PING\r\n")
                return sock.recv(16).startswith(b"+PONG")
        except OSError:
            return False

    def stop(self) -> None:
        """Kill the server (as a crash would) and wait for it to exit.

        Returns:
            None.
        """
        process, self.process = self.process, None
        if process is not None and process.poll() is None:
            process.kill()
            process.wait(timeout=10)

    def restart(self, down_for: float = 0.0) -> None:
        """Kill the server, wait ``down_for`` seconds, start an empty one on the same port.

        Args:
            down_for: seconds during which nothing listens on the port.

        Raises:
            RuntimeError: the new server did not start.
        """
        self.stop()
        if down_for > 0:
            time.sleep(down_for)
        self.start()

    def close(self) -> None:
        """Stop the server and remove its temporary directory, if it made one.

        Returns:
            None.
        """
        self.stop()
        if self._tmp is not None:
            self._tmp.cleanup()
            self._tmp = None

    def __enter__(self) -> RedisServer:
        self.start()
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()
