"""A real HTTPS server on 127.0.0.1 for SSO checks, with certificates made on the spot.

:class:`Pki` is a throw-away certificate authority that issues leaves (valid, expired, for the
wrong host, expiring soon). :class:`HttpsServer` serves fixed answers per path from a
background thread, one server per leaf certificate. Tests and the SSO benchmark share both.
"""

from __future__ import annotations

import ssl
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from ipaddress import ip_address
from pathlib import Path

from cryptography import x509
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.x509.oid import NameOID

LOCAL_HOSTS = ("127.0.0.1", "localhost")


def _name(common_name: str) -> x509.Name:
    return x509.Name([x509.NameAttribute(NameOID.COMMON_NAME, common_name)])


def _san(hosts: Iterable[str]) -> x509.SubjectAlternativeName:
    names: list[x509.GeneralName] = []
    for host in hosts:
        try:
            names.append(x509.IPAddress(ip_address(host)))
        except ValueError:
            names.append(x509.DNSName(host))
    return x509.SubjectAlternativeName(names)


def self_signed(common_name: str, *, not_before: datetime, not_after: datetime,
                serial: int | None = None) -> bytes:
    """DER of a lone certificate, as SAML metadata carries for signing keys.

    ``serial=0`` gives what some real IdPs publish and RFC 5280 forbids (``cryptography``
    refuses to build it, so serial 1 is patched to 0 in the DER; the signature no longer
    matches, which metadata checks never look at).
    """
    key = ec.generate_private_key(ec.SECP256R1())
    builder = (x509.CertificateBuilder()
               .subject_name(_name(common_name)).issuer_name(_name(common_name))
               .public_key(key.public_key())
               .serial_number(1 if serial == 0 else serial or x509.random_serial_number())
               .not_valid_before(not_before).not_valid_after(not_after))
    der = builder.sign(key, hashes.SHA256()).public_bytes(serialization.Encoding.DER)
    if serial != 0:
        return der
    marker = bytes([0xA0, 0x03, 0x02, 0x01, 0x02, 0x02, 0x01, 0x01])  # version 3, serial 1
    at = der.index(marker) + len(marker) - 1
    return der[:at] + b"\x00" + der[at + 1:]


class Pki:
    """A test CA in ``directory`` (``ca.pem``) that issues server certificates."""

    def __init__(self, directory: Path) -> None:
        self.directory = directory
        directory.mkdir(parents=True, exist_ok=True)
        now = datetime.now(UTC)
        self.ca_key = ec.generate_private_key(ec.SECP256R1())
        self.ca_cert = (
            x509.CertificateBuilder()
            .subject_name(_name("migctl test CA")).issuer_name(_name("migctl test CA"))
            .public_key(self.ca_key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(now - timedelta(days=30)).not_valid_after(now + timedelta(days=3650))
            .add_extension(x509.BasicConstraints(ca=True, path_length=None), critical=True)
            .add_extension(x509.KeyUsage(
                digital_signature=True, key_cert_sign=True, crl_sign=True,
                content_commitment=False, key_encipherment=False, data_encipherment=False,
                key_agreement=False, encipher_only=False, decipher_only=False), critical=True)
            .add_extension(x509.SubjectKeyIdentifier.from_public_key(self.ca_key.public_key()),
                           critical=False)
            .sign(self.ca_key, hashes.SHA256())
        )
        self.ca_file = directory / "ca.pem"
        self.ca_file.write_bytes(self.ca_cert.public_bytes(serialization.Encoding.PEM))

    def leaf(self, name: str, *, hosts: Iterable[str] = LOCAL_HOSTS,
             valid_days: float = 365, expired: bool = False) -> tuple[Path, Path]:
        """Writes ``name.pem`` and ``name.key``; ``expired`` ended yesterday."""
        now = datetime.now(UTC)
        if expired:
            start, end = now - timedelta(days=60), now - timedelta(days=1)
        else:
            start, end = now - timedelta(days=1), now + timedelta(days=valid_days)
        key = ec.generate_private_key(ec.SECP256R1())
        hosts = list(hosts)
        cert = (
            x509.CertificateBuilder()
            .subject_name(_name(hosts[0])).issuer_name(self.ca_cert.subject)
            .public_key(key.public_key())
            .serial_number(x509.random_serial_number())
            .not_valid_before(start).not_valid_after(end)
            .add_extension(_san(hosts), critical=False)
            .add_extension(x509.BasicConstraints(ca=False, path_length=None), critical=True)
            .add_extension(x509.ExtendedKeyUsage([x509.oid.ExtendedKeyUsageOID.SERVER_AUTH]),
                           critical=False)
            .add_extension(x509.AuthorityKeyIdentifier.from_issuer_public_key(
                self.ca_key.public_key()), critical=False)
            .sign(self.ca_key, hashes.SHA256())
        )
        cert_file = self.directory / f"{name}.pem"
        key_file = self.directory / f"{name}.key"
        cert_file.write_bytes(cert.public_bytes(serialization.Encoding.PEM))
        key_file.write_bytes(key.private_bytes(serialization.Encoding.PEM,
                                               serialization.PrivateFormat.PKCS8,
                                               serialization.NoEncryption()))
        return cert_file, key_file


@dataclass(frozen=True)
class Answer:
    """What the server sends for one path."""

    status: int = 200
    body: bytes = b""
    content_type: str = "text/plain"
    headers: dict[str, str] = field(default_factory=dict)
    delay_s: float = 0.0
    chunked: bool = False  # no Content-Length: the client learns the size only by reading


Route = Answer | Callable[[str], Answer]  # a fixed answer, or one built from the full path


class _Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"
    disable_nagle_algorithm = True  # headers and body go out as separate writes
    server: _Server

    def do_GET(self) -> None:  # http.server calls do_<METHOD>
        path, _, _query = self.path.partition("?")
        route = self.server.routes.get(path) or self.server.default
        if route is None:
            answer = Answer(404, b"not found")
        else:
            answer = route(self.path) if callable(route) else route
        if answer.delay_s:
            time.sleep(answer.delay_s)
        try:
            self.send_response(answer.status)
            self.send_header("Content-Type", answer.content_type)
            if answer.chunked:
                self.send_header("Transfer-Encoding", "chunked")
            else:
                self.send_header("Content-Length", str(len(answer.body)))
            for name, value in answer.headers.items():
                self.send_header(name, value)
            self.end_headers()
            if not answer.chunked:
                self.wfile.write(answer.body)
                return
            for start in range(0, len(answer.body), 65536):
                piece = answer.body[start:start + 65536]
                self.wfile.write(b"%x\r\n%s\r\n" % (len(piece), piece))
            self.wfile.write(b"0\r\n\r\n")
        except (BrokenPipeError, ConnectionResetError, ssl.SSLError):
            pass  # the client gave up (timeouts, size caps): that is the point of some tests

    def log_message(self, format: str, *args: object) -> None:
        return None


class _Server(ThreadingHTTPServer):
    daemon_threads = True
    block_on_close = False
    request_queue_size = 256
    routes: dict[str, Route]
    default: Route | None = None

    def handle_error(self, request: object, client_address: object) -> None:
        return None  # refused handshakes and dropped clients are expected in these tests


class HttpsServer:
    """Serves ``routes`` over TLS with one certificate, on an ephemeral port of 127.0.0.1."""

    def __init__(self, cert_file: Path, key_file: Path, routes: dict[str, Route] | None = None,
                 *, default: Route | None = None) -> None:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(cert_file, key_file)
        self._server = _Server(("127.0.0.1", 0), _Handler, bind_and_activate=True)
        self._server.routes = dict(routes or {})
        self._server.default = default
        # The handshake happens in the handler's thread, so a slow client never blocks accept().
        self._server.socket = context.wrap_socket(self._server.socket, server_side=True,
                                                  do_handshake_on_connect=False)
        self.port = self._server.server_address[1]
        self._thread = threading.Thread(target=self._server.serve_forever, args=(0.05,),
                                        daemon=True)

    @property
    def routes(self) -> dict[str, Route]:
        return self._server.routes

    def url(self, path: str, *, host: str = "127.0.0.1") -> str:
        return f"https://{host}:{self.port}{path}"

    def start(self) -> HttpsServer:
        self._thread.start()
        return self

    def stop(self) -> None:
        self._server.shutdown()
        self._server.server_close()


@contextmanager
def serving(cert_file: Path, key_file: Path, routes: dict[str, Route] | None = None,
            *, default: Route | None = None) -> Iterator[HttpsServer]:
    server = HttpsServer(cert_file, key_file, routes, default=default).start()
    try:
        yield server
    finally:
        server.stop()
