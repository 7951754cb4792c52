"""Tests of check-manifests.py's Kafka-access, Ingress-route, access-log and graceful-shutdown checks, on small
made-up inputs (each check must refuse what it is there to refuse), plus the real repository passing them.

Run: python3 deploy/check-manifests.py --self-test (./mvnw verify runs it, module deploy).
"""
import copy
import importlib.util
import os
import tempfile
import unittest

HERE = os.path.dirname(os.path.abspath(__file__))
_spec = importlib.util.spec_from_file_location("check_manifests", os.path.join(HERE, "check-manifests.py"))
cm = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(cm)

W = "overlays/test"


def ingress(name, *paths):
    return {"kind": "Ingress", "metadata": {"name": name}, "spec": {"rules": [{"host": "sms.example.com", "http": {
        "paths": [{"path": p, "pathType": "Prefix", "backend": {"service": {"name": s, "port": {"name": "http"}}}}
                  for p, s in paths]}}]}}


def found(*paths):
    return {"paths": set(paths), "errors": []}


def kafka_user(name, acls, auth="scram-sha-512"):
    return {"kind": "KafkaUser", "metadata": {"name": name, "namespace": "sms-conversations"},
            "spec": {"authentication": {"type": auth}, "authorization": {"type": "simple", "acls": acls}}}


def topic(name, *ops):
    return {"resource": {"type": "topic", "name": name, "patternType": "literal"}, "operations": list(ops)}


def group(name, pattern="prefix"):
    return {"resource": {"type": "group", "name": name, "patternType": pattern}, "operations": ["Read"]}


def deployment(name, env=(), grace=30, pre_stop=("sleep", "5")):
    container = {"name": name, "env": list(env)}
    if pre_stop:
        container["lifecycle"] = {"preStop": {"exec": {"command": list(pre_stop)}}}
    return {"kind": "Deployment", "metadata": {"name": name}, "spec": {"template": {"spec": {
        "terminationGracePeriodSeconds": grace, "containers": [container]}}}}


def jaas_from(secret):
    return {"name": "KAFKA_SASL_JAAS_CONFIG", "valueFrom": {"secretKeyRef": {"name": secret,
                                                                            "key": "sasl.jaas.config"}}}


NOTIFICATION_RIGHTS = {"notification-service": {
    "reads": {"sms.conversation-events", "directory.sellers"},
    "writes": {"sms.conversation-events.dlq.notification-service"},
    "groups": {"notification-service", "notification-service.directory-sellers"},
    "errors": []}}


def notification_user(extra=()):
    return kafka_user("notification-service", [
        group("notification-service"),
        topic("sms.conversation-events", "Read", "Describe"),
        topic("directory.sellers", "Read", "Describe"),
        topic("sms.conversation-events.dlq.notification-service", "Write", "Describe"), *extra])


class IngressRoutes(unittest.TestCase):

    ROUTES = [ingress("conversation-service", ("/api/conversations", "conversation-service")),
              ingress("notification-service", ("/api/notifications", "notification-service"))]

    def test_a_resource_root_without_an_ingress_path_fails(self):
        errors = cm.check_ingress_routes(W, self.ROUTES, {
            "conversation-service": found("/api/conversations", "/api/records/{recordId}/conversations"),
            "notification-service": found("/api/notifications")})
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("/api/records/{recordId}/conversations", errors[0])
        self.assertIn("no Ingress path", errors[0])

    def test_every_root_routed_to_its_own_service_passes(self):
        self.assertEqual(cm.check_ingress_routes(W, self.ROUTES, {
            "conversation-service": found("/api/conversations", "/api/conversations/{id}/read"),
            "notification-service": found("/api/notifications", "/api/notifications/stream")}), [])

    def test_a_root_routed_to_another_service_fails(self):
        errors = cm.check_ingress_routes(W, self.ROUTES, {
            "conversation-service": found("/api/conversations"),
            "notification-service": found("/api/notifications"),
            "routing-service": found("/api/conversations/admin")})
        self.assertTrue(any("routing-service serves /api/conversations/admin" in e and "conversation-service" in e
                            for e in errors), errors)

    def test_a_prefix_matches_whole_path_segments_only(self):
        errors = cm.check_ingress_routes(W, self.ROUTES, {
            "conversation-service": found("/api/conversations", "/api/conversationsx")})
        self.assertTrue(any("/api/conversationsx" in e for e in errors), errors)

    def test_an_ingress_path_without_a_resource_fails(self):
        errors = cm.check_ingress_routes(W, self.ROUTES + [ingress("x", ("/api/templatez", "conversation-service"))],
                                         {"conversation-service": found("/api/conversations"),
                                          "notification-service": found("/api/notifications")})
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("/api/templatez", errors[0])

    def test_internal_paths_must_not_be_routed(self):
        errors = cm.check_ingress_routes(W, [ingress("gw", ("/webhooks", "inbound-gateway"), ("/", "inbound-gateway"))],
                                         {"inbound-gateway": found("/webhooks/twilio/messages",
                                                                   "/simulator/twilio/{sid}")})
        self.assertTrue(any("exposes /simulator" in e for e in errors), errors)
        self.assertTrue(any("exposes /q" in e for e in errors), errors)

    def test_class_level_paths_are_read_with_their_constants(self):
        with tempfile.TemporaryDirectory() as root:
            folder = os.path.join(root, "svc/src/main/java/x")
            os.makedirs(folder)
            with open(os.path.join(folder, "A.java"), "w") as f:
                f.write('package x;\nimport a.B;\n@Path(A.PATH)\n@Tag(name = "t")\npublic class A {\n'
                        '    public static final String PATH = "/api/a";\n    @GET @Path("/{id}") void get() {}\n}\n')
            with open(os.path.join(folder, "B.java"), "w") as f:
                f.write('package x;\n@Path("/api/b/{id}/c")\nclass B {\n}\n')
            with open(os.path.join(folder, "C.java"), "w") as f:
                f.write('package x;\n@Path(Elsewhere.ROOT)\npublic final class C {\n}\n')
            result = cm.resource_paths(root, "svc")
        self.assertEqual(result["paths"], {"/api/a", "/api/b/{id}/c"})
        self.assertEqual(len(result["errors"]), 1)
        self.assertIn("Elsewhere.ROOT", result["errors"][0])


class KafkaUsers(unittest.TestCase):

    def check(self, *docs):
        return cm.check_kafka_users(W, list(docs), NOTIFICATION_RIGHTS)

    def test_acls_exactly_as_the_configuration_pass(self):
        self.assertEqual(self.check(notification_user(),
                                    deployment("notification-service", [jaas_from("notification-service")])), [])

    def test_writing_a_topic_the_service_does_not_produce_fails(self):
        errors = self.check(notification_user([topic("sms.send-requests", "Write")]))
        self.assertEqual(errors, [f"{W}: KafkaUser notification-service writes topic sms.send-requests, which its "
                                  "configuration does not write"])

    def test_a_topic_the_service_consumes_without_an_acl_fails(self):
        user = notification_user()
        user["spec"]["authorization"]["acls"] = [a for a in user["spec"]["authorization"]["acls"]
                                                 if a["resource"]["name"] != "directory.sellers"]
        errors = self.check(user)
        self.assertTrue(any("lacks read on topic directory.sellers" in e for e in errors), errors)

    def test_another_services_groups_fail(self):
        errors = self.check(notification_user([group("routing-service")]))
        self.assertTrue(any("group prefix 'routing-service'" in e for e in errors), errors)
        errors = self.check(notification_user([group("", "prefix")]))
        self.assertTrue(any("group prefix ''" in e for e in errors), errors)

    def test_a_consumer_group_outside_the_prefix_fails(self):
        rights = copy.deepcopy(NOTIFICATION_RIGHTS)
        rights["notification-service"]["groups"].add("shared-group")
        errors = cm.check_kafka_users(W, [notification_user()], rights)
        self.assertTrue(any("may not use its consumer group shared-group" in e for e in errors), errors)

    def test_wildcards_prefixes_and_rights_beyond_read_write_describe_fail(self):
        for extra in ({"resource": {"type": "topic", "name": "*", "patternType": "literal"}, "operations": ["Read"]},
                      {"resource": {"type": "topic", "name": "sms.", "patternType": "prefix"}, "operations": ["Read"]},
                      {"resource": {"type": "cluster"}, "operations": ["Alter"]},
                      topic("sms.conversation-events", "Create"),
                      topic("directory.sellers", "All")):
            with self.subTest(extra=extra):
                self.assertNotEqual(self.check(notification_user([extra])), [])

    def test_a_service_without_a_user_or_logging_in_as_another_fails(self):
        self.assertEqual(self.check(), [f"{W}: notification-service has no KafkaUser"])
        errors = self.check(notification_user(), deployment("notification-service", [jaas_from("routing-service")]))
        self.assertTrue(any("KAFKA_SASL_JAAS_CONFIG must come from Secret notification-service" in e
                            for e in errors), errors)

    def test_a_user_without_authentication_fails(self):
        user = notification_user()
        user["spec"]["authentication"]["type"] = "none"
        self.assertTrue(any("authentication must be" in e for e in self.check(user)))

    def test_outbox_topics_and_dead_letter_topics_count_as_written(self):
        rights = cm.kafka_rights(cm.ROOT, "conversation-service")
        self.assertIn("sms.send-requests", rights["writes"], "the outbox writes send requests")
        self.assertIn("sms.delivery-reports.dlq.conversation-service", rights["writes"])
        self.assertIn("sms.delivery-reports", rights["reads"])
        self.assertNotIn("sms.send-requests", rights["reads"])
        self.assertEqual(rights["errors"], [])


class Redrive(unittest.TestCase):
    DLQS = ["sms.delivery-reports.dlq.conversation-service", "sms.send-requests.dlq.inbound-gateway"]

    @staticmethod
    def user(extra=()):
        return kafka_user("sms-redrive", [
            topic("sms.delivery-reports.dlq.conversation-service", "Read", "Write", "Describe"),
            topic("sms.send-requests.dlq.inbound-gateway", "Read", "Write", "Describe"),
            topic("sms.delivery-reports", "Write", "Describe"),
            topic("sms.send-requests", "Write", "Describe"), *extra])

    @staticmethod
    def job(secret="sms-redrive"):
        return {"kind": "Job", "metadata": {"name": "sms-redrive"}, "spec": {"template": {"spec": {
            "containers": [{"name": "redrive", "env": [jaas_from(secret)]}]}}}}

    def test_reading_the_dead_letters_and_writing_their_sources_passes(self):
        self.assertEqual(cm.check_redrive(W, [self.user(), self.job()], self.DLQS), [])

    def test_any_other_right_fails(self):
        for extra in (topic("directory.sellers", "Write"), group("sms-redrive"),
                      {"resource": {"type": "topic", "name": "sms.", "patternType": "prefix"}, "operations": ["Write"]},
                      topic("sms.send-requests", "Read")):
            with self.subTest(extra=extra):
                self.assertNotEqual(cm.check_redrive(W, [self.user([extra]), self.job()], self.DLQS), [])

    def test_a_dead_letter_topic_it_cannot_read_fails(self):
        errors = cm.check_redrive(W, [self.user(), self.job()], self.DLQS + ["directory.teams.dlq.routing-service"])
        self.assertIn(f"{W}: KafkaUser sms-redrive lacks Read on topic directory.teams.dlq.routing-service", errors)
        self.assertIn(f"{W}: KafkaUser sms-redrive lacks Write on topic directory.teams", errors)

    def test_a_job_logging_in_as_a_service_fails(self):
        errors = cm.check_redrive(W, [self.user(), self.job("conversation-service")], self.DLQS)
        self.assertTrue(any("must log in as sms-redrive" in e for e in errors), errors)


class KafkaCluster(unittest.TestCase):

    KAFKA = {"kind": "Kafka", "metadata": {"name": "sms-kafka", "namespace": "kafka"}, "spec": {
        "kafka": {"authorization": {"type": "simple"}, "config": {"auto.create.topics.enable": False},
                  "listeners": [{"name": "plain", "port": 9092, "authentication": {"type": "scram-sha-512"},
                                 "networkPolicyPeers": [{
                                     "namespaceSelector": {"matchLabels": {
                                         "kubernetes.io/metadata.name": "sms-conversations"}},
                                     "podSelector": {"matchLabels": {"app.kubernetes.io/component": "backend"}}}]}]},
        "entityOperator": {"userOperator": {"watchedNamespace": "sms-conversations"}}}}
    COMMON = {"kind": "ConfigMap", "metadata": {"name": "sms-common"},
              "data": {"KAFKA_SECURITY_PROTOCOL": "SASL_PLAINTEXT"}}

    def test_a_locked_listener_passes(self):
        self.assertEqual(cm.check_kafka_cluster(W, [self.KAFKA, self.COMMON, notification_user()]), [])

    def test_an_open_listener_fails(self):
        open_kafka = copy.deepcopy(self.KAFKA)
        listener = open_kafka["spec"]["kafka"]["listeners"][0]
        del listener["authentication"]
        del listener["networkPolicyPeers"]
        del open_kafka["spec"]["kafka"]["authorization"]
        errors = cm.check_kafka_cluster(W, [open_kafka, self.COMMON])
        self.assertEqual(len(errors), 3, errors)

    def test_plaintext_clients_fail(self):
        common = copy.deepcopy(self.COMMON)
        common["data"]["KAFKA_SECURITY_PROTOCOL"] = "PLAINTEXT"
        self.assertEqual(len(cm.check_kafka_cluster(W, [self.KAFKA, common])), 1)

    def test_a_user_operator_watching_elsewhere_fails(self):
        kafka = copy.deepcopy(self.KAFKA)
        kafka["spec"]["entityOperator"]["userOperator"]["watchedNamespace"] = "kafka"
        self.assertEqual(len(cm.check_kafka_cluster(W, [kafka, self.COMMON, notification_user()])), 1)


class AccessLog(unittest.TestCase):

    DEFAULT = ('$remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent "$http_referer" '
               '"$http_user_agent" $request_length $request_time')

    def config(self, fmt):
        return {"kind": "ConfigMap", "metadata": {"name": "ingress-nginx-controller", "namespace": "ingress-nginx"},
                "data": {"log-format-upstream": fmt}}

    def test_the_default_format_with_query_strings_fails(self):
        errors = cm.check_access_log(W, [ingress("i", ("/a", "s")), self.config(self.DEFAULT)])
        self.assertEqual(len(errors), 2, errors)
        self.assertTrue(any("$request " in e or "$request" in e for e in errors))
        self.assertTrue(any("$http_referer" in e for e in errors))

    def test_no_configuration_fails(self):
        self.assertEqual(len(cm.check_access_log(W, [ingress("i", ("/a", "s"))])), 1)

    def test_a_path_only_format_passes(self):
        self.assertEqual(cm.check_access_log(W, [ingress("i", ("/a", "s")), self.config(
            '$remote_addr "$request_method $uri $server_protocol" $status $request_length $request_time')]), [])

    def test_every_way_to_log_a_query_fails(self):
        for variable in ("$request_uri", "$args", "$query_string", "$arg_msisdn", "$request"):
            with self.subTest(variable=variable):
                self.assertEqual(len(cm.check_access_log(W, [ingress("i", ("/a", "s")), self.config(
                    f'$remote_addr "$request_method {variable}" $status')])), 1)


class GracefulShutdown(unittest.TestCase):

    def test_grace_covering_pause_timeout_and_margin_passes(self):
        self.assertEqual(cm.check_graceful_shutdown(W, [deployment("svc", grace=30)],
                                                    {"svc": {"quarkus.shutdown.timeout": "20s"}}), [])

    def test_grace_shorter_than_pause_plus_timeout_fails(self):
        errors = cm.check_graceful_shutdown(W, [deployment("svc", grace=30)],
                                            {"svc": {"quarkus.shutdown.timeout": "PT25S"}})
        self.assertEqual(len(errors), 1, errors)
        self.assertIn("terminationGracePeriodSeconds 30 < preStop 5 s + quarkus.shutdown.timeout 25 s", errors[0])

    def test_an_environment_override_counts(self):
        env = [{"name": "QUARKUS_SHUTDOWN_TIMEOUT", "value": "1m"}]
        self.assertEqual(len(cm.check_graceful_shutdown(W, [deployment("svc", env, grace=40)],
                                                        {"svc": {"quarkus.shutdown.timeout": "10s"}})), 1)

    def test_no_timeout_or_no_pause_fails(self):
        self.assertEqual(len(cm.check_graceful_shutdown(W, [deployment("svc")], {"svc": {}})), 1)
        self.assertEqual(len(cm.check_graceful_shutdown(W, [deployment("svc", pre_stop=None)],
                                                        {"svc": {"quarkus.shutdown.timeout": "5s"}})), 1)


class TheRepository(unittest.TestCase):
    """The real services and overlays pass these checks (the checker's main run proves the rest)."""

    def test_each_service_has_its_resources_scanned(self):
        for service in cm.SERVICES:
            with self.subTest(service=service):
                result = cm.resource_paths(cm.ROOT, service)
                self.assertEqual(result["errors"], [])
                self.assertTrue(result["paths"])
        self.assertIn("/api/templates", cm.resource_paths(cm.ROOT, "conversation-service")["paths"])

    def test_the_redrive_operation_matches_the_dead_letter_topics(self):
        self.assertEqual(cm.check_redrive_operation(), [])

    def test_every_service_has_a_shutdown_timeout(self):
        for service in cm.SERVICES:
            with self.subTest(service=service):
                self.assertIsNotNone(cm.seconds(cm.read_properties(cm.ROOT, service)["quarkus.shutdown.timeout"]))


if __name__ == "__main__":
    unittest.main()
