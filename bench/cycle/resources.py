"""The benchmark's resource set, shared by the manifest generator and the boto3 baseline.

N resources, a quarter each of SQS queues, SNS topics, S3 buckets (versioning + tags)
and DynamoDB tables, named from a prefix and an index so both programs agree without
reading each other's output.
"""

KINDS = ("queue", "topic", "bucket", "table")
STACK_SIZE = 100  # resources per manifest file (stack)


def counts(n, kinds=KINDS):
    """How many of each kind: n split evenly over kinds (the first ones take the rest)."""
    base, rest = divmod(n, len(kinds))
    return {k: base + (1 if i < rest else 0) for i, k in enumerate(kinds)}


def name(prefix, kind, i):
    # Lower case and dashes only: valid for every type, including S3 buckets.
    return f"{prefix}-{kind}-{i:05d}"


def resources(prefix, n, kinds=KINDS):
    """[(kind, index, physical name)] in a stable order."""
    out = []
    for kind, c in counts(n, kinds).items():
        out.extend((kind, i, name(prefix, kind, i)) for i in range(c))
    return out


CHANGED_PER_CYCLE = 10


def changed(n, kinds=KINDS):
    """The resources a change cycle edits: the first ones of each kind, round robin."""
    c = counts(n, kinds)
    out, j = set(), 0
    while len(out) < min(CHANGED_PER_CYCLE, n):
        kind, i = kinds[j % len(kinds)], j // len(kinds)
        if i < c[kind]:
            out.add((kind, i))
        j += 1
    return out


def tag_value(kind, i, revision, n, kinds=KINDS):
    """The 'rev' tag: r0 everywhere; a change cycle sets r<revision> on the changed set."""
    return f"r{revision}" if revision and (kind, i) in changed(n, kinds) else "r0"
