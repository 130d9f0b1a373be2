"""Stand-in HTTPS servers on 127.0.0.1 for the demo: the sample city's SSO endpoints, served
locally so that `migctl demo` records real SSO runs without any network.

:class:`StandIn` makes a throw-away CA and a server certificate for 127.0.0.1 (the CA file is
the run's ``--ca-bundle``: verification stays on) and serves one answer per check at
``/c/<id>``. Each probe spec gets ``via`` set to that address: the probe fetches there and
judges the answer as if it came from the check's own URL (its host for SP endpoints, the
identity provider's host for redirects, which are never followed off 127.0.0.1 once the IdP
is reached).
"""

from __future__ import annotations

import ssl
import tempfile
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

#: path → (status, content type, body, extra headers)
Answer = tuple[int, str, bytes, dict[str, str]]


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def certificate(common_name: str, *, not_before: datetime, not_after: datetime,
                issuer: tuple[x509.Name, ec.EllipticCurvePrivateKey] | None = None,
                hosts: tuple[str, ...] = (), ca: bool = False
                ) -> tuple[x509.Certificate, ec.EllipticCurvePrivateKey]:
    key = ec.generate_private_key(ec.SECP256R1())
    issuer_name, issuer_key = issuer or (_name(common_name), key)
    builder = (x509.CertificateBuilder().subject_name(_name(common_name))
               .issuer_name(issuer_name).public_key(key.public_key())
               .serial_number(x509.random_serial_number())
               .not_valid_before(not_before).not_valid_after(not_after))
    if ca:
        builder = builder.add_extension(x509.BasicConstraints(ca=True, path_length=None),
                                        critical=True)
    if hosts:
        builder = builder.add_extension(x509.SubjectAlternativeName(
            [x509.IPAddress(ip_address(h)) for h in hosts]), critical=False)
    return builder.sign(issuer_key, hashes.SHA256()), key


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    server: _Server

    def do_GET(self) -> None:  # http.server calls do_<METHOD>
        status, content_type, body, headers = self.server.answers.get(
            self.path.partition("?")[0], (404, "text/plain", b"not found", {}))
        try:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            for name, value in headers.items():
                self.send_header(name, value)
            self.end_headers()
            self.wfile.write(body)
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            pass

    def log_message(self, format: str, *args: object) -> None:
        return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    answers: dict[str, Answer]

    def handle_error(self, request: object, client_address: object) -> None:
        return None


class StandIn:
    """A running stand-in: ``ca_file`` to trust, ``url(path)``, ``answers`` to fill."""

    def __init__(self, directory: Path, now: datetime) -> None:
        ca, ca_key = certificate("migctl demo stand-in CA", not_before=now - timedelta(days=1),
                                 not_after=now + timedelta(days=3650), ca=True)
        leaf, leaf_key = certificate("migctl demo stand-in", not_before=now - timedelta(days=1),
                                     not_after=now + timedelta(days=825),
                                     issuer=(ca.subject, ca_key), hosts=("127.0.0.1",))
        self.ca_file = directory / "ca.pem"
        self.ca_file.write_bytes(ca.public_bytes(serialization.Encoding.PEM))
        cert_file, key_file = directory / "leaf.pem", directory / "leaf.key"
        cert_file.write_bytes(leaf.public_bytes(serialization.Encoding.PEM))
        key_file.write_bytes(leaf_key.private_bytes(serialization.Encoding.PEM,
                                                    serialization.PrivateFormat.PKCS8,
                                                    serialization.NoEncryption()))
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        self._server = _Server(("127.0.0.1", 0), _Handler)
        self._server.answers = {}
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True,
                                                  do_handshake_on_connect=False)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)

    @property
    def answers(self) -> dict[str, Answer]:
        return self._server.answers

    def url(self, path: str) -> str:
        return f"https://127.0.0.1:{self.port}{path}"


@contextmanager
def stand_in(now: datetime) -> Iterator[StandIn]:
    with tempfile.TemporaryDirectory(prefix="migctl-sso-") as directory:
        server = StandIn(Path(directory), now)
        server._thread.start()
        try:
            yield server
        finally:
            server._server.shutdown()
            server._server.server_close()
