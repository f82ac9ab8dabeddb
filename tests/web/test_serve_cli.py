"""``storydiff serve`` as a user runs it: a real uvicorn process on a loopback port."""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _serve(store: Path, *extra: str) -> tuple[subprocess.Popen[str], str]:
    port = _free_port()
    host = extra[extra.index("--host") + 1] if "--host" in extra else "127.0.0.1"
    process = subprocess.Popen([sys.executable, "-m", "storydiff.cli", "serve", "--db", str(store),
                                "--port", str(port), *extra], stderr=subprocess.PIPE, text=True,
                               env={**os.environ, "PYTHONUNBUFFERED": "1"})
    base = f"http://{host}:{port}"
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/healthz", timeout=2).status_code == 200:
                return process, base
        except httpx.TransportError:
            time.sleep(0.2)
    process.kill()
    raise AssertionError(f"storydiff serve did not answer: {process.stderr.read() if process.stderr else ''}")


def _stop(process: subprocess.Popen[str]) -> str:
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=30)
    return err


def test_serve_binds_loopback_and_answers(store_path: Path) -> None:
    process, base = _serve(store_path)
    try:
        home = httpx.get(base + "/", timeout=30)
        assert home.status_code == 200 and "Marren council votes to freeze tram fares" in home.text
        assert "server" not in home.headers
    finally:
        err = _stop(process)
    assert "serving" in err and "warning" not in err


def test_serve_warns_when_bound_elsewhere(store_path: Path) -> None:
    process, _ = _serve(store_path, "--host", "127.0.0.2")  # another address, still this machine
    err = _stop(process)
    assert "warning: serving on 127.0.0.2" in err


@pytest.mark.parametrize("args, message", [(["--port", "70000"], "--port must be"),
                                           (["--db", "no-such.db"], "no such store")])
def test_serve_refuses_bad_options(tmp_path: Path, args: list[str], message: str,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    from storydiff.cli import main

    code = main(["serve", "--db", str(tmp_path / "x.db"), *args] if "--db" not in args else ["serve", *args])
    assert code in (1, 2) and message in capsys.readouterr().err
