"""moto's server, with DynamoDB transactions made safe under concurrent requests.

moto applies a TransactWriteItems item by item and rolls a failed one back by putting back deep copies of
every table it touches, taken when it began. Its server is threaded, so a transaction that fails puts back
a copy taken before a concurrent transaction committed, and that commit is silently lost (seen here: five
identical concurrent sends, one committed, then gone). The copies also cost time in proportion to the
tables' size, so every send slowed down as history grew.

Here DynamoDB requests run one at a time (they are short, and moto runs under one interpreter lock
anyway), and a failed transaction is rolled back item by item, its stream records with it (moto wrote an INSERT and
a REMOVE for an item put by a cancelled transaction: a repeated send published a message that never existed).

It also answers LocalStack's `GET /_aws/sns/platform-endpoint-messages[?endpointArn=...]`, what was published
to SNS mobile push endpoints, so that tests read pushes the same way from either emulator (moto's own
/moto-api/data.json breaks once any S3 bucket has been deleted), and `GET /_local/requests`: the AWS requests it
answered by service and API, with DynamoDB's request units (`DELETE` resets them), which `make bench` reads.

S3 preflights (OPTIONS) follow S3's rule, the first CORS rule that admits the origin, the requested method and
every requested header; moto merges all rules, the last one winning, so a bucket with a read rule after its
upload rule refused a browser's presigned PUT. A presigned S3 URL that has expired or whose signature does not match
the request is refused with 403, as S3 does (presigned.py; moto checks neither). An SNS Publish to a topic with a
subscribed SQS queue that was deleted succeeds and reaches the other subscribers, as in AWS (moto refused it). Everything
else is moto as installed.

With EMULATOR_SNAPSHOT=<file> its state persists (see snapshots.py): restored from that file before the port
opens, written back while it runs and when it is stopped. These patches reach into moto's internals, so the
server runs only on the moto version pinned in requirements.txt and says so otherwise.
Usage: python3 moto_server.py -H 127.0.0.1 -p 4566 (the arguments of moto_server).
"""
import copy
import fnmatch
import io
import json
import logging
import os
import re
import sys
import threading
from urllib.parse import parse_qs

import moto


def _required_moto_version():
    requirements = os.path.join(os.path.dirname(os.path.abspath(__file__)), "requirements.txt")
    with open(requirements) as file:
        return re.search(r"^moto\[server\]==(\S+)$", file.read(), re.MULTILINE).group(1)


if moto.__version__ != _required_moto_version():
    sys.exit(f"moto {moto.__version__} is installed ({moto.__file__}), the emulator needs moto "
             f"{_required_moto_version()} (localstack/emulator/requirements.txt)")

import moto.backends as moto_backends
import moto.server

import moto.dynamodb.models as dynamodb_models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler
from moto.dynamodbstreams.models import DynamoDBStreamsBackend
from moto.moto_server.werkzeug_app import DomainDispatcherApplication
from moto.s3.exceptions import AccessForbidden
from moto.s3.responses import S3Response
from moto.s3.utils import cors_matches_origin
from moto.sns.models import Subscription, sns_backends
from moto.sqs.exceptions import QueueDoesNotExist

import presigned
import snapshots

_dynamodb = threading.RLock()

_call_action = DynamoHandler.call_action


def _serialized_call_action(self):
    with _dynamodb:
        return _call_action(self)


class _CopyWithoutTables:
    """The `copy` module as moto's DynamoDB models see it: tables are not copied, items are restored instead."""

    @staticmethod
    def deepcopy(value, memo=None):
        return value if isinstance(value, Table) else copy.deepcopy(value, memo)

    def __getattr__(self, name):
        return getattr(copy, name)


_transact_write_items = DynamoDBBackend.transact_write_items


def _key_of(table, op_type, op):
    if op_type == "Put":
        attrs = op.get("Item", {})
        return {a: attrs[a] for a in (table.hash_key_attr, table.range_key_attr) if a and a in attrs}
    return op.get("Key")


def _transact_write_items_rolled_back_by_item(self, transact_items):
    before = []
    # A cancelled transaction leaves no trace in the tables' streams (DynamoDB's rule): moto writes a stream record
    # for each item it applied and for each rollback write, so the records added meanwhile are dropped again. No
    # reader sees them in between: DynamoDB requests run one at a time.
    streams = {}
    for entry in transact_items:
        op_type, op = next(iter(entry.items()))
        table = self.tables.get(op.get("TableName"))
        if table is not None and table.stream_shard is not None:
            streams.setdefault(id(table.stream_shard), (table.stream_shard, len(table.stream_shard.items)))
        key = table and _key_of(table, op_type, op)
        if not key:
            continue
        try:
            item = self.get_item(table.name, key)
        except Exception:  # an invalid key: moto's own checks reject the transaction before it writes
            continue
        before.append((table, key, copy.deepcopy(item)))
    try:
        return _transact_write_items(self, transact_items)
    except Exception:
        for table, key, item in reversed(before):
            current = self.get_item(table.name, key)
            if current is not None:
                table.delete_item(current.hash_key, current.range_key)
            if item is not None:
                if item.range_key is not None:
                    table.items[item.hash_key][item.range_key] = item
                else:
                    table.items[item.hash_key] = item
        for shard, length in streams.values():
            del shard.items[length:]
        raise


_query = Table.query


def _query_one_partition(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key,
                         scan_index_forward, projection_expressions, index_name=None, *args, **kwargs):
    """A Query on the table's own key reads that partition only.

    moto answers it from all_items(), which lists and sorts every item of the table, so each Query cost time
    in proportion to the whole table (chat-service's member lookup on every send, which grows with every message
    ever sent; `make bench` found Query at a fifth of the emulator's time). An index Query reads the items whose
    index hash key matches, found in one pass without sorting the table (moto lists and sorts every item and then
    evaluates each: 1.9 s for a message-id lookup in a messages table of 100,000 items, against about 5 ms in
    DynamoDB; moto still sorts and filters the candidates as before).
    """
    if index_name:
        candidates = _index_candidates(self, index_name, hash_key, kwargs.get("hash_key_conditions"))
        if candidates is None:
            return _query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key,
                          scan_index_forward, projection_expressions, index_name, *args, **kwargs)
        self.all_items = lambda: candidates
    elif hash_key is None or not self.range_key_attr:
        return _query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key,
                      scan_index_forward, projection_expressions, index_name, *args, **kwargs)
    else:
        partition = self.items.get(hash_key)
        self.all_items = lambda: list(partition.values()) if partition else []
    try:
        return _query(self, hash_key, range_comparison, range_objs, limit, exclusive_start_key,
                      scan_index_forward, projection_expressions, index_name, *args, **kwargs)
    finally:
        del self.all_items


def _index_candidates(table, index_name, hash_key, hash_key_conditions):
    """The items whose value of the index's (first) hash key attribute equals the Query's, or None to leave the
    Query to moto (an unknown index, which moto refuses, or no hash key condition)."""
    index = next((i for i in table.all_indexes() if i.name == index_name), None)
    if index is None:
        return None
    if hash_key_conditions:
        attribute, wanted = hash_key_conditions[0]
    else:
        hash_attributes = [k["AttributeName"] for k in index.schema if k["KeyType"] == "HASH"]
        if hash_key is None or len(hash_attributes) != 1:
            return None
        attribute, wanted = hash_attributes[0], hash_key
    candidates = []
    for partition in table.items.values():
        for item in (partition.values() if table.range_key_attr else (partition,)):
            value = item.attrs.get(attribute)
            if value is not None and value.type == wanted.type and value.value == wanted.value:
                candidates.append(item)
    return candidates


_get_records = DynamoDBStreamsBackend.get_records
_SHARD_ITERATORS_KEPT = 100


def _get_records_forgetting_old_iterators(self, iterator_arn, limit):
    """GetRecords, with at most the newest 100 shard iterators kept.

    moto keeps every iterator it ever issued, and every GetRecords issues one: a poller reading a stream twice a
    second would grow the emulator (and its snapshot) without end. AWS expires iterators after 15 minutes anyway.
    """
    try:
        return _get_records(self, iterator_arn, limit)
    finally:
        oldest = list(self.shard_iterators)[:-_SHARD_ITERATORS_KEPT]
        for arn in oldest:
            self.shard_iterators.pop(arn, None)


def _streams_state_without_iterators(self):
    """Shard iterators are a reader's place, valid for minutes in AWS: a snapshot leaves them out (they were most of
    its size), and a reader whose iterator is gone after a restart asks for a new one, as after an expiry."""
    state = self.__dict__.copy()
    state["shard_iterators"] = {}
    return state


_subscription_publish = Subscription.publish


def _publish_not_stopped_by_a_deleted_queue(self, message, message_id, *args, **kwargs):
    """A delivery to a subscribed SQS queue that no longer exists fails for that subscription alone.

    AWS accepts the Publish, delivers to the topic's other subscribers and drops what the missing queue would have got;
    moto raised the queue's error out of the Publish (the publisher saw a 400) and left the subscriptions after it
    without the message. A consumer's queue deleted before its subscription is a normal state of a running system.
    """
    try:
        return _subscription_publish(self, message, message_id, *args, **kwargs)
    except QueueDoesNotExist:
        logging.getLogger("emulator").warning("SNS: %s was not delivered to %s: the queue does not exist",
                                              message_id, self.endpoint)


# Per request, moto's server lists its own package folder on disk to recognise a service name in the host
# (os.listdir plus an isdir per module, about 7 % of the emulator's time under load): the list never changes.
_modules = tuple(moto_backends.list_of_moto_modules())
moto_backends.list_of_moto_modules = lambda: _modules

# One log line per request, written under the logging lock, was about 14 % of the emulator's time under load.
# MOTO_REQUEST_LOG=1 brings the lines back (in .local/logs/emulator.log) when a request needs looking at.
if os.environ.get("MOTO_REQUEST_LOG") != "1":
    logging.getLogger("werkzeug").setLevel(logging.WARNING)

PLATFORM_ENDPOINT_MESSAGES = "/_aws/sns/platform-endpoint-messages"
REQUEST_COUNTS = "/_local/requests"


class _RequestCounts:
    """AWS requests answered, by caller (the access key id that signed them) then service and API, with DynamoDB's
    request units as AWS bills them for items under 1 KB (read: 1 per item read strongly consistent, 0.5 eventually;
    write: 1 per item, 2 in a transaction), so that `make bench` can count what one message costs, apart from its own
    requests. `GET /_local/requests` reads them, `DELETE` starts again."""

    _WRITES = {"PutItem", "UpdateItem", "DeleteItem"}

    def __init__(self):
        self._lock = threading.Lock()
        self._counts = {}

    def count(self, environ):
        caller, service = self._caller_and_service(environ)
        if service is None:
            return
        action, units = self._action_and_units(service, environ)
        with self._lock:
            entry = self._counts.setdefault(caller, {}).setdefault(
                f"{service} {action}", {"requests": 0, "readUnits": 0.0, "writeUnits": 0.0})
            entry["requests"] += 1
            entry["readUnits"] += units[0]
            entry["writeUnits"] += units[1]

    def snapshot(self):
        with self._lock:
            return {caller: {key: dict(value) for key, value in sorted(counts.items())}
                    for caller, counts in sorted(self._counts.items())}

    def reset(self):
        with self._lock:
            self._counts.clear()

    @staticmethod
    def _caller_and_service(environ):
        # Every SDK request is signed: the credential names the caller and the service (AKID/date/region/dynamodb/…).
        match = re.search(r"Credential=([^/]+)/[^/]+/[^/]+/([^/]+)/aws4_request", environ.get("HTTP_AUTHORIZATION", ""))
        if match:
            return match.group(1), match.group(2)
        signed_url = re.search(r"X-Amz-Credential=([^%&/]+)", environ.get("QUERY_STRING", ""))
        return (signed_url.group(1), "s3") if signed_url else (None, None)

    def _action_and_units(self, service, environ):
        target = environ.get("HTTP_X_AMZ_TARGET", "")
        if target:
            action = target.rsplit(".", 1)[-1]
            body = self._body(environ) if service == "dynamodb" else b""
            return action, self._dynamodb_units(action, body) if body else (0.0, 0.0)
        if service == "s3":
            return environ.get("REQUEST_METHOD", "GET"), (0.0, 0.0)
        form = parse_qs(self._body(environ).decode("utf-8", "replace"))
        return form.get("Action", [environ.get("REQUEST_METHOD", "?")])[0], (0.0, 0.0)

    @staticmethod
    def _body(environ):
        """The request body, put back for moto to read."""
        length = int(environ.get("CONTENT_LENGTH") or 0)
        body = environ["wsgi.input"].read(length) if length else b""
        environ["wsgi.input"] = io.BytesIO(body)
        return body

    def _dynamodb_units(self, action, body):
        try:
            request = json.loads(body)
        except ValueError:
            return 0.0, 0.0
        read = 1.0 if request.get("ConsistentRead") else 0.5
        if action in self._WRITES:
            return 0.0, 1.0
        if action == "GetItem":
            return read, 0.0
        if action == "BatchGetItem":
            return sum(len(t.get("Keys", [])) * (1.0 if t.get("ConsistentRead") else 0.5)
                       for t in request.get("RequestItems", {}).values()), 0.0
        if action == "BatchWriteItem":
            return 0.0, float(sum(len(writes) for writes in request.get("RequestItems", {}).values()))
        if action == "TransactWriteItems":
            return 0.0, 2.0 * len(request.get("TransactItems", []))
        if action == "TransactGetItems":
            return 2.0 * len(request.get("TransactItems", [])), 0.0
        if action in ("Query", "Scan"):
            # Billed by the size read (4 KB units); counted as one unit per request here, a floor.
            return read, 0.0
        return 0.0, 0.0


_request_counts = _RequestCounts()


def _platform_endpoint_messages(query):
    """LocalStack's shape: {"platform_endpoint_messages": {endpointArn: [{"MessageId", "Message"}]}}."""
    wanted = parse_qs(query).get("endpointArn", [None])[0]
    found = {}
    for account_id, regions in sns_backends.items():
        for region, backend in regions.items():
            for arn, endpoint in list(backend.platform_endpoints.items()):
                if wanted in (None, arn):
                    found[arn] = [{"MessageId": message_id, "Message": message}
                                  for message_id, message in list(endpoint.messages.items())]
    return {"platform_endpoint_messages": found}


_snapshots = (snapshots.Snapshots(os.environ["EMULATOR_SNAPSHOT"], float(os.environ.get("EMULATOR_SNAPSHOT_INTERVAL", "1")))
              if os.environ.get("EMULATOR_SNAPSHOT") else None)


class _DispatcherWithPushRecord(DomainDispatcherApplication):
    def __call__(self, environ, start_response):
        if _snapshots is None:
            return self._answer(environ, start_response)
        _snapshots.request_started(environ)
        try:
            return self._answer(environ, start_response)
        finally:
            _snapshots.request_finished()

    def _answer(self, environ, start_response):
        if presigned.is_presigned_s3(environ):
            try:
                presigned.check(environ)
            except presigned.Refused as refused:
                body = refused.xml()
                start_response("403 Forbidden", [("Content-Type", "application/xml"), ("Content-Length", str(len(body)))])
                return [body]
        if environ.get("PATH_INFO") == PLATFORM_ENDPOINT_MESSAGES and environ.get("REQUEST_METHOD") == "GET":
            return self._json(start_response, _platform_endpoint_messages(environ.get("QUERY_STRING", "")))
        if environ.get("PATH_INFO") == REQUEST_COUNTS:
            if environ.get("REQUEST_METHOD") == "DELETE":
                _request_counts.reset()
            return self._json(start_response, _request_counts.snapshot())
        _request_counts.count(environ)
        return super().__call__(environ, start_response)

    @staticmethod
    def _json(start_response, value):
        body = json.dumps(value).encode()
        start_response("200 OK", [("Content-Type", "application/json"), ("Content-Length", str(len(body)))])
        return [body]


def _as_list(value):
    return [] if value is None else [value] if isinstance(value, str) else list(value)


def _set_cors_headers_of_first_matching_rule(self, headers, bucket):
    origin = headers.get("Origin")
    method = headers.get("Access-Control-Request-Method")
    requested = [h.strip().lower() for h in (headers.get("Access-Control-Request-Headers") or "").split(",") if h.strip()]
    for rule in bucket.cors:
        if not origin or not cors_matches_origin(origin, _as_list(rule.allowed_origins)):
            continue
        if method not in _as_list(rule.allowed_methods):
            continue
        allowed = [h.lower() for h in _as_list(rule.allowed_headers)]
        if not all(any(fnmatch.fnmatchcase(h, pattern) for pattern in allowed) for h in requested):
            continue
        self.response_headers["Access-Control-Allow-Origin"] = origin
        self.response_headers["Access-Control-Allow-Methods"] = ", ".join(_as_list(rule.allowed_methods))
        if requested:
            self.response_headers["Access-Control-Allow-Headers"] = ", ".join(requested)
        if rule.exposed_headers:
            self.response_headers["Access-Control-Expose-Headers"] = ", ".join(_as_list(rule.exposed_headers))
        if rule.max_age_seconds is not None:
            self.response_headers["Access-Control-Max-Age"] = str(rule.max_age_seconds)
        return
    raise AccessForbidden("CORSResponse: This CORS request is not allowed. This is usually because the evalution of "
                          "Origin, request method / Access-Control-Request-Method or Access-Control-Request-Headers "
                          "are not whitelisted by the resource's CORS spec.")


DynamoHandler.call_action = _serialized_call_action
dynamodb_models.copy = _CopyWithoutTables()
DynamoDBBackend.transact_write_items = _transact_write_items_rolled_back_by_item
Table.query = _query_one_partition
DynamoDBStreamsBackend.get_records = _get_records_forgetting_old_iterators
DynamoDBStreamsBackend.__getstate__ = _streams_state_without_iterators
S3Response._set_cors_headers_options = _set_cors_headers_of_first_matching_rule
Subscription.publish = _publish_not_stopped_by_a_deleted_queue

moto.server.DomainDispatcherApplication = _DispatcherWithPushRecord

if __name__ == "__main__":
    if _snapshots is not None:
        try:
            restored = _snapshots.restore()
        except snapshots.SnapshotError as error:
            sys.exit(f"emulator: {error}")
        print(f"emulator state: {_snapshots.path} ({restored} backends restored)", file=sys.stderr, flush=True)
        snapshots.release_gate_while_waiting_for_messages(_snapshots)
        _snapshots.start()
    moto.server.main()
