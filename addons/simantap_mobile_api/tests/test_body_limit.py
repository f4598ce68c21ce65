import json
import socket

from odoo.tests import HttpCase, tagged

SIGN_IN = "/simantap/api/v1/auth/sign-in"
LIMIT = 1000


@tagged("post_install", "-at_install")
class TestBodyLimit(HttpCase):
    """The body limit over Odoo's real HTTP server: judged before anything reads
    the body, whether its length is declared or it comes in chunks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.endpoint = cls.env.ref("simantap_mobile_api.fastapi_endpoint_simantap")
        cls.endpoint.simantap_max_body_bytes = LIMIT

    def _exchange(self, head, parts=()):
        """Send ``head`` then ``parts`` on a raw connection, stop sending (the rest
        of the body never comes), and read the answer: (status, json body)."""
        port = int(self.base_url().rsplit(":", 1)[1])
        with socket.create_connection(("127.0.0.1", port), timeout=20) as sock:
            sock.sendall(head.encode())
            for part in parts:
                sock.sendall(part)
            answer = b""
            while b"\r\n\r\n" not in answer or not answer.endswith(b"}"):
                chunk = sock.recv(65536)
                if not chunk:
                    break
                answer += chunk
        head, _sep, body = answer.partition(b"\r\n\r\n")
        status = int(head.split(b" ", 2)[1])
        if b"transfer-encoding: chunked" in head.lower():
            body = body.split(b"\r\n", 1)[1].rsplit(b"\r\n0\r\n", 1)[0]
        return status, json.loads(body)

    def _head(self, *headers):
        return (
            f"POST {SIGN_IN} HTTP/1.1\r\nHost: localhost\r\n"
            "Content-Type: application/json\r\nAccept-Language: en\r\n"
            + "".join(f"{header}\r\n" for header in headers)
            + "\r\n"
        )

    def test_a_declared_length_over_the_limit_is_refused_before_the_body(self):
        # 120 MB announced, 10 bytes sent: the answer comes without the rest
        status, body = self._exchange(
            self._head("Content-Length: 120000000"), [b'{"login":']
        )
        self.assertEqual(status, 413)
        self.assertEqual(body["detail"]["code"], "body_too_large")
        self.assertEqual(body["detail"]["limit"], LIMIT)

    def test_a_chunked_body_over_the_limit_is_refused_as_it_streams(self):
        chunk = b"x" * 600
        parts = [b"%x\r\n%s\r\n" % (len(chunk), chunk)] * 2  # no final chunk
        status, body = self._exchange(self._head("Transfer-Encoding: chunked"), parts)
        self.assertEqual(status, 413)
        self.assertEqual(body["detail"]["code"], "body_too_large")

    def test_a_chunked_body_within_the_limit_is_read(self):
        # not JSON: judged from the body itself, so the body was read (an unread
        # chunked body would be empty and answered "field required")
        parts = [b"5\r\n{not \r\n", b"5\r\njson}\r\n0\r\n\r\n"]
        status, body = self._exchange(self._head("Transfer-Encoding: chunked"), parts)
        self.assertEqual(status, 400, body)
        self.assertEqual(body["detail"]["code"], "malformed_request")

    def test_a_new_limit_holds_from_the_next_request(self):
        # the limit is cached with the app; changing it resets both
        self.endpoint.simantap_max_body_bytes = 500
        self.env.flush_all()  # as a commit would: the server reads the database
        body = b'{"login": "' + b"x" * 600 + b'"}'
        status, answer = self._exchange(
            self._head(f"Content-Length: {len(body)}"), [body]
        )
        self.assertEqual(status, 413)
        self.assertEqual(answer["detail"]["limit"], 500)
