import hashlib
import os
import threading

from odoo.tests import TransactionCase, tagged


@tagged("post_install", "-at_install")
class TestFilestoreWrite(TransactionCase):
    def test_the_same_bytes_stored_at_once_are_never_a_collision(self):
        """Two phones sending one picture at the same moment: each request stores
        the same file.  Odoo wrote it in place, so the second found it half-written
        and refused the upload as a collision; the write is now atomic."""
        Attachment = self.env["ir.attachment"]
        failures = []
        for round_ in range(10):
            data = os.urandom(4 * 1024 * 1024) + bytes([round_])
            checksum = hashlib.sha1(data).hexdigest()
            barrier = threading.Barrier(4)

            def store(data=data, checksum=checksum, barrier=barrier):
                barrier.wait()
                try:
                    Attachment._file_write(data, checksum)
                except Exception as exc:  # reported below
                    failures.append(exc)

            threads = [threading.Thread(target=store) for _ in range(4)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join()
            fname = f"{checksum[:2]}/{checksum}"
            self.assertEqual(Attachment._file_read(fname), data)
            directory = os.path.dirname(Attachment._full_path(fname))
            self.assertFalse(
                [name for name in os.listdir(directory) if name.endswith(".tmp")]
            )
        self.assertEqual(failures, [])
