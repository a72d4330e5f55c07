"""Local data survives `cloud down` / `cloud up`, and a kill -9 of the emulator, with no Terraform change.

Against the running local cloud (see localstack/bin/persistence-check, which starts it and runs this with the
emulator's Python, which has boto3): writes data everywhere a developer keeps it, through the public API where there
is one (users in PostgreSQL, a conversation and its messages in DynamoDB) and with the AWS SDK elsewhere (an S3
object, a queued SQS message, an SNS subscription), then:
  1. stops everything and starts it again: every piece is back;
  2. sends one more message, waits for the emulator's next snapshot, kills the emulator with SIGKILL and starts it
     again: that message is back too;
  3. `terraform plan` has nothing to change that it had not before both restarts (one plan covers both: a plan
     takes half a minute; the one before runs while the data is written).
Exits non-zero with what is missing. Prints how long the restart took (no assertion on time: machines differ).
"""
import json
import os
import subprocess
import sys
import time
import urllib.error
import urllib.request
import uuid

import boto3

ROOT = os.environ["ROOT"]
CLOUD = os.path.join(ROOT, "localstack", "bin", "cloud")
EDGE = f"http://127.0.0.1:{os.environ['EDGE_PORT']}"
AWS = os.environ["AWS_ENDPOINT"]
SNAPSHOT = os.environ["EMULATOR_SNAPSHOT"]
EMULATOR_PID = os.path.join(os.environ["STATE_DIR"], "pids", "emulator.pid")
RUN = uuid.uuid4().hex[:8]
# The queue and topic are named under a prefix recorded as this process's, so that tf-fixture-sweep deletes them should
# the check end before it does.
PREFIX = subprocess.run([os.path.join(ROOT, "localstack", "bin", "test-run-prefix")], capture_output=True, text=True,
                        check=True, env=dict(os.environ, LOCAL_STATE_DIR=os.environ["STATE_DIR"])).stdout.strip()


def api(method, path, body=None, token=None, expect=(200, 201)):
    request = urllib.request.Request(EDGE + path, method=method,
                                     data=None if body is None else json.dumps(body).encode(),
                                     headers={"Content-Type": "application/json"})
    if token:
        request.add_header("Authorization", f"Bearer {token}")
    try:
        with urllib.request.urlopen(request, timeout=30) as response:
            status, text = response.status, response.read().decode()
    except urllib.error.HTTPError as error:
        status, text = error.code, error.read().decode()
    if status not in expect:
        raise AssertionError(f"{method} {path}: {status} {text}")
    return json.loads(text) if text else None


def aws(service):
    return boto3.client(service, endpoint_url=AWS, region_name=os.environ.get("AWS_REGION", "us-east-1"),
                        aws_access_key_id="test", aws_secret_access_key="test")


def user(name):
    password = "correct horse battery staple"
    api("POST", "/auth/register", {"username": name, "password": password, "displayName": name.title()})
    token = api("POST", "/auth/login", {"username": name, "password": password})["accessToken"]
    return token, api("GET", "/users/me", token=token)["userId"]


def cloud(*args):
    # Restarts do not change what the surrounding run started: it stops what it started, and no more.
    env = {k: v for k, v in os.environ.items() if k != "STARTED_FILE"}
    subprocess.run([CLOUD, *args], check=True, env=env)


def terraform_plan():
    """A `terraform plan` of the local environment, started: finish it with plan_changes."""
    state_dir = os.environ["STATE_DIR"]
    return subprocess.Popen(
        [os.path.join(ROOT, "localstack", "bin", "tf"), f"-chdir={ROOT}/terraform/environments/local", "plan",
         "-input=false", "-no-color", "-detailed-exitcode", "-lock=false", f"-var=aws_endpoint={AWS}"],
        env={**os.environ, "TF_DATA_DIR": f"{state_dir}/terraform/local-data"},
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def plan_changes(plan):
    """Whether the started plan has changes, and its output."""
    stdout, stderr = plan.communicate()
    if plan.returncode == 1:
        raise AssertionError("terraform plan failed:\n" + stderr[-3000:])
    return plan.returncode == 2, stdout


def _planned(plan):
    """The resources a plan would change, e.g. {"# module.x.aws_y.z will be updated in-place"}."""
    return {line.strip() for line in plan.splitlines() if line.strip().startswith("# ")}


class Data:
    """What was written, and how to read it back."""

    def write(self):
        self.alice_token, _ = user(f"alice{RUN}")
        self.bob_token, self.bob_id = user(f"bob{RUN}")
        self.conversation = api("POST", "/conversations", {"type": "direct", "memberIds": [self.bob_id]},
                                token=self.alice_token)["conversationId"]
        self.texts = [f"message {i} of run {RUN}" for i in range(1, 4)]
        for i, text in enumerate(self.texts):
            self.send(text, f"{RUN}-{i}")
        self.bucket = aws("s3").list_buckets()["Buckets"][0]["Name"]
        self.object_key = f"persistence-check/{RUN}.txt"
        aws("s3").put_object(Bucket=self.bucket, Key=self.object_key, Body=f"object of run {RUN}".encode())
        sqs = aws("sqs")
        self.queue_url = sqs.create_queue(QueueName=f"{PREFIX}-persistence-check")["QueueUrl"]
        sqs.send_message(QueueUrl=self.queue_url, MessageBody=f"queued in run {RUN}")
        sns = aws("sns")
        self.topic_arn = sns.create_topic(Name=f"{PREFIX}-persistence-check")["TopicArn"]
        sns.subscribe(TopicArn=self.topic_arn, Protocol="sqs",
                      Endpoint=sqs.get_queue_attributes(QueueUrl=self.queue_url, AttributeNames=["QueueArn"])
                      ["Attributes"]["QueueArn"])
        self.subscriptions = self.all_subscriptions()

    def send(self, text, client_message_id):
        api("POST", f"/conversations/{self.conversation}/messages",
            {"clientMessageId": client_message_id, "type": "text", "text": text}, token=self.alice_token)

    @staticmethod
    def all_subscriptions():
        return sorted(s["SubscriptionArn"] for s in aws("sns").list_subscriptions()["Subscriptions"])

    def missing(self):
        """What is not back, as sentences (empty when everything is)."""
        missing = []
        try:
            self.alice_token = api("POST", "/auth/login", {"username": f"alice{RUN}",
                                                           "password": "correct horse battery staple"})["accessToken"]
        except AssertionError as error:
            return [f"the users are gone: {error}"]
        conversations = [c["conversationId"] for c in api("GET", "/conversations", token=self.alice_token)["items"]]
        if self.conversation not in conversations:
            missing.append(f"conversation {self.conversation} is not in GET /conversations: {conversations}")
        try:
            page = api("GET", f"/conversations/{self.conversation}/messages?limit=50", token=self.alice_token)
            texts = [m.get("text") for m in reversed(page["items"])]
            if texts != self.texts:
                missing.append(f"messages: expected {self.texts}, found {texts}")
        except AssertionError as error:
            missing.append(f"messages: {error}")
        try:
            body = aws("s3").get_object(Bucket=self.bucket, Key=self.object_key)["Body"].read().decode()
            if body != f"object of run {RUN}":
                missing.append(f"S3 object {self.object_key} holds {body!r}")
        except Exception as error:
            missing.append(f"S3 object {self.bucket}/{self.object_key}: {error}")
        try:
            attributes = aws("sqs").get_queue_attributes(QueueUrl=self.queue_url,
                                                         AttributeNames=["ApproximateNumberOfMessages"])["Attributes"]
            if attributes["ApproximateNumberOfMessages"] != "1":
                missing.append(f"SQS queue {self.queue_url}: {attributes['ApproximateNumberOfMessages']} messages, not 1")
        except Exception as error:
            missing.append(f"SQS queue {self.queue_url}: {error}")
        subscriptions = self.all_subscriptions()
        if subscriptions != self.subscriptions:
            missing.append(f"SNS subscriptions changed: {len(self.subscriptions)} before, {len(subscriptions)} after")
        return missing

    def clean_up(self):
        aws("s3").delete_object(Bucket=self.bucket, Key=self.object_key)
        aws("sns").delete_topic(TopicArn=self.topic_arn)
        aws("sqs").delete_queue(QueueUrl=self.queue_url)


# The emulator pauses between snapshots at least ten times as long as the last one took to pickle: with a large state
# (a full make chaos leaves megabytes) on a loaded machine, that is tens of seconds.
def wait_for_snapshot_after(moment, seconds=120):
    deadline = time.time() + seconds
    while time.time() < deadline:
        if os.path.exists(SNAPSHOT) and os.path.getmtime(SNAPSHOT) > moment:
            return
        time.sleep(0.2)
    raise AssertionError(f"the emulator wrote no snapshot within {seconds}s of the last write")


def main():
    failures = []
    data = Data()
    # Drift that exists before any restart (a resource the emulator reads back differently) is not the restarts':
    # reported, and the check is that they add none. The plan reads only Terraform's resources, so the data written
    # meanwhile (through the API, and a queue and topic of the check's own) does not change it.
    plan_before = terraform_plan()
    data.write()
    print(f"    wrote two users, a conversation with {len(data.texts)} messages, an S3 object, a queued SQS message "
          f"and an SNS subscription (run {RUN})")
    changes_before, plan_before = plan_changes(plan_before)
    if changes_before:
        print("    WARNING terraform plans changes before any restart (emulator drift, not persistence):\n"
              + plan_before[-1500:])

    started = time.monotonic()
    cloud("down")
    cloud("up")
    print(f"    down and up again in {time.monotonic() - started:.0f}s")
    failures += [f"after down/up: {m}" for m in data.missing()]

    data.texts.append(f"sent just before a kill -9 in run {RUN}")
    data.send(data.texts[-1], f"{RUN}-kill")
    wait_for_snapshot_after(time.time())
    with open(EMULATOR_PID) as file:
        pid = int(file.read().strip())
    os.kill(pid, 9)
    print(f"    killed the emulator (pid {pid}) with SIGKILL after its next snapshot")
    cloud("up")
    failures += [f"after kill -9: {m}" for m in data.missing()]
    changes, plan = plan_changes(terraform_plan())
    if changes and _planned(plan) != _planned(plan_before):
        failures.append("terraform plan has changes after down/up and a kill -9 that it had not before:\n"
                        + plan[-3000:])

    data.clean_up()
    if failures:
        print("\n".join(f"    FAIL {f}" for f in failures))
        sys.exit(1)
    print("    everything came back; the restarts added no Terraform change")


if __name__ == "__main__":
    main()
