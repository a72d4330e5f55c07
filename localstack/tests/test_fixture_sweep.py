"""Unit tests of the sweep of finished test runs' fixtures (localstack/bin/tf-fixture-sweep), in process with moto.

Run by localstack/bin/persistence-check with the emulator's tests: python3 -m unittest test_fixture_sweep
"""
import json
import os
import subprocess
import sys
import tempfile
import unittest
from importlib.machinery import SourceFileLoader
from importlib.util import module_from_spec, spec_from_loader
from pathlib import Path

import boto3
from moto import mock_aws

SCRIPT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "bin", "tf-fixture-sweep")
_loader = SourceFileLoader("tf_fixture_sweep", SCRIPT)
sweep = module_from_spec(spec_from_loader(_loader.name, _loader))
_loader.exec_module(sweep)

FINISHED, LIVE, UNRECORDED = "it-0000dead", "it-0000a11e", "it-00001e9a"


def client(service):
    return boto3.client(service, region_name="us-east-1", aws_access_key_id="test", aws_secret_access_key="test")


def finished_pid():
    """The pid of a process that has ended."""
    process = subprocess.Popen([sys.executable, "-c", "pass"])
    process.wait()
    return process.pid


class FixtureSweepTest(unittest.TestCase):
    def setUp(self):
        self.mock = mock_aws()
        self.mock.start()
        self.clients = {name: client(name) for name in ("dynamodb", "sqs", "sns", "s3")}
        self.folder = Path(tempfile.mkdtemp())
        self.registry = self.folder / "applied"
        self.registry.mkdir()
        (self.registry / FINISHED).write_text(f"{finished_pid()} {sweep.process_start(os.getpid())}\n")
        (self.registry / LIVE).write_text(f"{os.getpid()} {sweep.process_start(os.getpid())}\n")
        for prefix in (FINISHED, LIVE, UNRECORDED, "wechat"):
            self.platform(f"{prefix}-local")

    def tearDown(self):
        self.mock.stop()

    def platform(self, name):
        """What terraform/fixtures/platform makes, in small: a table, a topic with a queue subscribed, a push
        application with an endpoint, a versioned bucket with versions and a delete marker."""
        dynamodb, sqs, sns, s3 = (self.clients[n] for n in ("dynamodb", "sqs", "sns", "s3"))
        dynamodb.create_table(TableName=f"{name}-media", BillingMode="PAY_PER_REQUEST",
                              AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                              KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
        topic = sns.create_topic(Name=f"{name}-chat-events")["TopicArn"]
        url = sqs.create_queue(QueueName=f"{name}-message-queue")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)
        application = sns.create_platform_application(Name=f"{name}-apns", Platform="APNS_SANDBOX", Attributes={
            "PlatformCredential": "key", "PlatformPrincipal": "principal"})["PlatformApplicationArn"]
        sns.create_platform_endpoint(PlatformApplicationArn=application, Token="token")
        s3.create_bucket(Bucket=f"{name}-media")
        s3.put_bucket_versioning(Bucket=f"{name}-media", VersioningConfiguration={"Status": "Enabled"})
        for body in (b"one", b"two"):
            s3.put_object(Bucket=f"{name}-media", Key="uploads/u-1/m-1", Body=body)
        s3.delete_object(Bucket=f"{name}-media", Key="uploads/u-1/m-1")

    def names(self):
        dynamodb, sqs, sns, s3 = (self.clients[n] for n in ("dynamodb", "sqs", "sns", "s3"))
        return {
            "tables": set(dynamodb.list_tables()["TableNames"]),
            "queues": {url.rsplit("/", 1)[-1] for url in sqs.list_queues().get("QueueUrls", [])},
            "topics": {t["TopicArn"].rsplit(":", 1)[-1] for t in sns.list_topics()["Topics"]},
            "subscriptions": {s["Endpoint"].rsplit(":", 1)[-1] for s in sns.list_subscriptions()["Subscriptions"]},
            "applications": {a["PlatformApplicationArn"].rsplit("/", 1)[-1]
                             for a in sns.list_platform_applications()["PlatformApplications"]},
            "buckets": {b["Name"] for b in s3.list_buckets()["Buckets"]},
        }

    def prefixes_in(self, names):
        return {kind: {name.split("-local")[0] for name in found} for kind, found in names.items()}

    def test_a_finished_runs_resources_and_unrecorded_ones_go_a_live_runs_and_the_stacks_stay(self):
        result = sweep.Sweep(self.clients, sweep.live_prefixes(self.registry)).run()

        self.assertEqual(result.errors, [])
        self.assertEqual(result.prefixes, {FINISHED, UNRECORDED})
        for kind, prefixes in self.prefixes_in(self.names()).items():
            self.assertEqual(prefixes, {LIVE, "wechat"}, kind)
        self.assertEqual(result.deleted, {"tables": 2, "queues": 2, "topics": 2, "subscriptions": 2,
                                          "push applications": 2, "buckets": 2})
        self.assertEqual(sorted(p.name for p in self.registry.iterdir()), [LIVE])

    def test_a_subscription_of_a_finished_runs_queue_to_another_topic_goes(self):
        sqs, sns = self.clients["sqs"], self.clients["sns"]
        topic = sns.create_topic(Name="wechat-local-user-events")["TopicArn"]
        url = sqs.get_queue_url(QueueName=f"{FINISHED}-local-message-queue")["QueueUrl"]
        arn = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["QueueArn"])["Attributes"]["QueueArn"]
        sns.subscribe(TopicArn=topic, Protocol="sqs", Endpoint=arn)

        sweep.Sweep(self.clients, sweep.live_prefixes(self.registry)).run()

        endpoints = [s["Endpoint"] for s in sns.list_subscriptions_by_topic(TopicArn=topic)["Subscriptions"]]
        self.assertEqual(endpoints, [])

    def test_the_owner_sweeping_its_own_prefixes_at_its_end(self):
        live = sweep.live_prefixes(self.registry, finished_owner=os.getpid())
        sweep.Sweep(self.clients, live).run()

        for kind, prefixes in self.prefixes_in(self.names()).items():
            self.assertEqual(prefixes, {"wechat"}, kind)
        self.assertEqual(list(self.registry.iterdir()), [])

    def test_a_recorded_pid_now_taken_by_another_process_is_not_live(self):
        (self.registry / LIVE).write_text(f"{os.getpid()} Thu Jan  1 00:00:00 1970\n")

        self.assertEqual(sweep.live_prefixes(self.registry), set())

    def test_what_tests_make_under_a_prefix_of_test_run_prefix_lives_as_long_as_its_owner(self):
        state = self.folder / "state"
        script = os.path.join(os.path.dirname(SCRIPT), "test-run-prefix")
        environment = dict(os.environ, LOCAL_STATE_DIR=str(state))
        # Owned by this process (the script's caller, as a test JVM is), and by one that has ended.
        mine = subprocess.run([script], env=environment, capture_output=True, text=True, check=True).stdout.strip()
        ended = subprocess.run([script, str(finished_pid())], env=environment, capture_output=True, text=True,
                               check=True).stdout.strip()
        self.assertRegex(mine, sweep.PREFIX.pattern.rstrip("-") + "$")
        sqs, dynamodb, s3 = (self.clients[n] for n in ("sqs", "dynamodb", "s3"))
        for prefix in (mine, ended):
            # The names the services' and the edge's tests give what they make beside their fixtures.
            sqs.create_queue(QueueName=f"{prefix}-observer-1a2b3c4d")
            sqs.create_queue(QueueName=f"{prefix}-03-observer")
            sqs.create_queue(QueueName=f"{prefix}-esm-1a2b3c4d-dlq")
            dynamodb.create_table(TableName=f"{prefix}-stream-1a2b3c4d", BillingMode="PAY_PER_REQUEST",
                                  AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                                  KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}])
            s3.create_bucket(Bucket=f"{prefix}-web-1a2b3c4d")

        result = sweep.Sweep(self.clients, sweep.live_prefixes(state / "test-fixtures" / "applied")).run()

        self.assertEqual(result.errors, [])
        names = self.names()
        for kind in ("queues", "tables", "buckets"):
            self.assertEqual({n for n in names[kind] if n.startswith(ended)}, set(), kind)
        self.assertEqual({n for n in names["queues"] if n.startswith(mine)},
                         {f"{mine}-observer-1a2b3c4d", f"{mine}-03-observer", f"{mine}-esm-1a2b3c4d-dlq"})
        self.assertEqual({n for n in names["tables"] if n.startswith(mine)}, {f"{mine}-stream-1a2b3c4d"})
        self.assertEqual({n for n in names["buckets"] if n.startswith(mine)}, {f"{mine}-web-1a2b3c4d"})

    def test_outputs_files_naming_a_prefix_no_longer_live_are_removed(self):
        outputs = self.folder
        for name, prefix in (("platform", FINISHED), ("consumer-queue", LIVE)):
            (outputs / f"{name}.json").write_text(json.dumps({"name_prefix": {"value": prefix}}))

        sweep.remove_outputs(outputs, sweep.live_prefixes(self.registry))

        self.assertEqual(sorted(p.name for p in outputs.glob("*.json")), ["consumer-queue.json"])


if __name__ == "__main__":
    unittest.main()
