#!/usr/bin/env python3
"""A real QuickSight client for `check-client`: boto3, configured by the environment check-client
sets (AWS_DEFAULT_REGION and the credentials; AWS_ENDPOINT_URL is passed on explicitly, as botocore
reads it only from 1.31 on). botocore signs with SigV4 without X-Amz-Content-Sha256. Calls the three
operations on the default fixtures, UpdateUser twice (alice, and eve/ops, whose slash botocore sends
as %2F); an operation this botocore predates is skipped, with a line on stderr. Any failed call exits 1.
"""
import os
import sys

import boto3
from botocore.config import Config

ACCOUNT = "123456789012"
client = boto3.client("quicksight", endpoint_url=os.environ["AWS_ENDPOINT_URL"], config=Config(retries={"max_attempts": 1}))
GRANT = {
    "Principal": f"arn:aws:quicksight:{client.meta.region_name}:{ACCOUNT}:user/default/bob",
    "Actions": [
        "quicksight:DescribeTheme",
        "quicksight:DescribeThemeAlias",
        "quicksight:ListThemeAliases",
        "quicksight:ListThemeVersions",
    ],
}
calls = [
    ("UpdateUser alice", lambda: client.update_user(
        AwsAccountId=ACCOUNT, Namespace="default", UserName="alice", Email="alice@example.org", Role="AUTHOR")),
    ("UpdateUser eve/ops", lambda: client.update_user(
        AwsAccountId=ACCOUNT, Namespace="default", UserName="eve/ops", Email="eve@example.org", Role="READER")),
    ("UpdateThemePermissions", lambda: client.update_theme_permissions(
        AwsAccountId=ACCOUNT, ThemeId="corporate-theme", GrantPermissions=[GRANT])),
    ("UpdateCustomPermissions", lambda: client.update_custom_permissions(
        AwsAccountId=ACCOUNT, CustomPermissionsName="ReadOnlyAnalysts", Capabilities={"ExportToCsv": "DENY"})),
]
failed = 0
for name, call in calls:
    if name == "UpdateCustomPermissions" and not hasattr(client, "update_custom_permissions"):
        print(f"boto3 {name}: skipped, botocore {boto3.__version__} predates it", file=sys.stderr)
        continue
    try:
        answer = call()
        print(f"boto3 {name}: HTTP {answer['ResponseMetadata']['HTTPStatusCode']}")
    except Exception as error:  # noqa: BLE001 - any failure is reported, and fails the run
        failed += 1
        print(f"boto3 {name}: {error}", file=sys.stderr)
sys.exit(1 if failed else 0)
