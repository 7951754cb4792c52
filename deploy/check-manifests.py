#!/usr/bin/env python3
"""Offline checks of deploy/: no cluster needed.

1. Every YAML file under deploy/ parses (PyYAML).
2. Each overlay builds with `kubectl kustomize` (when kubectl is on the PATH); production with the *.env.example
   files standing in for the uncommitted secrets, in a temporary copy.
3. On each built overlay:
   - every environment variable a service's pod gets (env, and the keys of the ConfigMaps and Secrets of its
     envFrom) is read by that service: a ${NAME} placeholder or a property key in its application.properties
     (Quarkus maps QUARKUS_DATASOURCE_USERNAME to quarkus.datasource.username), or a known Quarkus built-in;
   - every ConfigMap/Secret a pod refers to exists in the build (or is made by an operator: listed below);
   - every topic of event-contracts' Topics.java and of the services' application.properties (dead-letter topics
     included) has a KafkaTopic, with the
     right cleanup policy (directory.* compacted), and production topics have replication 3 and min ISR 2;
   - the Ingress hosts are the host of GATEWAY_PUBLIC_BASE_URL (signatures are checked on that URL), with https
     exactly when the Ingress has TLS;
   - every provider the gateway serves (GATEWAY_<PROVIDER>_ENABLED=true) gets its webhook secret from a Secret made
     from an uncommitted file (a secretGenerator .env beside its .env.example) or from outside these manifests: a
     value committed here is public, and a CHANGE-ME/local-* one would be refused by the gateway at start anyway;
   - every service Deployment has the probes, metrics annotations, resources and non-root, read-only security
     context; notification-service runs 2+ replicas (its HPA's minimum where it has one).

Run from anywhere: python3 deploy/check-manifests.py
"""
import base64
import os
import re
import shutil
import subprocess
import sys
import tempfile
from urllib.parse import urlparse

import yaml

DEPLOY = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(DEPLOY)
SERVICES = ["inbound-gateway", "routing-service", "conversation-service", "notification-service"]
# Environment variables Quarkus reads without a key in application.properties.
BUILT_INS = {
    "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT": "Quarkus built-in quarkus.otel.exporter.otlp.endpoint",
}
# Made by an operator, not by these manifests.
EXTERNAL_OBJECTS = {("Secret", "sms-postgres-superuser"): "CloudNativePG (enableSuperuserAccess)"}

# The webhook secret of each provider the gateway can serve, and the flag that enables it.
WEBHOOK_SECRETS = {"TWILIO": "TWILIO_AUTH_TOKEN", "VONAGE": "VONAGE_SIGNATURE_SECRET",
                   "ACS": "ACS_WEBHOOK_SECRET", "INFOBIP": "INFOBIP_WEBHOOK_SECRET"}
PLACEHOLDER = re.compile(r"^\s*$|^(change-me|local-)", re.I)

errors = []
notes = []


def error(msg):
    errors.append(msg)


def parse_all_yaml():
    count = 0
    for folder, _, files in os.walk(DEPLOY):
        for name in sorted(files):
            if name.endswith((".yaml", ".yml")):
                path = os.path.join(folder, name)
                try:
                    with open(path) as f:
                        list(yaml.safe_load_all(f))
                    count += 1
                except yaml.YAMLError as e:
                    error(f"{os.path.relpath(path, ROOT)}: not valid YAML: {e}")
    return count


def env_name(key):
    return re.sub(r"[^A-Za-z0-9]", "_", key).upper()


def service_properties(service):
    path = os.path.join(ROOT, service, "src/main/resources/application.properties")
    keys, placeholders, text = set(), set(), open(path).read()
    for line in text.splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "!")) or "=" not in line:
            continue
        key, value = line.split("=", 1)
        key = key.strip()
        if key.startswith("%") and not key.startswith("%prod."):
            continue
        keys.add(env_name(key.removeprefix("%prod.")))
    placeholders.update(re.findall(r"\$\{([A-Z0-9_]+)", text))
    topics = set(re.findall(r"^\s*mp\.messaging\.[a-z]+\.[a-z0-9-]+\.(?:dead-letter-queue\.)?topic\s*=\s*(\S+)",
                            text, re.M))
    return keys, placeholders, topics


def contract_topics():
    """The topics event-contracts defines (Topics.java): some are only named in code (e.g. an outbox's target)."""
    path = os.path.join(ROOT, "event-contracts/src/main/java/io/smsconversations/events/Topics.java")
    return re.findall(r'static final String [A-Z_]+ = "([^"]+)"', open(path).read())


def build(overlay):
    if not shutil.which("kubectl"):
        return None
    with tempfile.TemporaryDirectory() as tmp:
        copy = os.path.join(tmp, "deploy")
        shutil.copytree(DEPLOY, copy)
        secrets = os.path.join(copy, "overlays", overlay, "secrets")
        if os.path.isdir(secrets):
            for name in os.listdir(secrets):
                if name.endswith(".env.example"):
                    shutil.copy(os.path.join(secrets, name), os.path.join(secrets, name[: -len(".example")]))
        result = subprocess.run(["kubectl", "kustomize", os.path.join(copy, "overlays", overlay)],
                                capture_output=True, text=True)
    if result.returncode != 0:
        error(f"overlays/{overlay}: kubectl kustomize failed: {result.stderr.strip()}")
        return []
    return [d for d in yaml.safe_load_all(result.stdout) if d]


def uncommitted_secret_keys(overlay):
    """Secret name -> the keys its secretGenerator reads from git-ignored .env files (their .env.example lists them)."""
    folder = os.path.join(DEPLOY, "overlays", overlay)
    with open(os.path.join(folder, "kustomization.yaml")) as f:
        kustomization = yaml.safe_load(f) or {}
    keys = {}
    for generator in kustomization.get("secretGenerator") or []:
        for env in generator.get("envs") or []:
            example = os.path.join(folder, env + ".example")
            ignore = os.path.join(os.path.dirname(os.path.join(folder, env)), ".gitignore")
            ignored = os.path.exists(ignore) and any(line.strip() in ("*.env", os.path.basename(env))
                                                     for line in open(ignore))
            if env.endswith(".env") and ignored and os.path.exists(example):
                names = {line.split("=", 1)[0].strip() for line in open(example)
                         if "=" in line and not line.lstrip().startswith("#")}
                keys.setdefault(generator["name"], set()).update(names)
    return keys


def container_env(container, objects):
    """Each environment variable of a container -> (kind, object, key) it comes from, env winning over envFrom;
    and the Secrets of its envFrom that these manifests do not define (their keys are unknown here)."""
    resolved, external = {}, []
    for ef in container.get("envFrom", []):
        for kind, field in (("ConfigMap", "configMapRef"), ("Secret", "secretRef")):
            if field not in ef:
                continue
            name = ef[field]["name"]
            obj = objects.get((kind, name))
            if obj is None:
                external.append(name)
                continue
            for key in set(obj.get("data") or {}) | set(obj.get("stringData") or {}):
                resolved[key] = (kind, name, key)
    for e in container.get("env", []):
        ref = e.get("valueFrom") or {}
        if "secretKeyRef" in ref:
            resolved[e["name"]] = ("Secret", ref["secretKeyRef"]["name"], ref["secretKeyRef"]["key"])
        elif "configMapKeyRef" in ref:
            resolved[e["name"]] = ("ConfigMap", ref["configMapKeyRef"]["name"], ref["configMapKeyRef"]["key"])
        else:
            resolved[e["name"]] = ("literal", e.get("value", ""), None)
    return resolved, external


def env_value(source, objects):
    kind, name, key = source
    if kind == "literal":
        return name
    obj = objects.get((kind, name)) or {}
    if key in (obj.get("stringData") or {}):
        return str(obj["stringData"][key])
    raw = (obj.get("data") or {}).get(key)
    return None if raw is None else (raw if kind == "ConfigMap" else base64.b64decode(raw).decode())


def check_webhook_secrets(where, overlay, objects, gateway):
    env, external = container_env(gateway["spec"]["template"]["spec"]["containers"][0], objects)
    uncommitted = uncommitted_secret_keys(overlay)
    for provider, secret in WEBHOOK_SECRETS.items():
        flag = env.get(f"GATEWAY_{provider}_ENABLED")
        if flag is None or str(env_value(flag, objects)).strip().lower() != "true":
            continue
        source = env.get(secret)
        label = f"{where}: inbound-gateway serves {provider.lower()} (GATEWAY_{provider}_ENABLED) but {secret}"
        if source is None and external:
            notes.append(f"{label} can only come from Secret(s) {', '.join(external)}, made outside these manifests")
        elif source is None:
            error(f"{label} is not given to it")
        elif source[0] != "Secret":
            error(f"{label} comes from a {source[0]}, not a Secret")
        elif ("Secret", source[1]) not in objects:
            notes.append(f"{label} comes from Secret {source[1]}, made outside these manifests")
        elif source[2] not in uncommitted.get(source[1], set()):
            committed = env_value(source, objects) or ""
            error(f"{label} is {'a placeholder' if PLACEHOLDER.match(committed) else 'a value'} committed in Secret "
                  f"{source[1]}: generate that Secret from an uncommitted .env file (secretGenerator) or from "
                  f"outside deploy/")


def check_overlay(overlay, docs, props):
    where = f"overlays/{overlay}"
    objects = {(d["kind"], d["metadata"]["name"]): d for d in docs}

    def data_keys(kind, name):
        obj = objects.get((kind, name))
        if obj is None:
            if (kind, name) not in EXTERNAL_OBJECTS:
                error(f"{where}: {kind} {name} is referred to but not defined")
            return None
        return set((obj.get("data") or {}).keys()) | set((obj.get("stringData") or {}).keys())

    deployments = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
    pod_specs = [(n, d["spec"]["template"]["spec"]) for n, d in deployments.items()]
    pod_specs += [(d["metadata"]["name"], d["spec"]["template"]["spec"]) for d in docs if d["kind"] == "Job"]

    # References from any pod to ConfigMaps and Secrets, with their keys.
    for name, spec in pod_specs:
        for c in spec["containers"]:
            for e in c.get("env", []):
                ref = (e.get("valueFrom") or {})
                for kind, field in (("Secret", "secretKeyRef"), ("ConfigMap", "configMapKeyRef")):
                    if field in ref:
                        keys = data_keys(kind, ref[field]["name"])
                        if keys is not None and ref[field]["key"] not in keys:
                            error(f"{where}: {name}: {kind} {ref[field]['name']} has no key {ref[field]['key']}")
        for v in spec.get("volumes", []):
            if "configMap" in v and (("ConfigMap", v["configMap"]["name"]) not in objects):
                if v["configMap"]["name"] != "sms-realm":  # made by hand, see components/keycloak-dev
                    error(f"{where}: {name}: volume ConfigMap {v['configMap']['name']} not defined")

    for service in SERVICES:
        d = deployments.get(service)
        if d is None:
            error(f"{where}: no Deployment {service}")
            continue
        keys, placeholders, _ = props[service]
        spec = d["spec"]["template"]["spec"]
        c = spec["containers"][0]
        names = {e["name"] for e in c.get("env", [])}
        for ef in c.get("envFrom", []):
            if "configMapRef" in ef:
                names |= data_keys("ConfigMap", ef["configMapRef"]["name"]) or set()
            if "secretRef" in ef:
                names |= data_keys("Secret", ef["secretRef"]["name"]) or set()
        for n in sorted(names):
            if n in placeholders or n in keys:
                continue
            if n in BUILT_INS:
                notes.append(f"{where}: {service}: {n} is not in application.properties ({BUILT_INS[n]})")
                continue
            error(f"{where}: {service}: env {n} is read by nothing in {service}'s application.properties")

        # Pod hygiene.
        paths = {p: (c.get(p) or {}).get("httpGet", {}).get("path") for p in
                 ("livenessProbe", "readinessProbe", "startupProbe")}
        if paths != {"livenessProbe": "/q/health/live", "readinessProbe": "/q/health/ready",
                     "startupProbe": "/q/health/started"}:
            error(f"{where}: {service}: probes {paths}")
        ann = d["spec"]["template"]["metadata"].get("annotations", {})
        if ann.get("prometheus.io/scrape") != "true" or ann.get("prometheus.io/path") != "/q/metrics":
            error(f"{where}: {service}: Prometheus annotations missing")
        sc, psc = c.get("securityContext", {}), spec.get("securityContext", {})
        if not (psc.get("runAsNonRoot") and sc.get("readOnlyRootFilesystem")
                and sc.get("allowPrivilegeEscalation") is False):
            error(f"{where}: {service}: security context is not non-root/read-only")
        res = c.get("resources", {})
        if not res.get("requests") or not res.get("limits", {}).get("memory"):
            error(f"{where}: {service}: resources missing")
        if not c["image"].split("/")[-1].startswith(service + ":"):
            error(f"{where}: {service}: image {c['image']}")
    nt = deployments.get("notification-service")
    hpa = objects.get(("HorizontalPodAutoscaler", "notification-service"))
    replicas = hpa["spec"]["minReplicas"] if hpa else (nt or {}).get("spec", {}).get("replicas", 1)
    if nt and replicas < 2:
        error(f"{where}: notification-service has fewer than 2 replicas")
    for service in SERVICES:
        if ("PodDisruptionBudget", service) not in objects or ("Service", service) not in objects:
            error(f"{where}: {service}: Service or PodDisruptionBudget missing")

    # Topics.
    topics = {d["spec"].get("topicName", d["metadata"]["name"]): d for d in docs if d["kind"] == "KafkaTopic"}
    wanted = set(contract_topics())
    for service in SERVICES:
        wanted |= props[service][2]
    for t in sorted(wanted - set(topics)):
        error(f"{where}: topic {t} (in event-contracts' Topics or an application.properties) has no KafkaTopic")
    ahead = sorted(set(topics) - wanted)
    if ahead:
        notes.append(f"{where}: KafkaTopics no service names yet (provisioned ahead): {', '.join(ahead)}")
    for name, t in topics.items():
        cfg = t["spec"].get("config", {})
        policy = cfg.get("cleanup.policy")
        compacted = name.startswith("directory.") and ".dlq." not in name
        if policy != ("compact" if compacted else "delete"):
            error(f"{where}: topic {name} cleanup.policy {policy}")
        if not compacted and "retention.ms" not in cfg:
            error(f"{where}: topic {name} has no retention.ms")
        if overlay == "production" and (t["spec"].get("replicas") != 3 or str(cfg.get("min.insync.replicas")) != "2"):
            error(f"{where}: topic {name} not replicated 3 / min ISR 2")

    if "inbound-gateway" in deployments:
        check_webhook_secrets(where, overlay, objects, deployments["inbound-gateway"])

    # Public URL vs Ingress.
    gw = objects.get(("ConfigMap", "inbound-gateway-config"), {}).get("data", {})
    url = urlparse(gw.get("GATEWAY_PUBLIC_BASE_URL", ""))
    for d in docs:
        if d["kind"] != "Ingress":
            continue
        hosts = {r["host"] for r in d["spec"]["rules"]}
        if hosts != {url.hostname}:
            error(f"{where}: Ingress {d['metadata']['name']} hosts {hosts} != "
                  f"GATEWAY_PUBLIC_BASE_URL host {url.hostname}")
        if bool(d["spec"].get("tls")) != (url.scheme == "https"):
            error(f"{where}: Ingress {d['metadata']['name']} TLS does not match {url.scheme}://")
    return len(docs)


def main():
    count = parse_all_yaml()
    print(f"parsed {count} YAML files under deploy/")
    props = {s: service_properties(s) for s in SERVICES}
    for overlay in ("local", "production"):
        docs = build(overlay)
        if docs is None:
            notes.append("kubectl not found: overlays not built, cross-checks skipped")
            break
        n = check_overlay(overlay, docs, props)
        print(f"overlays/{overlay}: built {n} objects")
    for n in notes:
        print("note:", n)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
