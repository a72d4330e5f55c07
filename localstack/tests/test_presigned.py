"""Unit tests of the emulator's presigned URL checks (localstack/emulator/presigned.py), against URLs botocore signs.

Run by localstack/bin/persistence-check with the snapshot tests: python3 -m unittest test_presigned
"""
import datetime
import os
import sys
import unittest
from urllib.parse import urlsplit

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "emulator"))

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402

import presigned  # noqa: E402

S3 = boto3.client("s3", region_name="us-east-1", endpoint_url="http://127.0.0.1:4566", aws_access_key_id="test",
                  aws_secret_access_key="test", config=Config(signature_version="s3v4", s3={"addressing_style": "path"}))


def environ(url, method="GET", **headers):
    parts = urlsplit(url)
    env = {"REQUEST_METHOD": method, "RAW_URI": parts.path + "?" + parts.query, "QUERY_STRING": parts.query,
           "HTTP_HOST": parts.netloc}
    for name, value in headers.items():
        env[name] = value
    return env


def signed(method="get_object", expires=60, **params):
    return S3.generate_presigned_url(method, Params={"Bucket": "media", "Key": "uploads/u 1/m-1", **params},
                                     ExpiresIn=expires)


class PresignedTest(unittest.TestCase):
    def test_a_valid_url_is_accepted(self):
        url = signed()
        self.assertTrue(presigned.is_presigned_s3(environ(url)))
        presigned.check(environ(url))

    def test_an_expired_url_is_refused(self):
        url = signed(expires=60)
        later = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(seconds=61)
        with self.assertRaises(presigned.Refused) as refused:
            presigned.check(environ(url), now=later)
        self.assertEqual(refused.exception.code, "AccessDenied")

    def test_a_tampered_url_is_refused(self):
        url = signed().replace("uploads/u%201/m-1", "uploads/u%201/m-2")
        with self.assertRaises(presigned.Refused) as refused:
            presigned.check(environ(url))
        self.assertEqual(refused.exception.code, "SignatureDoesNotMatch")

    def test_a_longer_lifetime_written_into_the_url_is_refused(self):
        url = signed(expires=60).replace("X-Amz-Expires=60", "X-Amz-Expires=3600")
        with self.assertRaises(presigned.Refused):
            presigned.check(environ(url))

    def test_signed_headers_must_be_sent_as_signed(self):
        url = signed("put_object", ContentType="image/png")
        presigned.check(environ(url, "PUT", CONTENT_TYPE="image/png"))
        with self.assertRaises(presigned.Refused):
            presigned.check(environ(url, "PUT", CONTENT_TYPE="text/html"))

    def test_another_method_is_refused(self):
        with self.assertRaises(presigned.Refused):
            presigned.check(environ(signed(), "DELETE"))

    def test_a_preflight_and_a_request_without_query_authentication_are_left_to_moto(self):
        self.assertFalse(presigned.is_presigned_s3(environ(signed(), "OPTIONS")))
        self.assertFalse(presigned.is_presigned_s3(environ("http://127.0.0.1:4566/media/key?versionId=1")))


if __name__ == "__main__":
    unittest.main()
