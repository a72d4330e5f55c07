"""moto's server, with DynamoDB transactions made safe under concurrent requests.

moto applies a TransactWriteItems item by item and rolls a failed one back by putting back deep copies of
every table it touches, taken when it began. Its server is threaded, so a transaction that fails puts back
a copy taken before a concurrent transaction committed, and that commit is silently lost (seen here: five
identical concurrent sends, one committed, then gone). The copies also cost time in proportion to the
tables' size, so every send slowed down as history grew.

Here DynamoDB requests run one at a time (they are short, and moto runs under one interpreter lock
anyway), and a failed transaction is rolled back item by item. Everything else is moto as installed.
Usage: python3 moto_server.py -H 127.0.0.1 -p 4566 (the arguments of moto_server).
"""
import copy
import threading

import moto.dynamodb.models as dynamodb_models
from moto.dynamodb.models import DynamoDBBackend
from moto.dynamodb.models.table import Table
from moto.dynamodb.responses import DynamoHandler
from moto.server import main

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
    for entry in transact_items:
        op_type, op = next(iter(entry.items()))
        table = self.tables.get(op.get("TableName"))
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
        raise


DynamoHandler.call_action = _serialized_call_action
dynamodb_models.copy = _CopyWithoutTables()
DynamoDBBackend.transact_write_items = _transact_write_items_rolled_back_by_item

if __name__ == "__main__":
    main()
