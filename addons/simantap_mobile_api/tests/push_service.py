"""A push service of our own on loopback, standing for the browser vendor's
(FCM, Mozilla autopush...): it takes Web Push requests, checks their VAPID JWT and
decrypts their aes128gcm body with the subscription's private key, as the phone's
browser would."""

import base64
import json
import os
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import http_ece
from cryptography.exceptions import InvalidSignature
from cryptography.hazmat.backends import default_backend
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ec
from cryptography.hazmat.primitives.asymmetric.utils import encode_dss_signature


def b64url(data):
    return base64.urlsafe_b64encode(data).rstrip(b"=").decode()


def unb64url(text):
    return base64.urlsafe_b64decode(text + "=" * (-len(text) % 4))


class Phone:
    """The browser side of one subscription: its key pair and auth secret."""

    def __init__(self):
        self.private_key = ec.generate_private_key(ec.SECP256R1(), default_backend())
        self.auth = os.urandom(16)
        self.p256dh = b64url(
            self.private_key.public_key().public_bytes(
                serialization.Encoding.X962,
                serialization.PublicFormat.UncompressedPoint,
            )
        )


def verify_vapid(authorization):
    """The claims of a ``vapid t=<jwt>, k=<key>`` header whose ES256 signature
    verifies with ``k``; raises ValueError otherwise.  Returns (claims, k)."""
    scheme, _, params = authorization.partition(" ")
    if scheme.lower() != "vapid":
        raise ValueError(f"not a vapid authorization: {authorization!r}")
    values = dict(part.strip().split("=", 1) for part in params.split(","))
    token, key = values["t"], values["k"]
    header_b64, claims_b64, signature_b64 = token.split(".")
    header = json.loads(unb64url(header_b64))
    if header.get("alg") != "ES256":
        raise ValueError(f"wrong JWT algorithm {header}")
    public = ec.EllipticCurvePublicKey.from_encoded_point(ec.SECP256R1(), unb64url(key))
    raw = unb64url(signature_b64)
    signature = encode_dss_signature(
        int.from_bytes(raw[:32], "big"), int.from_bytes(raw[32:], "big")
    )
    try:
        public.verify(
            signature,
            f"{header_b64}.{claims_b64}".encode(),
            ec.ECDSA(hashes.SHA256()),
        )
    except InvalidSignature as error:
        raise ValueError("the VAPID signature does not verify") from error
    return json.loads(unb64url(claims_b64)), key


class PushService:
    """``with PushService() as service``: an HTTP server on 127.0.0.1; each
    subscription path answers the statuses queued for it (201 when none)."""

    def __init__(self):
        self.received = []
        self.answers = {}
        self.phones = {}
        self._lock = threading.Lock()
        service = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                length = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(length)
                with service._lock:
                    service.received.append(
                        {
                            "path": self.path,
                            "headers": {k.lower(): v for k, v in self.headers.items()},
                            "body": body,
                            "at": time.time(),
                        }
                    )
                    queued = service.answers.get(self.path) or []
                    code = queued.pop(0) if queued else 201
                self.send_response(code)
                self.send_header("Content-Length", "0")
                self.end_headers()

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self):
        self.thread.start()
        return self

    def __exit__(self, *exc):
        self.server.shutdown()
        self.server.server_close()
        self.thread.join(5)

    def phone(self, name):
        """A new browser subscription at ``/push/<name>``: (endpoint, Phone)."""
        phone = Phone()
        self.phones[f"/push/{name}"] = phone
        return f"{self.base}/push/{name}", phone

    def answer(self, name, *codes):
        self.answers[f"/push/{name}"] = list(codes)

    def decrypt(self, request):
        """The JSON payload of a received request, decrypted as the phone would."""
        phone = self.phones[request["path"]]
        plain = http_ece.decrypt(
            request["body"],
            private_key=phone.private_key,
            auth_secret=phone.auth,
            version="aes128gcm",
        )
        return json.loads(plain)
