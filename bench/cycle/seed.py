#!/usr/bin/env python3
"""Creates the benchmark's resources directly with boto3 (64 threads), as the manifests
describe them. Used when the resources must exist without a driftless cold apply (the
baseline on its own, the 10,000-queue scale run's set-up). Prints seconds taken."""

import argparse
import os
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import resources  # noqa: E402

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--endpoint", required=True)
    p.add_argument("--region", default="eu-west-1")
    p.add_argument("--prefix", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--kinds", default=",".join(resources.KINDS))
    p.add_argument("--threads", type=int, default=64)
    a = p.parse_args()
    s = boto3.session.Session(region_name=a.region)
    cfg = Config(max_pool_connections=a.threads)
    c = {x: s.client(x, endpoint_url=a.endpoint, config=cfg) for x in ("sqs", "sns", "s3", "dynamodb")}
    tags = [{"Key": "bench", "Value": "driftless"}, {"Key": "rev", "Value": "r0"}]

    def make(item):
        kind, _, name = item
        if kind == "queue":
            c["sqs"].create_queue(QueueName=name, Attributes={"VisibilityTimeout": "60"},
                                  tags={t["Key"]: t["Value"] for t in tags})
        elif kind == "topic":
            c["sns"].create_topic(Name=name, Attributes={"DisplayName": name}, Tags=tags)
        elif kind == "bucket":
            c["s3"].create_bucket(Bucket=name, CreateBucketConfiguration={"LocationConstraint": a.region})
            c["s3"].put_bucket_versioning(Bucket=name, VersioningConfiguration={"Status": "Enabled"})
            c["s3"].put_bucket_tagging(Bucket=name, Tagging={"TagSet": tags})
        else:
            c["dynamodb"].create_table(TableName=name, BillingMode="PAY_PER_REQUEST",
                                       AttributeDefinitions=[{"AttributeName": "pk", "AttributeType": "S"}],
                                       KeySchema=[{"AttributeName": "pk", "KeyType": "HASH"}], Tags=tags)

    start = time.monotonic()
    with ThreadPoolExecutor(a.threads) as pool:
        list(pool.map(make, resources.resources(a.prefix, a.n, tuple(a.kinds.split(",")))))
    print(f"{time.monotonic() - start:.2f}")


if __name__ == "__main__":
    main()
