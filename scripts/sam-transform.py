#!/usr/bin/env python3
"""Turns the SAM template into the plain CloudFormation template CloudFormation would deploy.

    python3 scripts/sam-transform.py TEMPLATE [--parameter Key=Value ...] [--region R] [--output FILE]

Runs what CloudFormation runs on a change set, in its order: AWS::LanguageExtensions first (resolved here
for the given parameters: Fn::If in DeletionPolicy/UpdateReplacePolicy, Fn::ToJsonString, Fn::Length),
then AWS::Serverless-2016-10-31 with aws-sam-translator, the library CloudFormation's SAM transform is.
`make lint` lints its output per environment; the rehearsal deploys its output to moto, whose
CloudFormation runs neither transform. Prints the JSON template (or writes it to --output).
"""

import argparse
import json
import os
import sys

from cfnlint.decode import decode_str
from samtranslator.translator.managed_policy_translator import ManagedPolicyLoader
from samtranslator.translator.transform import transform

LANGUAGE_EXTENSIONS = "AWS::LanguageExtensions"


class NoManagedPolicies(ManagedPolicyLoader):
    """The template names no AWS managed policies, so the transform never needs IAM's list of them."""

    def __init__(self):  # noqa: D107 - no IAM client: nothing is looked up
        pass

    def load(self):
        return {}


def fail(message):
    print(f"sam-transform: {message}", file=sys.stderr)
    sys.exit(1)


def parameter_values(template, given):
    """Each parameter's value for this deploy: the given one, else its Default (lists split on commas)."""
    values = {}
    for name, spec in (template.get("Parameters") or {}).items():
        if name in given:
            value = given[name]
        elif "Default" in spec:
            value = str(spec["Default"])
        else:
            fail(f"parameter {name} has no default: pass --parameter {name}=...")
        values[name] = value.split(",") if spec.get("Type") == "CommaDelimitedList" else value
    unknown = set(given) - set(values)
    if unknown:
        fail(f"the template has no parameter(s) {', '.join(sorted(unknown))}")
    return values


class Conditions:
    """Evaluates the template's Conditions for known parameter values (what Fn::If needs at transform time)."""

    def __init__(self, template, parameters):
        self.definitions = template.get("Conditions") or {}
        self.mappings = template.get("Mappings") or {}
        self.parameters = parameters
        self.cache = {}

    def named(self, name):
        if name not in self.cache:
            if name not in self.definitions:
                fail(f"condition {name} is not defined")
            self.cache[name] = self.truth(self.definitions[name])
        return self.cache[name]

    def value(self, node):
        if isinstance(node, dict) and list(node) == ["Ref"]:
            ref = node["Ref"]
            if ref not in self.parameters:
                fail(f"a condition refers to {ref}, which is not a parameter")
            return self.parameters[ref]
        if isinstance(node, dict) and list(node) == ["Fn::FindInMap"]:
            return resolve_find_in_map(node["Fn::FindInMap"], self)
        return node

    def truth(self, node):
        (function, args), = node.items()
        if function == "Condition":
            return self.named(args)
        if function == "Fn::Equals":
            return str(self.value(args[0])) == str(self.value(args[1]))
        if function == "Fn::Not":
            return not self.truth(args[0])
        if function == "Fn::And":
            return all(self.truth(arg) for arg in args)
        if function == "Fn::Or":
            return any(self.truth(arg) for arg in args)
        fail(f"{function} is not supported in a condition")


def resolve_find_in_map(args, conditions):
    mapping, top, second = (conditions.value(arg) for arg in args[:3])
    return conditions.mappings[mapping][top][second]


def resolve_if(node, conditions):
    """Fn::If whose branches are plain values (DeletionPolicy and the like): the chosen branch."""
    if isinstance(node, dict) and list(node) == ["Fn::If"]:
        name, when_true, when_false = node["Fn::If"]
        return resolve_if(when_true if conditions.named(name) else when_false, conditions)
    return node


def to_json_string(value):
    """Fn::ToJsonString: the JSON text, with any intrinsic inside it left to CloudFormation through Fn::Join."""
    intrinsics = []

    def placeholder(node):
        if isinstance(node, dict):
            if len(node) == 1 and (next(iter(node)) == "Ref" or next(iter(node)).startswith("Fn::")):
                intrinsics.append(node)
                return f"\u0000{len(intrinsics) - 1}\u0000"
            return {key: placeholder(item) for key, item in node.items()}
        if isinstance(node, list):
            return [placeholder(item) for item in node]
        return node

    text = json.dumps(placeholder(value), separators=(",", ":"))
    if not intrinsics:
        return text
    parts = text.split("\\u0000")
    joined = [part if index % 2 == 0 else intrinsics[int(part)] for index, part in enumerate(parts)]
    return {"Fn::Join": ["", [part for part in joined if part != ""]]}


def resolve_language_extensions(node, conditions):
    """Fn::ToJsonString and Fn::Length anywhere; Fn::If only where CloudFormation needs a literal."""
    if isinstance(node, list):
        return [resolve_language_extensions(item, conditions) for item in node]
    if not isinstance(node, dict):
        return node
    if list(node) == ["Fn::ToJsonString"]:
        return to_json_string(resolve_language_extensions(node["Fn::ToJsonString"], conditions))
    if list(node) == ["Fn::Length"]:
        items = conditions.value(node["Fn::Length"])
        if not isinstance(items, list):
            fail("Fn::Length needs a list or a list parameter")
        return len(items)
    return {key: resolve_language_extensions(item, conditions) for key, item in node.items()}


def apply_language_extensions(template, parameters):
    conditions = Conditions(template, parameters)
    for resource in (template.get("Resources") or {}).values():
        for policy in ("DeletionPolicy", "UpdateReplacePolicy"):
            if policy in resource:
                resource[policy] = resolve_if(resource[policy], conditions)
    template = resolve_language_extensions(template, conditions)
    transforms = template.get("Transform")
    if isinstance(transforms, list):
        remaining = [name for name in transforms if name != LANGUAGE_EXTENSIONS]
        template["Transform"] = remaining[0] if len(remaining) == 1 else remaining
    elif transforms == LANGUAGE_EXTENSIONS:
        del template["Transform"]
    return template


def with_placeholder_code(template):
    """Local CodeUris (not uploaded: linting) become an S3 location, as `sam deploy` makes them after upload."""
    functions = [
        (logical_id, resource.setdefault("Properties", {}))
        for logical_id, resource in (template.get("Resources") or {}).items()
        if resource.get("Type") == "AWS::Serverless::Function"
    ]
    global_function = (template.get("Globals") or {}).get("Function") or {}
    for logical_id, properties in functions:
        code_uri = properties.get("CodeUri", global_function.get("CodeUri"))
        if isinstance(code_uri, str) and not code_uri.startswith("s3://"):
            properties["CodeUri"] = f"s3://placeholder-artifacts/{logical_id}.zip"
    return template


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("template")
    parser.add_argument("--parameter", action="append", default=[], metavar="KEY=VALUE")
    parser.add_argument("--region", default=os.environ.get("AWS_REGION", "us-east-1"))
    parser.add_argument("--output")
    parser.add_argument(
        "--placeholder-code",
        action="store_true",
        help="stand an S3 location in for local CodeUris (for linting; a deploy uploads them first)",
    )
    args = parser.parse_args()

    given = {}
    for pair in args.parameter:
        key, sep, value = pair.partition("=")
        if not sep:
            fail(f"--parameter {pair}: expected Key=Value")
        given[key] = value

    with open(args.template, encoding="utf-8") as handle:
        decoded, problems = decode_str(handle.read())
    if problems or decoded is None:
        fail(f"{args.template} could not be parsed: {problems}")
    # cfn-lint's YAML nodes carry line marks; plain JSON values are what the translator expects.
    template = json.loads(json.dumps(decoded))

    parameters = parameter_values(template, given)
    if args.placeholder_code:
        template = with_placeholder_code(template)
    template = apply_language_extensions(template, parameters)
    # The translator reads the region from the environment for ARNs and partitions.
    os.environ["AWS_DEFAULT_REGION"] = args.region
    os.environ.setdefault("AWS_REGION", args.region)
    sam_parameters = {key: ",".join(v) if isinstance(v, list) else v for key, v in parameters.items()}
    sam_parameters.update({"AWS::Region": args.region})
    try:
        output = transform(template, sam_parameters, NoManagedPolicies())
    except Exception as error:  # the translator's InvalidDocumentException lists every problem
        causes = getattr(error, "causes", None)
        detail = "\n  ".join(str(cause.message) for cause in causes) if causes else str(error)
        fail(f"the SAM transform refused the template:\n  {detail}")

    text = json.dumps(output, indent=1, sort_keys=True)
    if args.output:
        with open(args.output, "w", encoding="utf-8") as handle:
            handle.write(text + "\n")
    else:
        print(text)


if __name__ == "__main__":
    main()
