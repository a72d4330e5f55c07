"""Unit tests of the emulator's snapshots (localstack/emulator/snapshots.py), in process with moto's mock.

Run by localstack/bin/persistence-check before the end-to-end check: python3 -m unittest test_snapshots
"""
import os
import sys
import tempfile
import threading
import time
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "emulator"))

import boto3  # noqa: E402
from moto import mock_aws  # noqa: E402

import snapshots  # noqa: E402


def client(service):
    return boto3.client(service, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")


class SnapshotTest(unittest.TestCase):
    def setUp(self):
        self.mock = mock_aws()
        self.mock.start()

    def tearDown(self):
        self.mock.stop()

    def restart(self, data):
        """What a new emulator process sees: empty backends, then the snapshot."""
        self.mock.stop()
        self.mock = mock_aws()
        self.mock.start()
        snapshots.load_state(data)

    def test_every_kind_of_local_data_comes_back(self):
        dynamo, s3, sqs, sns, kms = (client(s) for s in ("dynamodb", "s3", "sqs", "sns", "kms"))
        dynamo.create_table(TableName="t", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                            BillingMode="PAY_PER_REQUEST",
                            StreamSpecification={"StreamEnabled": True, "StreamViewType": "NEW_AND_OLD_IMAGES"})
        dynamo.put_item(TableName="t", Item={"pk": {"S": "a"}})
        s3.create_bucket(Bucket="bucket-one")
        s3.put_object(Bucket="bucket-one", Key="k", Body=b"hello")
        queue = sqs.create_queue(QueueName="q")["QueueUrl"]
        sqs.send_message(QueueUrl=queue, MessageBody="queued")
        topic = sns.create_topic(Name="topic")["TopicArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint="arn:aws:sqs:us-east-1:123456789012:q",
                      Attributes={"RawMessageDelivery": "true"})
        key = kms.create_key()["KeyMetadata"]["KeyId"]
        kms.create_key(KeySpec="ECC_NIST_P256", KeyUsage="SIGN_VERIFY")
        secret = kms.encrypt(KeyId=key, Plaintext=b"secret")["CiphertextBlob"]

        self.restart(snapshots.dump_state())

        self.assertEqual([{"pk": {"S": "a"}}], dynamo.scan(TableName="t")["Items"])
        stream = dynamo.describe_table(TableName="t")["Table"]["LatestStreamArn"]
        self.assertTrue(stream)
        self.assertEqual(b"hello", s3.get_object(Bucket="bucket-one", Key="k")["Body"].read())
        self.assertEqual(["queued"], [m["Body"] for m in sqs.receive_message(QueueUrl=queue)["Messages"]])
        self.assertEqual(1, len(sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]))
        self.assertEqual(b"secret", kms.decrypt(CiphertextBlob=secret)["Plaintext"])
        sns.publish(TopicArn=topic, Message="after the restore")
        self.assertIn("after the restore", [m["Body"] for m in sqs.receive_message(
            QueueUrl=queue, MaxNumberOfMessages=10, VisibilityTimeout=0)["Messages"]])

    def test_a_snapshot_of_another_version_is_refused(self):
        data = snapshots.dump_state().replace(b"moto ", b"moto 0.0.0-", 1)
        with self.assertRaisesRegex(snapshots.SnapshotError, "written by moto 0.0.0-"):
            snapshots.load_state(data)

    def test_a_snapshot_is_replaced_whole_or_not_at_all(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "snapshot")
            snapshots.write_atomically(path, b"first")
            snapshots.write_atomically(path, b"second")
            with open(path, "rb") as file:
                self.assertEqual(b"second", file.read())
            self.assertEqual(["snapshot"], os.listdir(folder))

    def test_a_forked_writer_saves_the_state_as_it_was_at_the_fork(self):
        dynamo = client("dynamodb")
        dynamo.create_table(TableName="t", KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}],
                            AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                            BillingMode="PAY_PER_REQUEST")
        dynamo.put_item(TableName="t", Item={"pk": {"S": "before"}})
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "snapshot")
            writer = snapshots.Snapshots(path)
            before = time.time()
            writer.write()
            dynamo.put_item(TableName="t", Item={"pk": {"S": "after"}})
            with open(path, "rb") as file:
                data = file.read()
            self.assertEqual(["snapshot"], os.listdir(folder))
            self.assertLessEqual(before, os.path.getmtime(path), "the snapshot's time is when its state was taken")
            entered = threading.Event()
            threading.Thread(target=lambda: (writer.gate.enter(), entered.set()), daemon=True).start()
            self.assertTrue(entered.wait(5), "the gate stayed closed after the snapshot")
        self.restart(data)
        self.assertEqual([{"pk": {"S": "before"}}], dynamo.scan(TableName="t")["Items"])

    def test_a_failed_writer_is_an_error_not_a_snapshot(self):
        with tempfile.TemporaryDirectory() as folder:
            writer = snapshots.Snapshots(os.path.join(folder, "missing-folder", "snapshot"))
            with self.assertRaisesRegex(snapshots.SnapshotError, "failed"):
                writer.write()

    def test_a_killed_writer_s_temporary_file_is_removed_at_the_next_start(self):
        with tempfile.TemporaryDirectory() as folder:
            path = os.path.join(folder, "snapshot")
            with open(f"{path}.12345.tmp", "wb") as file:
                file.write(b"half a snapshot")
            self.assertEqual(0, snapshots.Snapshots(path).restore())
            self.assertEqual([], os.listdir(folder))

    def test_a_snapshot_waits_for_requests_inside_the_gate(self):
        gate = snapshots.Gate()
        gate.enter()
        closed = threading.Event()
        threading.Thread(target=lambda: (gate.close(), closed.set()), daemon=True).start()
        self.assertFalse(closed.wait(0.2), "closed while a request was inside")
        gate.leave()
        self.assertTrue(closed.wait(5))
        gate.open()


if __name__ == "__main__":
    unittest.main()
