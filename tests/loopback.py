"""Real HTTP servers on loopback for the network tests: each records the requests it got
and answers from a table of routes."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Request:
    method: str
    path: str
    headers: dict[str, str]
    body: bytes


@dataclass
class Answer:
    """What a route answers: a status, headers and a body, optionally dripped a few bytes
    at a time (``drip`` seconds between pieces, headers included when ``drip_headers``)."""

    status: int = 200
    headers: dict[str, str] = field(default_factory=dict)
    body: bytes = b""
    drip: float = 0.0
    drip_headers: bool = False


Route = Callable[[Request], Answer]


class Server(ThreadingHTTPServer):
    daemon_threads = True

    def __init__(self, routes: dict[str, Route]) -> None:
        self.routes = routes
        self.requests: list[Request] = []
        super().__init__(("127.0.0.1", 0), _Handler)

    @property
    def port(self) -> int:
        return int(self.server_address[1])

    def url(self, path: str = "/") -> str:
        return f"http://127.0.0.1:{self.port}{path}"

    def paths(self) -> list[str]:
        return [request.path for request in self.requests]


class _Handler(BaseHTTPRequestHandler):
    server: Server
    protocol_version = "HTTP/1.1"

    def _answer(self, method: str) -> None:
        length = int(self.headers.get("Content-Length") or 0)
        request = Request(method, self.path, {k.lower(): v for k, v in self.headers.items()},
                          self.rfile.read(length) if length else b"")
        self.server.requests.append(request)
        route = self.server.routes.get(self.path.split("?", 1)[0])
        answer = route(request) if route else Answer(404, body=b"not here")
        head = [f"HTTP/1.1 {answer.status} X\r\n"]
        headers = {"Content-Length": str(len(answer.body)), "Connection": "close",
                   **answer.headers}
        head += [f"{k}: {v}\r\n" for k, v in headers.items()] + ["\r\n"]
        try:
            self._send("".join(head).encode(), answer.drip if answer.drip_headers else 0)
            self._send(answer.body, answer.drip)
        except OSError:
            pass  # the client gave up, as it should
        self.close_connection = True

    def _send(self, data: bytes, drip: float) -> None:
        if not drip:
            self.wfile.write(data)
            self.wfile.flush()
            return
        for i in range(len(data)):
            self.wfile.write(data[i:i + 1])
            self.wfile.flush()
            time.sleep(drip)

    def do_GET(self) -> None:
        self._answer("GET")

    def do_POST(self) -> None:
        self._answer("POST")

    def log_message(self, format: str, *args: Any) -> None:
        pass


@contextmanager
def serving(routes: dict[str, Route]) -> Iterator[Server]:
    server = Server(routes)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield server
    finally:
        server.shutdown()
        server.server_close()


def page(body: bytes, kind: str = "text/html; charset=utf-8") -> Route:
    return lambda request: Answer(200, {"Content-Type": kind}, body)


def redirect(location: str, status: int = 302) -> Route:
    return lambda request: Answer(status, {"Location": location})
