"""S3's checks of a SigV4 presigned URL (query-string authentication), which moto does not make.

A request whose query carries X-Amz-Signature for the s3 service is refused with S3's 403 when the URL has expired
(X-Amz-Date plus X-Amz-Expires is past, or X-Amz-Expires is outside 1 s to 7 days) or when the signature does not
match the request: its method, path, query and signed headers, signed with the secret key of X-Amz-Credential's
access key. The local cloud's clients all use the access key `test` with the secret `test`; EMULATOR_CREDENTIALS
(`key:secret,key:secret`) names others. A CORS preflight (OPTIONS) is not authenticated, as in S3.
"""
import datetime
import hashlib
import hmac
import os
from urllib.parse import quote, unquote

ALGORITHM = "AWS4-HMAC-SHA256"
MAX_EXPIRES = 7 * 24 * 3600


def _credentials():
    pairs = os.environ.get("EMULATOR_CREDENTIALS", "test:test")
    return dict(pair.split(":", 1) for pair in pairs.split(",") if ":" in pair)


CREDENTIALS = _credentials()


class Refused(Exception):
    """Why S3 refuses the request: its error code and message (status 403)."""

    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message

    def xml(self):
        return (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{self.code}</Code>'
                f"<Message>{self.message}</Message></Error>").encode()


def _query_pairs(query):
    pairs = []
    for part in query.split("&"):
        if part:
            name, _, value = part.partition("=")
            pairs.append((unquote(name), unquote(value)))
    return pairs


def _encode(value):
    return quote(value, safe="-_.~")


def is_presigned_s3(environ):
    """Whether the request authenticates with an S3 presigned URL (and is not a CORS preflight)."""
    if environ.get("REQUEST_METHOD") == "OPTIONS":
        return False
    query = dict(_query_pairs(environ.get("QUERY_STRING", "")))
    credential = query.get("X-Amz-Credential", "").split("/")
    return "X-Amz-Signature" in query and len(credential) == 5 and credential[3] == "s3"


def check(environ, now=None):
    """Raises Refused when S3 would refuse this presigned request; returns when it would accept it."""
    now = now or datetime.datetime.now(datetime.timezone.utc)
    pairs = _query_pairs(environ.get("QUERY_STRING", ""))
    query = dict(pairs)
    if query.get("X-Amz-Algorithm") != ALGORITHM:
        raise Refused("AuthorizationQueryParametersError", "X-Amz-Algorithm only supports \"AWS4-HMAC-SHA256\"")
    try:
        signed_at = datetime.datetime.strptime(query["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=datetime.timezone.utc)
        expires = int(query["X-Amz-Expires"])
        access_key, date, region, service, terminal = query["X-Amz-Credential"].split("/")
        signed_headers = query["X-Amz-SignedHeaders"]
    except (KeyError, ValueError):
        raise Refused("AuthorizationQueryParametersError",
                      "Query-string authentication version 4 requires the X-Amz-Algorithm, X-Amz-Credential, "
                      "X-Amz-Signature, X-Amz-Date, X-Amz-SignedHeaders, and X-Amz-Expires parameters.")
    if not 1 <= expires <= MAX_EXPIRES:
        raise Refused("AuthorizationQueryParametersError",
                      "X-Amz-Expires must be less than a week (in seconds) that is 604800")
    if now > signed_at + datetime.timedelta(seconds=expires):
        raise Refused("AccessDenied", "Request has expired")
    secret = CREDENTIALS.get(access_key)
    if secret is None:
        raise Refused("InvalidAccessKeyId", "The AWS Access Key Id you provided does not exist in our records.")

    raw_uri = environ.get("RAW_URI") or environ.get("REQUEST_URI") or quote(environ.get("PATH_INFO", "/"))
    path = raw_uri.split("?", 1)[0] or "/"
    canonical_query = "&".join(f"{_encode(name)}={_encode(value)}"
                               for name, value in sorted(pairs) if name != "X-Amz-Signature")
    headers = []
    for name in signed_headers.split(";"):
        value = environ.get("HTTP_HOST") if name == "host" else \
            environ.get("CONTENT_TYPE") if name == "content-type" else \
            environ.get("CONTENT_LENGTH") if name == "content-length" else \
            environ.get("HTTP_" + name.upper().replace("-", "_"))
        headers.append(f"{name}:{' '.join((value or '').split())}\n")
    payload = query.get("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
    canonical_request = "\n".join([environ.get("REQUEST_METHOD", "GET"), path, canonical_query, "".join(headers),
                                   signed_headers, payload])
    scope = f"{date}/{region}/{service}/{terminal}"
    string_to_sign = "\n".join([ALGORITHM, query["X-Amz-Date"], scope,
                                hashlib.sha256(canonical_request.encode()).hexdigest()])
    key = ("AWS4" + secret).encode()
    for part in (date, region, service, terminal):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    expected = hmac.new(key, string_to_sign.encode(), hashlib.sha256).hexdigest()
    if not hmac.compare_digest(expected, query.get("X-Amz-Signature", "")):
        raise Refused("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you "
                                               "provided. Check your key and signing method.")
