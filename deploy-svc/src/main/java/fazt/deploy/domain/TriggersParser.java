package fazt.deploy.domain;

import com.cronutils.model.CronType;
import com.cronutils.model.definition.CronDefinitionBuilder;
import com.cronutils.parser.CronParser;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Reads the background-work keys of {@code fazt.json}: {@code cron} (a list of {@code {schedule, tz?, name?,
 * catchup?}} or {@code {every, name?, catchup?}}), {@code retry} ({@code {attempts, backoff}}), {@code concurrency}
 * and {@code timeout}. Each bad entry is refused naming it ({@code cron[1].schedule}), so a schedule that would never
 * fire cannot go live. Cron expressions are unix cron (five fields), parsed with cron-utils.
 */
final class TriggersParser {
    static final int MAX_SCHEDULES = 20;
    static final long MIN_EVERY_MILLIS = 1_000;
    static final int MAX_ATTEMPTS = 10;
    static final long MIN_BACKOFF_MILLIS = 100;
    static final long MAX_BACKOFF_MILLIS = 3_600_000;
    static final int MAX_CONCURRENCY = 100;
    static final long MIN_TIMEOUT_MILLIS = 1_000;
    static final long MAX_TIMEOUT_MILLIS = 900_000;
    static final int MAX_NAME = 100;

    private static final Set<String> CRON_KEYS = Set.of("schedule", "every", "tz", "name", "catchup");
    private static final Set<String> RETRY_KEYS = Set.of("attempts", "backoff");
    private static final CronParser UNIX_CRON =
            new CronParser(CronDefinitionBuilder.instanceDefinitionFor(CronType.UNIX));

    private TriggersParser() {}

    static List<Manifest.CronEntry> cron(JsonNode node) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        if (!node.isArray()) {
            throw new DeployException.ManifestRejected("cron", "must be a list of {schedule} or {every} entries");
        }
        if (node.size() > MAX_SCHEDULES) {
            throw new DeployException.ManifestRejected("cron", "at most " + MAX_SCHEDULES + " schedules");
        }
        List<Manifest.CronEntry> entries = new ArrayList<>();
        Set<String> names = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            String field = "cron[" + i + "]";
            Manifest.CronEntry entry = entry(node.get(i), field);
            if (!names.add(entry.name())) {
                throw new DeployException.ManifestRejected(
                        field + ".name",
                        "\"" + entry.name() + "\" is used by an earlier schedule; give each schedule its own name");
            }
            entries.add(entry);
        }
        return entries;
    }

    private static Manifest.CronEntry entry(JsonNode e, String field) {
        if (!e.isObject()) {
            throw new DeployException.ManifestRejected(
                    field, "must be an object {schedule, tz?, name?, catchup?} or {every, name?, catchup?}");
        }
        for (Iterator<String> it = e.fieldNames(); it.hasNext(); ) {
            String key = it.next();
            if (!CRON_KEYS.contains(key)) {
                throw new DeployException.ManifestRejected(
                        field + "." + key, "unknown key (known: schedule, every, tz, name, catchup)");
            }
        }
        boolean cron = e.has("schedule");
        if (cron == e.has("every")) {
            throw new DeployException.ManifestRejected(
                    field, "needs exactly one of schedule (a cron expression) and every (an interval)");
        }
        String schedule = null;
        String tz = null;
        Long every = null;
        if (cron) {
            schedule = text(e, "schedule", field).trim().replaceAll("\\s+", " ");
            try {
                UNIX_CRON.parse(schedule).validate();
            } catch (IllegalArgumentException x) {
                throw new DeployException.ManifestRejected(
                        field + ".schedule",
                        "\"" + schedule
                                + "\" is not a valid unix cron expression (minute hour day-of-month month day-of-week)");
            }
            tz = e.has("tz") ? text(e, "tz", field) : "UTC";
            try {
                tz = ZoneId.of(tz).getId();
            } catch (DateTimeException x) {
                throw new DeployException.ManifestRejected(
                        field + ".tz", "\"" + tz + "\" is not a time zone id (e.g. Europe/Berlin, UTC)");
            }
        } else {
            if (e.has("tz")) {
                throw new DeployException.ManifestRejected(
                        field + ".tz", "applies to schedule only; every counts from the epoch");
            }
            every = DurationText.millis(text(e, "every", field));
            if (every < MIN_EVERY_MILLIS) {
                throw new DeployException.ManifestRejected(
                        field + ".every", "must be a duration of at least 1s, such as 30s, 5m, 1h or 1d");
            }
        }
        String name = e.has("name")
                ? text(e, "name", field).trim()
                : cron ? schedule : "every " + e.get("every").asText().trim();
        if (name.isEmpty() || name.length() > MAX_NAME || name.matches("(?s).*[\\p{Cntrl}].*")) {
            throw new DeployException.ManifestRejected(
                    field + ".name", "must be 1 to " + MAX_NAME + " characters without control characters");
        }
        String catchup = e.has("catchup") ? text(e, "catchup", field) : "once";
        if (!catchup.equals("once") && !catchup.equals("skip")) {
            throw new DeployException.ManifestRejected(field + ".catchup", "must be \"once\" or \"skip\"");
        }
        return new Manifest.CronEntry(name, schedule, tz, every, catchup);
    }

    static Manifest.RunPolicy runs(JsonNode retry, JsonNode concurrency, JsonNode timeout) {
        Manifest.RunPolicy d = Manifest.RunPolicy.DEFAULT;
        int attempts = d.attempts();
        long backoff = d.backoffMillis();
        if (retry != null && !retry.isNull()) {
            if (!retry.isObject()) {
                throw new DeployException.ManifestRejected("retry", "must be an object {attempts, backoff}");
            }
            for (Iterator<String> it = retry.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                if (!RETRY_KEYS.contains(key)) {
                    throw new DeployException.ManifestRejected(
                            "retry." + key, "unknown key (known: attempts, backoff)");
                }
            }
            if (retry.has("attempts")) {
                JsonNode a = retry.get("attempts");
                if (!a.isIntegralNumber() || a.asInt() < 1 || a.asInt() > MAX_ATTEMPTS) {
                    throw new DeployException.ManifestRejected(
                            "retry.attempts", "must be a whole number from 1 to " + MAX_ATTEMPTS);
                }
                attempts = a.asInt();
            }
            if (retry.has("backoff")) {
                backoff = DurationText.millis(text(retry, "backoff", "retry"));
                if (backoff < MIN_BACKOFF_MILLIS || backoff > MAX_BACKOFF_MILLIS) {
                    throw new DeployException.ManifestRejected(
                            "retry.backoff", "must be a duration from 100ms to 1h, such as 1s");
                }
            }
        }
        int parallel = d.concurrency();
        if (concurrency != null && !concurrency.isNull()) {
            if (!concurrency.isIntegralNumber() || concurrency.asInt() < 1 || concurrency.asInt() > MAX_CONCURRENCY) {
                throw new DeployException.ManifestRejected(
                        "concurrency", "must be a whole number from 1 to " + MAX_CONCURRENCY);
            }
            parallel = concurrency.asInt();
        }
        long wall = d.timeoutMillis();
        if (timeout != null && !timeout.isNull()) {
            wall = DurationText.millis(timeout.isTextual() ? timeout.asText() : "");
            if (wall < MIN_TIMEOUT_MILLIS || wall > MAX_TIMEOUT_MILLIS) {
                throw new DeployException.ManifestRejected("timeout", "must be a duration from 1s to 15m, such as 30s");
            }
        }
        return new Manifest.RunPolicy(attempts, backoff, parallel, (int) wall);
    }

    private static String text(JsonNode e, String key, String field) {
        JsonNode v = e.get(key);
        if (v == null || !v.isTextual()) {
            throw new DeployException.ManifestRejected(field + "." + key, "must be a string");
        }
        return v.asText();
    }
}
