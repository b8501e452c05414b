#!/usr/bin/env python3
"""The boto3 program a user would write instead of driftless: read the live state of the
benchmark's resources and compare it with what they should be.

It makes the same reads driftless's providers make in a no-op cycle (see
providers/{sqs,sns,s3,dynamodb}), so the comparison is like for like:
  SQS queue      GetQueueAttributes(All) + ListQueueTags (URL built from the account id)
  SNS topic      GetTopicAttributes + ListTagsForResource (ARN built from the account id)
  S3 bucket      GetBucketTagging + GetBucketVersioning
  DynamoDB table DescribeTable + ListTagsOfResource
plus one STS GetCallerIdentity for the account id.

With --batched, the way the same expert would read at scale: the tags of every
resource first, from the Resource Groups Tagging API (GetResources, 100 a page,
filtered on the benchmark's tag), then only the configuration reads per resource;
a resource missing from the listing reads its own tags, as driftless does.

Written as a boto3 expert would: one client per service, shared by the worker threads
(botocore clients are thread-safe), a connection pool as large as the thread pool
(Config(max_pool_connections=threads)), no retries slowed down, no per-call sleeps.

Prints one JSON line: wall (s), cpu (user+sys, s), peak RSS (KiB), requests, drifted.
"""

import argparse
import itertools
import json
import os
import resource
import sys
import time
from concurrent.futures import ThreadPoolExecutor

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "cycle"))
import resources  # noqa: E402

import boto3  # noqa: E402
from botocore.config import Config  # noqa: E402


def main():
    p = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    p.add_argument("--endpoint", required=True)
    p.add_argument("--region", default="eu-west-1")
    p.add_argument("--prefix", required=True)
    p.add_argument("--n", type=int, required=True)
    p.add_argument("--kinds", default=",".join(resources.KINDS))
    p.add_argument("--threads", type=int, default=1, help="1 = sequential")
    p.add_argument("--revision", type=int, default=0, help="expected value of the 'rev' tag")
    p.add_argument("--batched", action="store_true",
                   help="tags from one paginated Tagging API listing instead of per resource")
    a = p.parse_args()

    start = time.monotonic()
    session = boto3.session.Session(region_name=a.region)
    cfg = Config(max_pool_connections=max(10, a.threads), retries={"mode": "standard"})
    clients = {s: session.client(s, endpoint_url=a.endpoint, config=cfg)
               for s in ("sqs", "sns", "s3", "dynamodb", "sts", "resourcegroupstaggingapi")}

    sent = itertools.count()  # next() on a count is atomic under the GIL

    def count(**_):
        next(sent)

    for c in clients.values():
        c.meta.events.register("before-send", count)

    account = clients["sts"].get_caller_identity()["Account"]
    kinds = tuple(a.kinds.split(","))
    changed = resources.changed(a.n, kinds)

    def want_tags(kind, i):
        rev = f"r{a.revision}" if a.revision and (kind, i) in changed else "r0"
        return {"bench": "driftless", "rev": rev}

    def tags_of(pairs, k="Key", v="Value"):
        return {t[k]: t[v] for t in pairs}

    def sub(tags):
        # Ownership tags a controller would add are not the user's concern.
        return {k: v for k, v in tags.items() if not k.startswith("driftless:")}

    listed = {}  # ARN -> tags, from the Tagging API (--batched)
    if a.batched:
        pages = clients["resourcegroupstaggingapi"].get_paginator("get_resources").paginate(
            ResourceTypeFilters=["sqs", "sns", "s3", "dynamodb:table"],
            TagFilters=[{"Key": "bench", "Values": ["driftless"]}], ResourcesPerPage=100)
        for page in pages:
            for r in page["ResourceTagMappingList"]:
                listed[r["ResourceARN"]] = tags_of(r.get("Tags", []))

    def own_tags(arn, read):
        return listed[arn] if arn in listed else read()

    def bucket_tags(s3, name):
        try:
            return tags_of(s3.get_bucket_tagging(Bucket=name)["TagSet"])
        except s3.exceptions.ClientError as e:
            if e.response["Error"]["Code"] != "NoSuchTagSet":
                raise
            return {}

    def check(item):
        kind, i, name = item
        if kind == "queue":
            sqs = clients["sqs"]
            url = f"{sqs.meta.endpoint_url}/{account}/{name}"
            attrs = sqs.get_queue_attributes(QueueUrl=url, AttributeNames=["All"])["Attributes"]
            tags = own_tags(f"arn:aws:sqs:{a.region}:{account}:{name}",
                            lambda: sqs.list_queue_tags(QueueUrl=url).get("Tags", {}))
            ok = attrs.get("VisibilityTimeout") == "60"
        elif kind == "topic":
            sns = clients["sns"]
            arn = f"arn:aws:sns:{a.region}:{account}:{name}"
            attrs = sns.get_topic_attributes(TopicArn=arn)["Attributes"]
            tags = own_tags(arn, lambda: tags_of(sns.list_tags_for_resource(ResourceArn=arn)["Tags"]))
            ok = attrs.get("DisplayName") == name
        elif kind == "bucket":
            s3 = clients["s3"]
            tags = own_tags(f"arn:aws:s3:::{name}", lambda: bucket_tags(s3, name))
            ok = s3.get_bucket_versioning(Bucket=name).get("Status") == "Enabled"
        else:
            ddb = clients["dynamodb"]
            t = ddb.describe_table(TableName=name)["Table"]
            tags = own_tags(t["TableArn"], lambda: tags_of(
                ddb.list_tags_of_resource(ResourceArn=t["TableArn"]).get("Tags", [])))
            ok = (t.get("BillingModeSummary", {}).get("BillingMode") == "PAY_PER_REQUEST"
                  and t["KeySchema"] == [{"AttributeName": "pk", "KeyType": "HASH"}])
        return ok and sub(tags) == want_tags(kind, i)

    items = resources.resources(a.prefix, a.n, kinds)
    if a.threads <= 1:
        results = [check(x) for x in items]
    else:
        with ThreadPoolExecutor(max_workers=a.threads) as pool:
            results = list(pool.map(check, items))
    wall = time.monotonic() - start
    ru = resource.getrusage(resource.RUSAGE_SELF)
    print(json.dumps({
        "wall": round(wall, 4),
        "cpu": round(ru.ru_utime + ru.ru_stime, 4),
        "maxrss_kib": ru.ru_maxrss,
        "requests": next(sent),
        "resources": len(items),
        "drifted": results.count(False),
    }))


if __name__ == "__main__":
    main()
