#!/usr/bin/env python3
"""Writes the Grafana dashboards in this folder: one per fazt service and suite.json (ADR 41).

    ops/grafana/generate.py        # rewrites ops/grafana/*.json; commit the result

The dashboards are generated so that the eight stay alike (same variables, same golden-signal rows, same units);
edit this file, not the JSON. Every metric a query names must be one the services export: MonitoringE2E checks each
dashboard's queries against the /metrics of a running suite and docs/metrics.md.
"""
import json
import re
import pathlib

SCHEMA_VERSION = 39  # Grafana 11.x
HERE = pathlib.Path(__file__).resolve().parent
DS = {"type": "prometheus", "uid": "${datasource}"}
RATE = "$__rate_interval"


class Board:
    def __init__(self, uid, title, description, service=None):
        self.uid, self.title, self.description, self.service = uid, title, description, service
        self.panels, self.x, self.y, self.line_height, self.next_id = [], 0, 0, 0, 1

    def row(self, title):
        if self.x > 0:
            self.x, self.y = 0, self.y + self.line_height
        self.panels.append({"type": "row", "title": title, "id": self._id(), "collapsed": False,
                            "gridPos": {"h": 1, "w": 24, "x": 0, "y": self.y}, "panels": []})
        self.y += 1

    def panel(self, title, targets, unit="short", kind="timeseries", width=8, height=8, description="",
              thresholds=None, stack=False):
        if self.x + width > 24:
            self.x, self.y = 0, self.y + self.line_height
        panel = {
            "type": kind, "title": title, "id": self._id(), "datasource": DS, "description": description,
            "gridPos": {"h": height, "w": width, "x": self.x, "y": self.y},
            "targets": [{"datasource": DS, "refId": chr(ord("A") + i), "expr": expr, "legendFormat": legend,
                         "range": True} for i, (expr, legend) in enumerate(targets)],
            "fieldConfig": {"defaults": {"unit": unit}, "overrides": []},
            "options": {"legend": {"displayMode": "list", "placement": "bottom", "showLegend": True},
                        "tooltip": {"mode": "multi", "sort": "desc"}},
        }
        if kind == "timeseries":
            panel["fieldConfig"]["defaults"]["custom"] = {
                "drawStyle": "line", "lineWidth": 1, "fillOpacity": 10, "showPoints": "never",
                "stacking": {"mode": "normal" if stack else "none", "group": "A"}}
        if kind == "stat":
            panel["options"] = {"reduceOptions": {"calcs": ["lastNotNull"], "fields": "", "values": False},
                                "colorMode": "background", "graphMode": "none", "textMode": "auto"}
        if thresholds:
            panel["fieldConfig"]["defaults"]["thresholds"] = {
                "mode": "absolute",
                "steps": [{"color": color, "value": value} for value, color in thresholds]}
            panel["fieldConfig"]["defaults"]["color"] = {"mode": "thresholds"}
        self.panels.append(panel)
        self.line_height = height if self.x == 0 else max(self.line_height, height)
        self.x += width

    def _id(self):
        self.next_id += 1
        return self.next_id - 1

    def json(self):
        variables = [{
            "name": "datasource", "label": "Prometheus", "type": "datasource", "query": "prometheus",
            "current": {}, "hide": 0, "refresh": 1, "options": [], "regex": "", "skipUrlSync": False}]
        selector = f'{{service="{self.service}"}}' if self.service else ""
        variables.append({
            "name": "instance", "label": "Instance", "type": "query", "datasource": DS,
            "query": {"query": f"label_values(process_uptime_seconds{selector}, instance)", "refId": "instance"},
            "definition": f"label_values(process_uptime_seconds{selector}, instance)",
            "multi": True, "includeAll": True, "allValue": ".*", "current": {"selected": True, "text": ["All"],
                                                                             "value": ["$__all"]},
            "refresh": 2, "sort": 1, "hide": 0, "options": [], "regex": "", "skipUrlSync": False})
        return {
            "uid": self.uid, "title": self.title, "description": self.description, "tags": ["fazt"],
            "schemaVersion": SCHEMA_VERSION, "version": 1, "editable": True, "graphTooltip": 1,
            "time": {"from": "now-6h", "to": "now"}, "refresh": "1m", "timezone": "",
            "templating": {"list": variables}, "annotations": {"list": []}, "links": [
                {"title": "fazt dashboards", "type": "dashboards", "tags": ["fazt"], "asDropdown": True}],
            "panels": self.panels,
        }


def sel(service, extra=""):
    """The label selector of a service's panels; {@code extra} is like {@code outcome!=success} (quoted here)."""
    labels = f'service="{service}", instance=~"$instance"'
    if extra:
        name, op, value = re.match(r"([a-z_]+)(=~|!~|!=|=)(.*)", extra).groups()
        labels += f', {name}{op}"{value}"'
    return "{" + labels + "}"


def golden_nats(board, service):
    """Rate, errors and latency of the service's NATS endpoints (every service answers requests over NATS)."""
    m = "fazt_nats_request_duration_seconds"
    board.row("NATS requests (every endpoint of the service)")
    board.panel("Requests by endpoint", [
        (f"sum by (endpoint) (rate({m}_count{sel(service)}[{RATE}]))", "{{endpoint}}")], unit="reqps", stack=True)
    board.panel("Errors by endpoint and outcome", [
        (f'sum by (endpoint, outcome) (rate({m}_count{sel(service, "outcome!=success")}[{RATE}]))',
         "{{endpoint}} {{outcome}}")], unit="reqps",
        description="client_error: a 4xx problem (bad input, not found); server_error: a 5xx (look at the log)")
    board.panel("Latency p50 / p99", [
        (f"histogram_quantile(0.5, sum by (le) (rate({m}_bucket{sel(service)}[{RATE}])))", "p50"),
        (f"histogram_quantile(0.99, sum by (le) (rate({m}_bucket{sel(service)}[{RATE}])))", "p99"),
        (f"histogram_quantile(0.99, sum by (le, endpoint) (rate({m}_bucket{sel(service)}[{RATE}])))",
         "p99 {{endpoint}}")], unit="s")


def saturation(board, service):
    board.row("Saturation")
    board.panel("Heap used / max", [
        (f'sum by (instance) (jvm_memory_used_bytes{sel(service, "area=heap")})'
         f' / sum by (instance) (jvm_memory_max_bytes{sel(service, "area=heap")})', "{{instance}}")],
        unit="percentunit")
    board.panel("CPU (process)", [
        (f"process_cpu_usage{sel(service)}", "{{instance}}")], unit="percentunit")
    board.panel("Database pool: active / max, waiting", [
        (f"sum by (instance) (hikaricp_connections_active{sel(service)})"
         f" / sum by (instance) (hikaricp_connections_max{sel(service)})", "active {{instance}}"),
        (f"sum by (instance) (hikaricp_connections_pending{sel(service)})", "waiting {{instance}}")],
        unit="short", description="waiting above 0: requests queue for a PostgreSQL connection")
    board.panel("GC pause time", [
        (f"sum by (instance) (rate(jvm_gc_pause_seconds_sum{sel(service)}[{RATE}]))", "{{instance}}")],
        unit="percentunit", description="share of wall time spent in GC pauses")
    board.panel("Threads", [(f"sum by (instance) (jvm_threads_live_threads{sel(service)})", "{{instance}}")])
    board.panel("Disk free", [
        (f"min by (instance, path) (disk_free_bytes{sel(service)} / disk_total_bytes{sel(service)})",
         "{{instance}} {{path}}")], unit="percentunit", thresholds=[(None, "red"), (0.03, "orange"), (0.1, "green")])


def consumers(board, service):
    board.row("Event consumers (JetStream)")
    c = "fazt_nats_consumer"
    board.panel("Handled by consumer", [
        (f"sum by (consumer) (rate({c}_acked_total{sel(service)}[{RATE}]))", "{{consumer}}")], unit="ops")
    board.panel("Failed deliveries by consumer", [
        (f"sum by (consumer) (rate({c}_failed_total{sel(service)}[{RATE}]))", "{{consumer}}")], unit="ops",
        description="retried later; see the service's log")
    board.panel("Dead-lettered (last 24 h)", [
        (f"sum by (consumer) (increase({c}_dead_lettered_total{sel(service)}[24h]))", "{{consumer}}")],
        kind="stat", description="given up on after retries: docs/operations.md#dead-letters",
        thresholds=[(None, "green"), (1, "red")])


def caches(board, service):
    board.row("Caches (ADR 21)")
    board.panel("Hit ratio by cache", [
        (f'sum by (cache) (rate(cache_gets_total{sel(service, "result=hit")}[{RATE}]))'
         f" / sum by (cache) (rate(cache_gets_total{sel(service)}[{RATE}]))", "{{cache}}")], unit="percentunit")
    board.panel("Entries by cache", [(f"sum by (cache) (cache_size{sel(service)})", "{{cache}}")])
    board.panel("Evictions by cache", [
        (f"sum by (cache, cause) (rate(cache_evictions_count{sel(service)}[{RATE}]))", "{{cache}} {{cause}}")],
        unit="ops")


def service_board(service, title, description, extra=None):
    board = Board(f"fazt-{service}", f"fazt / {title}", description, service)
    board.row("Up")
    board.panel("Instances up", [(f'sum(up{{job="fazt", service="{service}"}})', "up")], kind="stat", width=6,
                height=4, thresholds=[(None, "red"), (1, "green")])
    board.panel("Uptime", [(f"min(process_uptime_seconds{sel(service)})", "uptime")], kind="stat", unit="s",
                width=6, height=4)
    board.panel("Log errors / warnings (5 min)", [
        (f'sum(increase(logback_events_total{sel(service, "level=error")}[5m]))', "errors"),
        (f'sum(increase(logback_events_total{sel(service, "level=warn")}[5m]))', "warnings")],
        kind="stat", width=12, height=4)
    if extra:
        extra(board)
    golden_nats(board, service)
    saturation(board, service)
    consumers(board, service)
    return board


def gateway_extra(b):
    m = "fazt_gateway_http_request_duration_seconds"
    s = sel("gateway")
    b.row("HTTP at the edge (every request, by route kind)")
    b.panel("Requests by route", [(f"sum by (route) (rate({m}_count{s}[{RATE}]))", "{{route}}")], unit="reqps",
            stack=True)
    b.panel("Error ratio (5xx) by route", [
        (f'sum by (route) (rate({m}_count{sel("gateway", "outcome=server_error")}[{RATE}]))'
         f" / sum by (route) (rate({m}_count{s}[{RATE}]))", "{{route}}")], unit="percentunit")
    b.panel("Latency p50 / p99 by route", [
        (f"histogram_quantile(0.5, sum by (le, route) (rate({m}_bucket{s}[{RATE}])))", "p50 {{route}}"),
        (f"histogram_quantile(0.99, sum by (le, route) (rate({m}_bucket{s}[{RATE}])))", "p99 {{route}}")], unit="s")
    b.panel("Client errors (4xx) by route", [
        (f'sum by (route) (rate({m}_count{sel("gateway", "outcome=client_error")}[{RATE}]))', "{{route}}")],
        unit="reqps")
    b.panel("Open connections", [(f"sum by (instance) (fazt_gateway_edge_connections{s})", "{{instance}}")])
    b.panel("Function requests lost with a runtime instance", [
        (f"sum by (cause) (increase(fazt_gateway_function_lost_total{s}[1h]))", "{{cause}}")])
    b.row("TLS")
    b.panel("First certificate expiry", [
        (f"min(fazt_gateway_tls_certificate_earliest_expiry_timestamp_seconds{s}) - time()", "expires in")],
        kind="stat", unit="s", thresholds=[(None, "red"), (3 * 86400, "orange"), (14 * 86400, "green")])
    b.panel("Certificate orders", [
        (f"max(fazt_gateway_tls_orders_running{s})", "running"),
        (f"max(fazt_gateway_tls_order_backlog{s})", "waiting for the CA's rate limit")])
    caches(b, "gateway")


def runtime_extra(b):
    s = sel("runtime")
    b.row("Invocations")
    b.panel("Busy / limit", [
        (f"sum by (instance) (fazt_runtime_invocations_busy{s}) / sum by (instance) "
         f"(fazt_runtime_invocations_limit{s})", "{{instance}}")], unit="percentunit",
        description="at 100% further requests wait, then get 503: start more instances")
    b.panel("Invocations running", [(f"sum by (instance) (fazt_runtime_invocations_busy{s})", "{{instance}}")])
    b.panel("Contexts alive (busy and warm)", [
        (f"sum by (instance) (fazt_runtime_contexts_alive{s})", "{{instance}}")])
    caches(b, "runtime")


def scheduler_extra(b):
    s = sel("scheduler")
    b.row("Work queue")
    b.panel("Runs waiting", [(f"max(fazt_scheduler_queue_depth{s})", "waiting")], width=12)
    b.panel("Runs handled / failed attempts", [
        (f'sum(rate(fazt_nats_consumer_acked_total{sel("scheduler", "consumer=scheduler-runs")}[{RATE}]))',
         "handled"),
        (f'sum(rate(fazt_nats_consumer_failed_total{sel("scheduler", "consumer=scheduler-runs")}[{RATE}]))',
         "failed")], unit="ops", width=12)


def mail_extra(b):
    s = sel("mail")
    b.row("Outbound queue")
    b.panel("Messages waiting by status", [
        (f"max by (status) (fazt_mail_outbound_queue_messages{s})", "{{status}}")], stack=True, width=12)
    b.panel("Oldest undelivered message", [(f"max(fazt_mail_outbound_oldest_queued_seconds{s})", "age")],
            unit="s", width=12)


def storage_extra(b):
    s = sel("storage")
    b.row("Data")
    b.panel("Database size", [
        (f"max(fazt_storage_database_bytes{s})", "fazt database"),
        (f"max(fazt_storage_schema_bytes{s})", "storage schema")], unit="bytes", width=12)
    b.panel("Database growth per day", [
        (f"deriv(max(fazt_storage_database_bytes{s})[6h:5m]) * 86400", "bytes/day")], unit="bytes", width=12)


SERVICES = [
    ("gateway", "gateway", "The edge: HTTP by route kind, TLS, caches, and the gateway's own NATS endpoints.",
     gateway_extra),
    ("auth", "auth-svc", "Accounts, sessions, tokens and principals.", None),
    ("deploy", "deploy-svc", "Apps, deployments, hostnames and custom domains.", None),
    ("storage", "storage-svc", "Files, blobs, KV and documents.", storage_extra),
    ("runtime", "runtime-svc", "JavaScript invocations and their saturation.", runtime_extra),
    ("scheduler", "scheduler-svc", "Cron, async runs and webhooks.", scheduler_extra),
    ("mail", "mail-svc", "Mail in and out.", mail_extra),
]


def suite_board():
    b = Board("fazt-suite", "fazt / suite", "The golden signals of every fazt service on one page.")
    edge = "fazt_gateway_http_request_duration_seconds"
    nats = "fazt_nats_request_duration_seconds"
    inst = '{instance=~"$instance"}'
    b.row("Up")
    b.panel("Instances up by service", [('sum by (service) (up{job="fazt"})', "{{service}}")], kind="stat",
            width=24, height=4, thresholds=[(None, "red"), (1, "green")])
    b.row("Edge (what users see)")
    b.panel("Requests by route", [(f"sum by (route) (rate({edge}_count{inst}[{RATE}]))", "{{route}}")],
            unit="reqps", stack=True)
    b.panel("Error ratio (5xx)", [
        (f'sum(rate({edge}_count{{outcome="server_error", instance=~"$instance"}}[{RATE}]))'
         f" / sum(rate({edge}_count{inst}[{RATE}]))", "5xx")], unit="percentunit")
    b.panel("Latency p50 / p99 (functions apart)", [
        (f'histogram_quantile(0.5, sum by (le) (rate({edge}_bucket{{route!="function", instance=~"$instance"}}'
         f"[{RATE}])))", "p50"),
        (f'histogram_quantile(0.99, sum by (le) (rate({edge}_bucket{{route!="function", instance=~"$instance"}}'
         f"[{RATE}])))", "p99"),
        (f'histogram_quantile(0.99, sum by (le) (rate({edge}_bucket{{route="function", instance=~"$instance"}}'
         f"[{RATE}])))", "p99 functions")], unit="s")
    b.row("Services (NATS requests)")
    b.panel("Requests by service", [(f"sum by (service) (rate({nats}_count{inst}[{RATE}]))", "{{service}}")],
            unit="reqps", stack=True)
    b.panel("Error ratio (5xx) by service", [
        (f'sum by (service) (rate({nats}_count{{outcome="server_error", instance=~"$instance"}}[{RATE}]))'
         f" / sum by (service) (rate({nats}_count{inst}[{RATE}]))", "{{service}}")], unit="percentunit")
    b.panel("Latency p99 by service", [
        (f"histogram_quantile(0.99, sum by (le, service) (rate({nats}_bucket{inst}[{RATE}])))", "{{service}}")],
        unit="s")
    b.row("Saturation")
    b.panel("Heap used / max by service", [
        ('sum by (service) (jvm_memory_used_bytes{area="heap", instance=~"$instance"})'
         ' / sum by (service) (jvm_memory_max_bytes{area="heap", instance=~"$instance"})', "{{service}}")],
        unit="percentunit")
    b.panel("Runtime invocations busy / limit", [
        (f"sum(fazt_runtime_invocations_busy{inst}) / sum(fazt_runtime_invocations_limit{inst})", "busy")],
        unit="percentunit")
    b.panel("Database connections waiting by service", [
        (f"sum by (service) (hikaricp_connections_pending{inst})", "{{service}}")])
    b.panel("Queues", [
        (f"max(fazt_scheduler_queue_depth{inst})", "scheduler runs"),
        (f"sum(max by (status) (fazt_mail_outbound_queue_messages{inst}))", "outbound mail")])
    b.panel("Dead-lettered (last 24 h)", [
        (f"sum by (service, consumer) (increase(fazt_nats_consumer_dead_lettered_total{inst}[24h])) > 0",
         "{{service}} {{consumer}}")], kind="stat", thresholds=[(None, "green"), (1, "red")])
    b.panel("Disk free", [(f"min by (path) (disk_free_bytes{inst} / disk_total_bytes{inst})", "{{path}}")],
            unit="percentunit", thresholds=[(None, "red"), (0.03, "orange"), (0.1, "green")])
    b.row("Certificates and backups")
    b.panel("First certificate expiry", [
        (f"min(fazt_gateway_tls_certificate_earliest_expiry_timestamp_seconds{inst}) - time()", "expires in")],
        kind="stat", unit="s", width=8, thresholds=[(None, "red"), (3 * 86400, "orange"), (14 * 86400, "green")])
    b.panel("Last successful backup", [
        (f"time() - max(fazt_storage_backup_last_success_timestamp_seconds{inst})", "age")],
        kind="stat", unit="s", width=8, thresholds=[(None, "green"), (26 * 3600, "red")],
        description="fazt_storage_backup_last_success_timestamp_seconds: exported once backups land (docs/metrics.md)")
    b.panel("Database size", [(f"max(fazt_storage_database_bytes{inst})", "fazt database")], kind="stat",
            unit="bytes", width=8)
    return b


def main():
    boards = [service_board(*spec) for spec in SERVICES] + [suite_board()]
    names = [f"{service}.json" for service, *_ in SERVICES] + ["suite.json"]
    for name, board in zip(names, boards):
        (HERE / name).write_text(json.dumps(board.json(), indent=2) + "\n")


if __name__ == "__main__":
    main()
