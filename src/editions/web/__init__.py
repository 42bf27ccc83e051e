"""``editions review``: the local review page, served by the package (no CDN, no build step).

:func:`serve` binds 127.0.0.1 unless told otherwise, prints the URL with this run's secret
token, opens the browser, and stops cleanly on Ctrl+C. The page and its assets live in
``templates/`` and ``static/`` beside this module.
"""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import webbrowser

from editions.web.app import Review, create_app

LOCAL_HOST = "127.0.0.1"


def default_reviewer() -> str:
    """``Name <email>`` from git's configuration, or "" when git has none."""
    parts = []
    for key in ("user.name", "user.email"):
        try:
            result = subprocess.run(
                ["git", "config", key], capture_output=True, text=True, timeout=5, check=False
            )
        except (OSError, subprocess.TimeoutExpired):
            return ""
        parts.append(result.stdout.strip())
    name, email = parts
    return f"{name} <{email}>" if name and email else name or email


def free_port(host: str) -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return int(probe.getsockname()[1])


def serve(review: Review, *, host: str = LOCAL_HOST, port: int = 0, browser: bool = True) -> None:
    """Run the review page until Ctrl+C."""
    import uvicorn

    port = port or free_port(host)
    names = {host, "localhost"} if host == LOCAL_HOST else {host}
    review.hosts = frozenset(f"{name}:{port}" for name in names)
    url = f"http://{host}:{port}/?token={review.token}"
    config = uvicorn.Config(
        create_app(review), host=host, port=port, log_level="warning", access_log=False
    )
    server = uvicorn.Server(config)
    print(f"review {review.language} at {url}", flush=True)
    print("  (Ctrl+C stops the server; every save is already on disk)", flush=True)
    if browser:
        webbrowser.open(url)
    with contextlib.suppress(KeyboardInterrupt):  # uvicorn handles SIGINT itself
        server.run()
    print("review server stopped", file=sys.stderr)


__all__ = ["Review", "create_app", "default_reviewer", "serve"]
