"""Unit tests of the emulator's Query shortcuts (localstack/emulator/moto_server.py, `_query_one_partition`), in process
with moto's mock: every Query answers exactly what moto's own implementation answers, pages and order included.

Run by localstack/bin/persistence-check with the snapshot tests: python3 -m unittest test_queries
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "emulator"))

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402
from moto.dynamodb.models.table import Table  # noqa: E402

import moto_server  # noqa: E402  (applies the patches)

TABLE = "conversations"


def s(value):
    return {"S": value}


class QueryTest(unittest.TestCase):
    def setUp(self):
        self.mock = mock_aws()
        self.mock.start()
        self.dynamo = boto3.client("dynamodb", region_name="us-east-1", aws_access_key_id="test",
                                   aws_secret_access_key="test")
        self.dynamo.create_table(
            TableName=TABLE, BillingMode="PAY_PER_REQUEST",
            AttributeDefinitions=[{"AttributeName": name, "AttributeType": "S"}
                                  for name in ("pk", "sk", "user_id", "activity", "message_id")],
            KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}, {"AttributeName": "sk", "KeyType": "RANGE"}],
            GlobalSecondaryIndexes=[
                {"IndexName": "by-user", "Projection": {"ProjectionType": "ALL"},
                 "KeySchema": [{"AttributeName": "user_id", "KeyType": "HASH"},
                               {"AttributeName": "activity", "KeyType": "RANGE"}]},
                {"IndexName": "by-message", "Projection": {"ProjectionType": "KEYS_ONLY"},
                 "KeySchema": [{"AttributeName": "message_id", "KeyType": "HASH"}]},
            ])
        for conversation in range(30):
            for member in range(4):
                item = {"pk": s(f"c-{conversation:02}"), "sk": s(f"m-{member}"), "user_id": s(f"u-{member}"),
                        "message_id": s(f"msg-{conversation % 7}")}
                if (conversation + member) % 5:  # some items lack the range key, so by-user leaves them out
                    item["activity"] = s(f"2026-12-{conversation % 28 + 1:02}#{conversation:02}")
                self.dynamo.put_item(TableName=TABLE, Item=item)

    def tearDown(self):
        self.mock.stop()

    def both(self, **request):
        """Every page of the Query, with the emulator's shortcut and with moto's own implementation."""
        answers = []
        for implementation in (moto_server._query_one_partition, moto_server._query):
            Table.query = implementation
            try:
                answers.append(self.pages(**request))
            finally:
                Table.query = moto_server._query_one_partition
        return answers

    def pages(self, **request):
        pages, start = [], None
        while True:
            page = self.dynamo.query(TableName=TABLE, **request, **({"ExclusiveStartKey": start} if start else {}))
            pages.append((page["Items"], page["Count"], page.get("LastEvaluatedKey")))
            start = page.get("LastEvaluatedKey")
            if not start:
                return pages

    def assert_same(self, **request):
        patched, original = self.both(**request)
        self.assertEqual(patched, original)
        return patched

    def test_an_index_query_answers_what_moto_answers(self):
        pages = self.assert_same(IndexName="by-user", KeyConditionExpression="user_id = :u",
                                 ExpressionAttributeValues={":u": s("u-1")})
        self.assertEqual(sum(count for _, count, _ in pages), 24)  # 30 members u-1, 6 of them without activity

    def test_with_a_range_condition_backwards_in_pages(self):
        pages = self.assert_same(IndexName="by-user", ScanIndexForward=False, Limit=4,
                                 KeyConditionExpression="user_id = :u AND activity BETWEEN :a AND :b",
                                 ExpressionAttributeValues={":u": s("u-2"), ":a": s("2026-12-05"),
                                                            ":b": s("2026-12-20")})
        self.assertGreater(len(pages), 1)

    def test_with_a_filter_on_a_keys_only_index(self):
        pages = self.assert_same(IndexName="by-message", KeyConditionExpression="message_id = :m",
                                 ExpressionAttributeValues={":m": s("msg-3")})
        self.assertEqual(pages[0][1], 16)  # conversations 3, 10, 17, 24, four members each

    def test_a_value_nobody_has(self):
        pages = self.assert_same(IndexName="by-user", KeyConditionExpression="user_id = :u",
                                 ExpressionAttributeValues={":u": s("u-9")})
        self.assertEqual(pages, [([], 0, None)])

    def test_the_tables_own_key(self):
        self.assert_same(KeyConditionExpression="pk = :p AND begins_with(sk, :m)",
                         ExpressionAttributeValues={":p": s("c-07"), ":m": s("m-")}, Limit=3)

    def test_an_unknown_index_is_refused_as_moto_refuses_it(self):
        with self.assertRaises(self.dynamo.exceptions.ClientError) as refused:
            self.dynamo.query(TableName=TABLE, IndexName="nope", KeyConditionExpression="user_id = :u",
                              ExpressionAttributeValues={":u": s("u-1")})
        self.assertIn("Invalid index", str(refused.exception))


if __name__ == "__main__":
    unittest.main()
