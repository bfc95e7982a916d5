"""Runs the studio under uvicorn: 127.0.0.1 unless --host, then only with an access token."""

from __future__ import annotations

import errno
import socket
import threading
import webbrowser
from dataclasses import dataclass
from pathlib import Path

from ..i18n import _
from .security import new_token

LOCAL = "127.0.0.1"


@dataclass(frozen=True)
class Address:
    host: str
    port: int
    token: str | None

    @property
    def url(self) -> str:
        shown = self.host
        if ":" in shown:
            shown = f"[{shown}]"
        return f"http://{shown}:{self.port}/" + (f"?token={self.token}" if self.token else "")


class PortInUse(Exception):
    pass


def allowed_hosts(host: str, port: int) -> set[str] | None:
    """Host headers the studio answers to on 127.0.0.1 (DNS rebinding gets none of them)."""
    if host != LOCAL:
        return None  # any address of this machine; the access token protects it
    return {f"{name}:{port}" for name in (LOCAL, "localhost")}


def bind(host: str, port: int) -> socket.socket:
    """The listening socket, opened before uvicorn starts so a busy port is a clear message."""
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        sock.bind((host, port))
    except OSError as exc:
        sock.close()
        if exc.errno in (errno.EADDRINUSE, errno.EACCES):
            raise PortInUse(port) from None
        raise
    sock.listen(64)
    sock.set_inheritable(True)
    return sock


def serve(
    content: Path,
    out_dir: Path,
    host: str | None,
    port: int,
    language: str,
    open_browser: bool,
    on_ready=None,
) -> None:
    """Serve until Ctrl-C. ``on_ready(address)`` is called once the socket listens."""
    import uvicorn

    from .app import create_app

    bound_host = host or LOCAL
    token = new_token() if host else None
    sock = bind(bound_host, port)
    actual_port = sock.getsockname()[1]
    address = Address(bound_host, actual_port, token)
    app = create_app(
        content, out_dir, language=language, access_token=token, allowed_hosts=allowed_hosts(bound_host, actual_port)
    )
    config = uvicorn.Config(app, log_level="warning", access_log=False, lifespan="off", server_header=False)
    server = uvicorn.Server(config)
    if on_ready:
        on_ready(address)
    if open_browser:
        threading.Timer(0.3, lambda: webbrowser.open(address.url)).start()
    try:
        server.run(sockets=[sock])
    finally:
        sock.close()


def port_message(port: int) -> str:
    return _("port {port} is in use (another booklet studio?); try --port {next}").format(port=port, next=port + 1)
