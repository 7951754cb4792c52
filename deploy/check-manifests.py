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
     context; notification-service runs 2+ replicas (its HPA's minimum where it has one);
   - Kafka access: the Kafka cluster's listeners all authenticate (SCRAM-SHA-512 or mTLS) and are limited by
     networkPolicyPeers, ACLs are on, and each service has one KafkaUser whose ACLs are exactly what its
     application.properties (and its outbox) consume and produce: topics read, topics written (dead-letter topics
     included), its consumer groups by prefix, nothing more; its pod logs in with that user's Secret;
   - every class-level JAX-RS @Path of a service (scanned in its Java sources) has an Ingress path that leads to that
     service, every Ingress path leads to a resource, and /q is never exposed;
   - the ingress controller's access-log format has no query string and no referrer;
   - graceful shutdown: each pod's terminationGracePeriodSeconds covers its preStop pause plus the service's
     quarkus.shutdown.timeout plus a margin.
4. operations/redrive (break-glass, in no overlay): its KafkaUser may read and mark exactly the dead-letter topics of
   components/kafka-topics and write exactly their source topics, and its Job logs in as that user.

Run from anywhere: python3 deploy/check-manifests.py
Its own tests (deploy/check_manifests_test.py): python3 deploy/check-manifests.py --self-test
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
                   "ACS": "ACS_WEBHOOK_SECRET", "INFOBIP": "INFOBIP_WEBHOOK_SECRET",
                   "TELESIGN": "TELESIGN_API_KEY", "LINKMOBILITY": "LINKMOBILITY_WEBHOOK_PASSWORD"}
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
    made = operator_made_secrets(docs)

    def data_keys(kind, name):
        obj = objects.get((kind, name))
        if obj is None and (kind, name) in made:
            return made[(kind, name)]
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
        wanted |= props[service][2] | kafka_rights(ROOT, service)["writes"]
    for t in sorted(wanted - set(topics)):
        error(f"{where}: topic {t} (in event-contracts' Topics, an application.properties or a dead-letter topic of "
              "event-consumers) has no KafkaTopic")
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


# --- Kafka access, Ingress routes, access log, graceful shutdown ------------------------------------------------
# Each check takes what it needs (built documents, the repository root) and returns its errors, so that
# check_manifests_test.py can feed it small made-up inputs.

# Strimzi's User Operator writes a KafkaUser's password to a Secret of the user's name (keys below).
KAFKA_USER_SECRET_KEYS = {"scram-sha-512": {"password", "sasl.jaas.config"},
                          "tls": {"ca.crt", "user.crt", "user.key", "user.p12", "user.password"}}
# Paths a service serves that must never be public, with the reason.
INTERNAL_PATHS = {"/q": "health, metrics, OpenAPI: for probes and Prometheus inside the cluster",
                  "/simulator": "the gateway's fake Twilio API; the local overlay has the gateway call it on localhost"}
# Code that picks a record's topic itself (OutgoingKafkaRecordMetadata.withTopic) outside an outbox, and why its
# topics are already among the channel's configured ones.
# Code (outside OutboxRelay) that picks a topic per record, and why its topics are accounted for elsewhere.
PER_RECORD_TOPIC_CODE = {}
# nginx variables that carry a query string (or, for a referrer, another page's), or a request body.
ACCESS_LOG_FORBIDDEN = [r"\$request(?![a-z_])", r"\$request_uri", r"\$args", r"\$query_string", r"\$arg_[a-z0-9_]*",
                        r"\$http_referer", r"\$request_body"]
SHUTDOWN_MARGIN_SECONDS = 5


def operator_made_secrets(docs):
    """(kind, name) -> keys of the Secrets operators make from these documents (Strimzi: one per KafkaUser)."""
    made = {}
    for d in docs:
        if d["kind"] == "KafkaUser":
            auth = ((d.get("spec") or {}).get("authentication") or {}).get("type")
            made[("Secret", d["metadata"]["name"])] = KAFKA_USER_SECRET_KEYS.get(auth, set())
    return made


def platform_checks(where, docs, root):
    errs = []
    errs += check_kafka_cluster(where, docs)
    errs += check_kafka_users(where, docs, {s: kafka_rights(root, s) for s in SERVICES})
    errs += check_ingress_routes(where, docs, {s: resource_paths(root, s) for s in SERVICES})
    errs += check_access_log(where, docs)
    errs += check_graceful_shutdown(where, docs, {s: read_properties(root, s) for s in SERVICES})
    return errs


def read_properties(root, service):
    """The effective main-profile properties of a service (a %prod. key wins; other profiles are left out)."""
    path = os.path.join(root, service, "src/main/resources/application.properties")
    plain, prod = {}, {}
    for line in open(path).read().replace("\\\n", "").splitlines():
        line = line.strip()
        if not line or line.startswith(("#", "!")) or "=" not in line:
            continue
        key, value = (part.strip() for part in line.split("=", 1))
        if key.startswith("%prod."):
            prod[key[len("%prod."):]] = value
        elif not key.startswith("%"):
            plain[key] = value
    plain.update(prod)
    return plain


def java_sources(root, service):
    folder = os.path.join(root, service, "src/main/java")
    for dirpath, _, files in os.walk(folder):
        for name in sorted(files):
            if name.endswith(".java"):
                path = os.path.join(dirpath, name)
                yield os.path.relpath(path, root), open(path).read()


def uses_event_consumers(root, service):
    with open(os.path.join(root, service, "pom.xml")) as f:
        return "<artifactId>event-consumers</artifactId>" in f.read()


def kafka_rights(root, service):
    """What a service's configuration and code need of Kafka: topics read, topics written, consumer groups."""
    props = read_properties(root, service)
    reads, writes, groups = set(), set(), set()
    default_group = props.get("kafka.group.id") or props.get("quarkus.application.name") or service
    channels = {}
    for key, value in props.items():
        m = re.match(r"mp\.messaging\.(incoming|outgoing)\.([A-Za-z0-9_-]+)\.(.+)$", key)
        if m:
            channels.setdefault((m.group(1), m.group(2)), {})[m.group(3)] = value
    for (direction, channel), cfg in channels.items():
        topic = cfg.get("topic", channel)
        if direction == "incoming":
            reads.add(topic)
            groups.add(cfg.get("group.id", default_group))
        else:
            writes.add(topic)
    if uses_event_consumers(root, service):
        # event-consumers' DeadLetters sends a refused record to <topic>.dlq.<service> (DeadLetter.topic), for
        # every topic the service consumes.
        app = props.get("quarkus.application.name") or service
        writes |= {f"{t}.dlq.{app}" for t in reads}
    constants = dict(re.findall(r'static final String ([A-Z_]+) = "([^"]+)"', open(os.path.join(
        root, "event-contracts/src/main/java/io/smsconversations/events/Topics.java")).read()))
    errs = []
    for path, text in java_sources(root, service):
        # An outbox row names its topic: every OutboxEvent(Topics.X, ...) is a topic the service writes.
        writes |= {constants[c] for c in re.findall(r"new OutboxEvent\(\s*Topics\.([A-Z_]+)", text)}
        if ".withTopic(" in text and "OutboxRelay" not in path and path not in PER_RECORD_TOPIC_CODE:
            errs.append(f"{path} picks Kafka topics per record: declare them in PER_RECORD_TOPIC_CODE")
    return {"reads": reads, "writes": writes, "groups": groups, "errors": errs}


def check_kafka_cluster(where, docs):
    errs = []
    kafkas = [d for d in docs if d["kind"] == "Kafka"]
    if not kafkas:
        return [f"{where}: no Kafka cluster (Strimzi Kafka sms-kafka): its listener's authentication cannot be checked"]
    users_ns = {d["metadata"].get("namespace") for d in docs if d["kind"] == "KafkaUser"}
    for k in kafkas:
        name, spec = k["metadata"]["name"], k["spec"]["kafka"]
        if (spec.get("authorization") or {}).get("type") not in ("simple", "custom"):
            errs.append(f"{where}: Kafka {name} has no authorization: any authenticated client may do anything")
        for listener in spec.get("listeners", []):
            label = f"{where}: Kafka {name} listener {listener.get('name')}"
            if (listener.get("authentication") or {}).get("type") not in ("scram-sha-512", "tls"):
                errs.append(f"{label} takes clients without SCRAM-SHA-512 or mTLS authentication")
            peers = listener.get("networkPolicyPeers") or []
            if not peers:
                errs.append(f"{label} has no networkPolicyPeers: every pod of the cluster can connect")
            for peer in peers:
                ns = (peer.get("namespaceSelector") or {}).get("matchLabels", {}).get("kubernetes.io/metadata.name")
                if ns != "sms-conversations" or not (peer.get("podSelector") or {}).get("matchLabels"):
                    errs.append(f"{label}: networkPolicyPeers must name the suite's pods in sms-conversations: {peer}")
        if str((spec.get("config") or {}).get("auto.create.topics.enable")).lower() != "false":
            errs.append(f"{where}: Kafka {name} may auto-create topics")
        uo = (k["spec"].get("entityOperator") or {}).get("userOperator")
        if uo is None:
            errs.append(f"{where}: Kafka {name} runs no User Operator: the KafkaUsers would never be made")
        elif users_ns and uo.get("watchedNamespace", k["metadata"].get("namespace")) not in users_ns:
            errs.append(f"{where}: Kafka {name}'s User Operator does not watch {sorted(users_ns)}, where the "
                        "KafkaUsers are")
    common = next((d.get("data", {}) for d in docs if d["kind"] == "ConfigMap"
                   and d["metadata"]["name"] == "sms-common"), {})
    if common.get("KAFKA_SECURITY_PROTOCOL") not in ("SASL_PLAINTEXT", "SASL_SSL", "SSL"):
        errs.append(f"{where}: ConfigMap sms-common: KAFKA_SECURITY_PROTOCOL "
                    f"{common.get('KAFKA_SECURITY_PROTOCOL')} does not authenticate")
    return errs


def acl_entries(user):
    """Each ACL of a KafkaUser as (resource type, pattern, name, operation), operations spelled as Strimzi does."""
    out = []
    for acl in ((user.get("spec") or {}).get("authorization") or {}).get("acls") or []:
        if acl.get("type", "allow") != "allow":
            continue  # a deny only takes rights away
        res = acl.get("resource", {})
        ops = acl.get("operations") or ([acl["operation"]] if "operation" in acl else [])
        for op in ops:
            out.append((res.get("type"), res.get("patternType", "literal"), res.get("name"), op))
    return out


def check_kafka_users(where, docs, rights):
    errs = []
    users = {d["metadata"]["name"]: d for d in docs if d["kind"] == "KafkaUser"}
    deployments = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
    for service, need in rights.items():
        errs += [f"{where}: {e}" for e in need["errors"]]
        user = users.get(service)
        if user is None:
            errs.append(f"{where}: {service} has no KafkaUser")
            continue
        label = f"{where}: KafkaUser {service}"
        spec = user.get("spec") or {}
        if (spec.get("authentication") or {}).get("type") not in ("scram-sha-512", "tls"):
            errs.append(f"{label}: authentication must be scram-sha-512 or tls")
        if (spec.get("authorization") or {}).get("type") != "simple":
            errs.append(f"{label}: authorization must be simple (ACLs)")
        reads, writes, describes, group_acls = set(), set(), set(), []
        for kind, pattern, name, op in acl_entries(user):
            if kind == "topic" and pattern == "literal" and op in ("Read", "Write", "Describe"):
                {"Read": reads, "Write": writes, "Describe": describes}[op].add(name)
            elif kind == "group" and op in ("Read", "Describe"):
                group_acls.append((pattern, name))
            else:
                errs.append(f"{label}: {op} on {kind} {pattern} {name} is more than the service needs")
        for what, have, want in (("reads", reads, need["reads"]), ("writes", writes, need["writes"])):
            for t in sorted(have - want):
                errs.append(f"{label} {what} topic {t}, which its configuration does not {what[:-1]}")
            for t in sorted(want - have):
                errs.append(f"{label} lacks {what[:-1]} on topic {t}, which its configuration {what}")
        for t in sorted(describes - need["reads"] - need["writes"]):
            errs.append(f"{label} may describe topic {t}, which it neither reads nor writes")
        for pattern, name in group_acls:
            if pattern == "prefix" and name != service:
                errs.append(f"{label}: group prefix {name!r} is not the service's own name")
            elif pattern == "literal" and name not in need["groups"]:
                errs.append(f"{label}: group {name} is not one of its consumer groups")
            elif pattern not in ("prefix", "literal"):
                errs.append(f"{label}: group pattern {pattern} {name}")
        for g in sorted(need["groups"]):
            if not any(name == g or (pattern == "prefix" and g.startswith(name)) for pattern, name in group_acls):
                errs.append(f"{label} may not use its consumer group {g}")
        d = deployments.get(service)
        if d is not None:
            env = {e["name"]: e for e in d["spec"]["template"]["spec"]["containers"][0].get("env", [])}
            ref = ((env.get("KAFKA_SASL_JAAS_CONFIG") or {}).get("valueFrom") or {}).get("secretKeyRef") or {}
            if ref.get("name") != service or ref.get("key") != "sasl.jaas.config":
                errs.append(f"{where}: {service}: KAFKA_SASL_JAAS_CONFIG must come from Secret {service} "
                            f"(its KafkaUser), key sasl.jaas.config; found {ref or 'nothing'}")
    for name in sorted(set(users) - set(rights)):
        errs.append(f"{where}: KafkaUser {name} belongs to no service")
    return errs


REDRIVE = os.path.join(DEPLOY, "operations", "redrive")
DEAD_LETTER_TOPICS = os.path.join(DEPLOY, "components", "kafka-topics", "dead-letter-topics.yaml")


def yaml_documents(*paths):
    docs = []
    for path in paths:
        with open(path) as f:
            docs += [d for d in yaml.safe_load_all(f) if d]
    return docs


def redrive_rights(dead_letter_topics):
    """Re-driving reads and marks every dead-letter topic and writes each one's source topic; nothing else."""
    want = set()
    for dlq in dead_letter_topics:
        want |= {("topic", "literal", dlq, op) for op in ("Read", "Write", "Describe")}
        want |= {("topic", "literal", dlq.split(".dlq.")[0], op) for op in ("Write", "Describe")}
    return want


def check_redrive(where, docs, dead_letter_topics):
    """The break-glass re-drive identity: exactly redrive_rights, and its Job logs in as that user."""
    users = [d for d in docs if d["kind"] == "KafkaUser"]
    if len(users) != 1:
        return [f"{where}: one KafkaUser expected, found {len(users)}"]
    user = users[0]
    name = user["metadata"]["name"]
    label = f"{where}: KafkaUser {name}"
    spec = user.get("spec") or {}
    errs = []
    if (spec.get("authentication") or {}).get("type") not in ("scram-sha-512", "tls"):
        errs.append(f"{label}: authentication must be scram-sha-512 or tls")
    if (spec.get("authorization") or {}).get("type") != "simple":
        errs.append(f"{label}: authorization must be simple (ACLs)")
    have, want = set(acl_entries(user)), redrive_rights(dead_letter_topics)
    for kind, pattern, topic, op in sorted(have - want, key=str):
        errs.append(f"{label}: {op} on {kind} {pattern} {topic} is more than re-driving needs")
    for kind, pattern, topic, op in sorted(want - have):
        errs.append(f"{label} lacks {op} on {kind} {topic}")
    for job in (d for d in docs if d["kind"] == "Job"):
        for c in job["spec"]["template"]["spec"]["containers"]:
            env = {e["name"]: e for e in c.get("env", [])}
            ref = ((env.get("KAFKA_SASL_JAAS_CONFIG") or {}).get("valueFrom") or {}).get("secretKeyRef") or {}
            if ref.get("name") != name or ref.get("key") != "sasl.jaas.config":
                errs.append(f"{where}: Job {job['metadata']['name']} must log in as {name} (Secret {name}, key "
                            f"sasl.jaas.config); found {ref or 'nothing'}")
    return errs


def check_redrive_operation():
    topics = [d["spec"].get("topicName", d["metadata"]["name"]) for d in yaml_documents(DEAD_LETTER_TOPICS)
              if d["kind"] == "KafkaTopic"]
    files = [os.path.join(REDRIVE, f) for f in sorted(os.listdir(REDRIVE))
             if f.endswith(".yaml") and f != "kustomization.yaml"]
    return check_redrive("operations/redrive", yaml_documents(*files), topics)


def resource_paths(root, service):
    """The class-level @Path values of a service's JAX-RS resources, constants resolved."""
    found, errs = set(), []
    for path, text in java_sources(root, service):
        m = re.search(r"^(?:public\s+|final\s+|abstract\s+)*(?:class|interface)\s+\w+", text, re.M)
        if not m:
            continue
        head = text[:m.start()]
        head = head[head.rfind(";") + 1:]  # the annotations after the last import
        for value in re.findall(r"@Path\(\s*([^)]+?)\s*\)", head):
            resolved = resolve_string(value, text)
            if resolved is None:
                errs.append(f"{path}: cannot read @Path({value})")
            else:
                found.add(resolved)
    return {"paths": found, "errors": errs}


def resolve_string(expression, text):
    if re.fullmatch(r'"[^"]*"', expression):
        return expression[1:-1]
    constant = expression.split(".")[-1]
    m = re.search(r"static final String " + re.escape(constant) + r'\s*=\s*"([^"]*)"', text)
    return m.group(1) if m else None


def literal_part(path):
    """/api/records/{id}/conversations -> /api/records: what a path prefix can match of it."""
    return ("/" + "/".join(p for p in path.split("/{")[0].split("/") if p)) or "/"


def ingress_routes(docs):
    routes = []
    for d in docs:
        if d["kind"] != "Ingress":
            continue
        for rule in d["spec"].get("rules", []):
            for p in (rule.get("http") or {}).get("paths", []):
                routes.append((p["path"].rstrip("/") or "/", p.get("pathType", "Prefix"),
                               p["backend"]["service"]["name"], d["metadata"]["name"]))
    return routes


def route_for(path, routes):
    """The Ingress path that serves `path` (ingress-nginx: exact paths first, then the longest prefix)."""
    exact = [r for r in routes if r[1] == "Exact" and r[0] == path]
    if exact:
        return exact[0]
    prefixes = [r for r in routes if r[1] != "Exact" and (r[0] == "/" or path == r[0] or path.startswith(r[0] + "/"))]
    return max(prefixes, key=lambda r: len(r[0])) if prefixes else None


def check_ingress_routes(where, docs, paths_by_service):
    errs, routes = [], ingress_routes(docs)
    if not routes:
        return [f"{where}: no Ingress"]
    served = {}
    for service, found in paths_by_service.items():
        errs += [f"{where}: {e}" for e in found["errors"]]
        for path in sorted(found["paths"]):
            literal = literal_part(path)
            internal = [p for p in INTERNAL_PATHS if literal == p or literal.startswith(p + "/")]
            route = route_for(literal, routes)
            if internal:
                if route:
                    errs.append(f"{where}: Ingress {route[3]} exposes {path} of {service} "
                                f"({INTERNAL_PATHS[internal[0]]})")
                continue
            if route is None:
                errs.append(f"{where}: {service} serves {path} (@Path), which no Ingress path routes: 404 in the cluster")
            elif route[2] != service:
                errs.append(f"{where}: {service} serves {path} (@Path), but Ingress {route[3]} sends {route[0]} to "
                            f"{route[2]}")
            else:
                served.setdefault(route[:3], []).append(path)
    for route in routes:
        if route[:3] not in served:
            errs.append(f"{where}: Ingress {route[3]} routes {route[0]} to {route[2]}, which has no resource there")
    for internal, why in INTERNAL_PATHS.items():
        route = route_for(internal, routes)
        if route:
            errs.append(f"{where}: Ingress {route[3]} exposes {internal} ({why})")
    return errs


def check_access_log(where, docs):
    if not any(d["kind"] == "Ingress" for d in docs):
        return []
    config = next((d for d in docs if d["kind"] == "ConfigMap" and d["metadata"]["name"] == "ingress-nginx-controller"
                   and d["metadata"].get("namespace") == "ingress-nginx"), None)
    if config is None:
        return [f"{where}: no ConfigMap ingress-nginx/ingress-nginx-controller: ingress-nginx logs its default format, "
                "query strings included"]
    fmt = (config.get("data") or {}).get("log-format-upstream")
    if not fmt:
        return [f"{where}: ingress-nginx-controller sets no log-format-upstream: the default logs query strings"]
    return [f"{where}: ingress-nginx log-format-upstream logs {m.group()} (query strings or referrers)"
            for pattern in ACCESS_LOG_FORBIDDEN for m in [re.search(pattern, fmt)] if m]


def seconds(duration):
    """Quarkus durations: 20s, 1m, 500ms, PT20S, or a number of seconds."""
    text = str(duration).strip()
    m = re.fullmatch(r"(\d+(?:\.\d+)?)(ms|s|m|h)?", text)
    if m:
        return float(m.group(1)) * {"ms": 0.001, "s": 1, "m": 60, "h": 3600, None: 1}[m.group(2)]
    m = re.fullmatch(r"PT(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?", text.upper())
    if m:
        return int(m.group(1) or 0) * 3600 + int(m.group(2) or 0) * 60 + float(m.group(3) or 0)
    return None


def check_graceful_shutdown(where, docs, properties):
    errs = []
    deployments = {d["metadata"]["name"]: d for d in docs if d["kind"] == "Deployment"}
    for service, props in properties.items():
        d = deployments.get(service)
        if d is None:
            continue
        spec = d["spec"]["template"]["spec"]
        c = spec["containers"][0]
        env = {e["name"]: e.get("value") for e in c.get("env", [])}
        timeout = seconds(env.get("QUARKUS_SHUTDOWN_TIMEOUT") or props.get("quarkus.shutdown.timeout", ""))
        if timeout is None:
            errs.append(f"{where}: {service}: no quarkus.shutdown.timeout: requests in flight are cut at SIGTERM")
            continue
        pre = (c.get("lifecycle") or {}).get("preStop") or {}
        command = (pre.get("exec") or {}).get("command") or []
        pause = (pre.get("sleep") or {}).get("seconds")
        if pause is None and len(command) == 2 and command[0] in ("sleep", "/bin/sleep"):
            pause = seconds(command[1])
        if not pause:
            errs.append(f"{where}: {service}: no preStop pause: the ingress may still send requests to a stopping pod")
            continue
        grace = spec.get("terminationGracePeriodSeconds", 30)
        if grace < pause + timeout + SHUTDOWN_MARGIN_SECONDS:
            errs.append(f"{where}: {service}: terminationGracePeriodSeconds {grace} < preStop {pause:g} s + "
                        f"quarkus.shutdown.timeout {timeout:g} s + {SHUTDOWN_MARGIN_SECONDS} s: the pod is killed "
                        "before its requests in flight finish")
    return errs


def self_test():
    import unittest
    suite = unittest.defaultTestLoader.discover(DEPLOY, pattern="check_manifests_test.py", top_level_dir=DEPLOY)
    result = unittest.TextTestRunner(verbosity=1).run(suite)
    print(f"{result.testsRun - len(result.failures) - len(result.errors)} passed, "
          f"{len(result.failures) + len(result.errors)} failed")
    return 0 if result.wasSuccessful() and result.testsRun else 1


def main():
    if "--self-test" in sys.argv[1:]:
        return self_test()
    count = parse_all_yaml()
    print(f"parsed {count} YAML files under deploy/")
    props = {s: service_properties(s) for s in SERVICES}
    for overlay in ("local", "production"):
        docs = build(overlay)
        if docs is None:
            notes.append("kubectl not found: overlays not built, cross-checks skipped")
            break
        n = check_overlay(overlay, docs, props)
        for e in platform_checks(f"overlays/{overlay}", docs, ROOT):
            error(e)
        print(f"overlays/{overlay}: built {n} objects")
    for e in check_redrive_operation():
        error(e)
    print("operations/redrive: checked against components/kafka-topics")
    for n in notes:
        print("note:", n)
    for e in errors:
        print("ERROR:", e)
    print("OK" if not errors else f"{len(errors)} error(s)")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
