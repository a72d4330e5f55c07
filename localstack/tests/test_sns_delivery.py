"""Unit tests of the emulator's SNS delivery to SQS (localstack/emulator/moto_server.py), in process with moto's mock.

Run by localstack/bin/persistence-check with the other emulator tests: python3 -m unittest test_sns_delivery
"""
import os
import sys
import unittest

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "emulator"))
# The launcher's patches without its persistence: nothing of this test is written to a snapshot.
os.environ.pop("EMULATOR_SNAPSHOT", None)

import boto3  # noqa: E402
from botocore.exceptions import ClientError  # noqa: E402
from moto import mock_aws  # noqa: E402
from moto.sns.models import Subscription  # noqa: E402

import moto_server  # noqa: E402  (importing it patches moto as the emulator runs it)


def client(service):
    return boto3.client(service, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")


class DeletedQueueTest(unittest.TestCase):
    """A topic with three subscribed queues, the middle one deleted: as in AWS, its delivery alone fails."""

    def setUp(self):
        self.mock = mock_aws()
        self.mock.start()
        self.sns, self.sqs = client("sns"), client("sqs")
        self.topic = self.sns.create_topic(Name="events")["TopicArn"]
        self.first, self.gone, self.last = (self.subscribed_queue(name) for name in ("first", "gone", "last"))
        self.sqs.delete_queue(QueueUrl=self.gone)

    def tearDown(self):
        self.mock.stop()

    def subscribed_queue(self, name):
        url = self.sqs.create_queue(QueueName=name)["QueueUrl"]
        arn = self.sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        self.sns.subscribe(TopicArn=self.topic, Protocol="sqs", Endpoint=arn, Attributes={"RawMessageDelivery": "true"})
        return url

    def bodies(self, url):
        messages = self.sqs.receive_message(QueueUrl=url, MaxNumberOfMessages=10).get("Messages", [])
        return [message["Body"] for message in messages]

    def test_the_publish_succeeds_and_the_other_subscribers_get_the_message(self):
        with self.assertLogs("emulator", "WARNING") as logs:
            message_id = self.sns.publish(TopicArn=self.topic, Message="hello")["MessageId"]
        self.assertTrue(message_id)
        self.assertEqual(len(logs.output), 1)
        self.assertIn(f"{message_id} was not delivered to arn:aws:sqs:us-east-1:123456789012:gone", logs.output[0])
        self.assertEqual(self.bodies(self.first), ["hello"])
        self.assertEqual(self.bodies(self.last), ["hello"])

    def test_a_batch_publish_succeeds_too(self):
        with self.assertLogs("emulator", "WARNING"):
            result = self.sns.publish_batch(TopicArn=self.topic, PublishBatchRequestEntries=[
                {"Id": "1", "Message": "one"}, {"Id": "2", "Message": "two"}])
        self.assertEqual([entry["Id"] for entry in result["Successful"]], ["1", "2"])
        self.assertEqual(result.get("Failed", []), [])
        self.assertEqual(sorted(self.bodies(self.last)), ["one", "two"])

    def test_moto_alone_refuses_the_publish(self):
        """Why the patch exists: without it the Publish fails. When moto stops doing so, the patch can go."""
        patched = Subscription.publish
        Subscription.publish = moto_server._subscription_publish
        try:
            with self.assertRaises(ClientError) as refused:
                self.sns.publish(TopicArn=self.topic, Message="hello")
            self.assertIn("NonExistentQueue", str(refused.exception))
        finally:
            Subscription.publish = patched


if __name__ == "__main__":
    unittest.main()
