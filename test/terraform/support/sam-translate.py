"""The SAM template as CloudFormation sees it after AWS's SAM translator (aws-sam-translator), as JSON.

usage: python3 sam-translate.py <template.yaml> '<parameter values as JSON>'

The Serverless transform alone: AWS::LanguageExtensions (DeletionPolicy conditions, the dashboard's
Fn::ToJsonString) runs in CloudFormation and changes nothing the parity test compares. CodeUri is set to
an S3 location, as `sam package` leaves it.
"""
import json
import sys

from samtranslator.public.exceptions import InvalidDocumentException
from samtranslator.translator.transform import transform
from samtranslator.yaml_helper import yaml_parse


class NoManagedPolicies:
    """The translator looks managed policies up by name only for policy templates, which blogapp does not use."""

    def load(self):
        return {}


def main() -> None:
    with open(sys.argv[1], encoding="utf-8") as source:
        template = yaml_parse(source.read())
    template["Transform"] = "AWS::Serverless-2016-10-31"
    template["Globals"]["Function"]["CodeUri"] = "s3://packaged/code.zip"
    try:
        translated = transform(template, json.loads(sys.argv[2]), NoManagedPolicies())
    except InvalidDocumentException as error:
        sys.exit("SAM translator: " + "; ".join(str(cause) for cause in error.causes))
    json.dump(translated, sys.stdout, default=str)


main()
