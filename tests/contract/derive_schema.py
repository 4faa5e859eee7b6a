#!/usr/bin/env python3
"""Derive the JSON Schema of `cmksim run --state` from the Atlas Admin API v2 OpenAPI spec.

    python3 derive_schema.py SPEC.yml OUT.json --repo OWNER/NAME --path FILE --commit SHA

Takes from the spec's components.schemas the objects the state JSON writes -- Group,
EncryptionAtRest with AWSKMSConfiguration / AzureKeyVault / GoogleCloudKMS, EARPrivateEndpoint,
ClusterDescription20240805 with ReplicationSpec20240805, CloudRegionConfig20240805 and the
per-cloud HardwareSpec20240805, and the cloud-backup snapshot DiskBackupReplicaSet -- keeping their
field names, types, enums, patterns, formats and bounds, and writes them as a draft 2020-12 schema:

- every object is closed (additionalProperties: false) except for the simulator's own key
  `cmksim`, an open object;
- a property whose type is a schema outside this subset (links, tags, connectionStrings, ...) is
  left out: cmksim never writes it, and the closed object then refuses it;
- the per-cloud choices (regionName oneOf AWS/Azure/GCP regions, electableSpecs oneOf per-cloud
  hardware, an endpoint's regionName per cloudProvider) become if/then on providerName /
  cloudProvider, as the spec's discriminators say (a oneOf of overlapping enums would refuse
  US_EAST_2, which both AWS and Azure have);
- \\p{L}\\p{N} in patterns becomes \\w (Python's re has no \\p classes; \\w is letters, digits and _,
  and every such pattern here allows _ anyway);
- the text fields of the three key blocks also take null: seed 002 §'Example Response' shows a
  block never enabled, or erased by {enabled: false}, with its fields null (the v2 spec says string);
- the state document's own nesting (projects with their sub-resources encryptionAtRest,
  privateEndpoints per cloud and clusters; snapshots) is added around them.

Needs python3-yaml. README.md says how to refresh from a newer spec."""
import argparse
import json
import sys

import yaml

SUBSET = ["Group", "EncryptionAtRest", "AWSKMSConfiguration", "AzureKeyVault", "GoogleCloudKMS", "EARPrivateEndpoint",
          "ClusterDescription20240805", "ReplicationSpec20240805", "CloudRegionConfig20240805",
          "AWSHardwareSpec20240805", "AzureHardwareSpec20240805", "GCPHardwareSpec20240805", "DiskBackupReplicaSet"]
KEEP = {"type", "enum", "pattern", "format", "minimum", "maximum", "minLength", "maxLength", "minItems", "maxItems",
        "items", "properties", "required"}
SIMULATOR = {"type": "object", "description": "the simulator's own fields: not an Atlas API field"}
CLOUD_TITLE = {"AWS": "AWS Regions", "AZURE": "Azure Regions", "GCP": "GCP Regions"}


def ref_name(ref):
    return ref.rsplit("/", 1)[1]


def convert(node, schemas):
    """An OpenAPI schema node as JSON Schema; None when it refers outside SUBSET."""
    if "$ref" in node:
        name = ref_name(node["$ref"])
        return {"$ref": f"#/$defs/{name}"} if name in SUBSET else None
    if "oneOf" in node and "type" not in node:
        return None  # a choice the caller resolves per cloud (regionName, electableSpecs)
    out = {}
    for key, value in node.items():
        if key not in KEEP:
            continue
        if key == "items":
            value = convert(value, schemas)
            if value is None:
                return None
        elif key == "properties":
            value = {k: c for k, v in value.items() if (c := convert(v, schemas)) is not None}
        elif key == "pattern":
            value = value.replace("\\p{L}\\p{N}", "\\w")
        out[key] = value
    if node.get("nullable"):
        out["type"] = [out["type"], "null"]
    return out


def closed(schema):
    """The object closed to everything but its properties and `cmksim`."""
    schema.setdefault("properties", {})["cmksim"] = SIMULATOR
    schema["additionalProperties"] = False
    return schema


def region_enums(choice):
    """{cloud: enum} of a regionName oneOf, by each branch's title."""
    out = {}
    for branch in choice["oneOf"]:
        for cloud, title in CLOUD_TITLE.items():
            if branch.get("title") == title:
                out[cloud] = branch["enum"]
    return out


def per_cloud(discriminator, field, enums):
    """if discriminator == cloud then field is one of that cloud's enum, for each cloud."""
    return [{"if": {"properties": {discriminator: {"const": cloud}}, "required": [discriminator]},
             "then": {"properties": {field: {"enum": values}}}} for cloud, values in enums.items()]


def region_config(schemas):
    spec = schemas["CloudRegionConfig20240805"]
    out = closed(convert(spec, schemas))
    out["properties"]["regionName"] = {"type": "string"}
    out["properties"]["electableSpecs"] = {"type": "object"}
    rules = per_cloud("providerName", "regionName", region_enums(spec["properties"]["regionName"]))
    for cloud in CLOUD_TITLE:
        hardware = {"AWS": "AWSHardwareSpec20240805", "AZURE": "AzureHardwareSpec20240805", "GCP": "GCPHardwareSpec20240805"}[cloud]
        rules.append({"if": {"properties": {"providerName": {"const": cloud}}, "required": ["providerName"]},
                      "then": {"properties": {"electableSpecs": {"$ref": f"#/$defs/{hardware}"}}}})
    out["allOf"] = rules
    return out


def endpoint(schemas):
    """EARPrivateEndpoint: the object is one of its discriminator's mapping targets (one per
    cloudProvider), which add privateEndpointConnectionName and narrow regionName to that cloud."""
    spec = schemas["EARPrivateEndpoint"]
    out = closed(convert(spec, schemas))
    rules = []
    for cloud, ref in spec["discriminator"]["mapping"].items():
        target = schemas[ref_name(ref)]
        out["properties"].update(convert(target, schemas)["properties"])
        region = target["properties"]["regionName"]
        enum = region["enum"] if "enum" in region else region_enums(region)[cloud]
        rules += per_cloud("cloudProvider", "regionName", {cloud: enum})
    out["properties"]["regionName"] = {"type": "string"}
    out["allOf"] = rules
    return out


def document(defs):
    """The state document: projects (Group and its sub-resources) and snapshots."""
    project = json.loads(json.dumps(defs["Group"]))
    project["properties"].update({
        "encryptionAtRest": {"$ref": "#/$defs/EncryptionAtRest"},
        "privateEndpoints": {"type": "object", "additionalProperties": False, "properties": {
            cloud: {"type": "array", "items": {"$ref": "#/$defs/EARPrivateEndpoint"}} for cloud in ("AWS", "AZURE")}},
        "clusters": {"type": "array", "items": {"$ref": "#/$defs/ClusterDescription20240805"}},
    })
    defs["project"] = project
    return {"type": "object", "additionalProperties": False, "required": ["projects", "snapshots"], "properties": {
        "projects": {"type": "array", "items": {"$ref": "#/$defs/project"}},
        "snapshots": {"type": "array", "items": {"$ref": "#/$defs/DiskBackupReplicaSet"}}}}


def nullable_kms_text(defs):
    """seed 002 §'Example Response': a key block's unset text fields are null, not absent."""
    for name in ("AWSKMSConfiguration", "AzureKeyVault", "GoogleCloudKMS"):
        for prop in defs[name]["properties"].values():
            if prop.get("type") == "string":
                prop["type"] = ["string", "null"]
                if "enum" in prop:
                    prop["enum"] = prop["enum"] + [None]


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("spec")
    ap.add_argument("out")
    ap.add_argument("--repo", required=True)
    ap.add_argument("--path", required=True)
    ap.add_argument("--commit", required=True)
    a = ap.parse_args()
    spec = yaml.safe_load(open(a.spec))
    schemas = spec["components"]["schemas"]
    defs = {}
    for name in SUBSET:
        if name == "CloudRegionConfig20240805":
            defs[name] = region_config(schemas)
        elif name == "EARPrivateEndpoint":
            defs[name] = endpoint(schemas)
        else:
            defs[name] = closed(convert(schemas[name], schemas))
    nullable_kms_text(defs)
    root = {"$schema": "https://json-schema.org/draft/2020-12/schema",
            "$comment": "Derived by tests/contract/derive_schema.py; do not edit by hand (README.md).",
            "source": {"repository": a.repo, "file": a.path, "commit": a.commit,
                       "specVersion": spec["info"].get("version"), "specSha": spec["info"].get("x-xgen-sha")}}
    root.update(document(defs))
    root["$defs"] = defs
    json.dump(root, open(a.out, "w"), indent=1, sort_keys=True)
    open(a.out, "a").write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
