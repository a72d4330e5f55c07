package io.wechat.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/** The results as JSON, a Markdown table and an SVG chart. */
final class Report {
    private final Map<String, Object> r;
    private final Options o;

    Report(Map<String, Object> result, Options o) {
        this.r = result;
        this.o = o;
    }

    static Map<String, Object> targets() {
        Map<String, Object> t = new LinkedHashMap<>();
        t.put("messageP50VsFloorMax", 1.5);
        t.put("messageP99VsFloorMax", 3.0);
        t.put("throughputVsFloorMin", 0.7);
        t.put("startToHealthyMsMax", 500);
        t.put("rssMbMax", 128);
        t.put("errors", 0);
        t.put("lost", 0);
        return t;
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object o) {
        return o instanceof Map<?, ?> m ? (Map<String, Object>) m : Map.of();
    }

    static double num(Object o) {
        return o instanceof Number n ? n.doubleValue() : Double.NaN;
    }

    static Map<String, Object> ratios(Map<String, Object> msg, Map<String, Object> floor) {
        Map<String, Object> m = new LinkedHashMap<>();
        Map<String, Object> f = map(floor.get("totalMs"));
        for (String p : List.of("p50", "p95", "p99")) {
            m.put("allRecipients" + p.toUpperCase(Locale.ROOT) + "VsFloor",
                    Stats.round(num(map(msg.get("deliveredToAllMs")).get(p)) / num(f.get(p))));
            m.put("httpSend" + p.toUpperCase(Locale.ROOT) + "VsFloor",
                    Stats.round(num(map(msg.get("httpSendMs")).get(p)) / num(f.get(p))));
        }
        m.put("throughputVsFloor", Stats.round(num(msg.get("throughputPerSecond")) / num(floor.get("throughputPerSecond"))));
        return m;
    }

    long lostMessages() {
        long lost = 0;
        for (Object phase : map(r.get("messagePath")).values()) {
            lost += (long) num(map(map(phase).get("message")).get("lost"));
        }
        return lost;
    }

    List<Path> write(Path dir, String id) throws IOException {
        Files.createDirectories(dir);
        Path json = dir.resolve(id + ".json"), md = dir.resolve(id + ".md"), svg = dir.resolve(id + ".svg");
        Files.writeString(json, Api.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(r) + "\n");
        Files.writeString(md, markdown());
        if (map(r.get("messagePath")).isEmpty()) {
            return List.of(json, md); // the chart is the message path's
        }
        Files.writeString(svg, svg());
        return List.of(json, md, svg);
    }

    private static String f(Object v) {
        double d = num(v);
        if (Double.isNaN(d)) {
            return "–";
        }
        if (d == Math.rint(d) && Math.abs(d) < 1e9) {
            return String.format(Locale.ROOT, "%d", (long) d);
        }
        return String.format(Locale.ROOT, Math.abs(d) >= 100 ? "%.0f" : Math.abs(d) >= 10 ? "%.1f" : "%.2f", d);
    }

    private static String ratio(double v) {
        return Double.isNaN(v) ? "–" : String.format(Locale.ROOT, "%.2fx", v);
    }

    private static String verdict(boolean ok) {
        return ok ? "met" : "**not met**";
    }

    private void appendRequestsPerMessage(StringBuilder s) {
        Map<String, Object> rq = map(r.get("requestsPerMessage"));
        if (rq.isEmpty()) {
            return;
        }
        Map<String, Object> kinds = map(rq.get("perMessage"));
        s.append("\n## AWS requests per message\n\nCounted by the emulator (`GET /_local/requests`) around ")
                .append(f(rq.get("sendsPerKind"))).append(" sends of each kind, one after another, each waited for; the bench's own "
                        + "requests left out, the idle stack's (pollers) subtracted pro rata. DynamoDB units as billed for items "
                        + "under 1 KB (a transaction's items count twice; a Query one unit). `@connections` posts: frames the bench's "
                        + "sockets received.\n\n");
        List<Object> names = kinds.values().stream().map(k -> map(k).get("what")).toList();
        MarkdownTable requests = new MarkdownTable("service API", names);
        java.util.TreeSet<String> apis = new java.util.TreeSet<>();
        kinds.values().forEach(k -> apis.addAll(map(map(k).get("requests")).keySet()));
        for (String api : apis) {
            requests.row(api, kinds.values().stream().map(k -> {
                Map<String, Object> c = map(map(map(k).get("requests")).get(api));
                return c.isEmpty() ? "" : f(c.get("requests"))
                        + (num(c.get("writeUnits")) + num(c.get("readUnits")) > 0
                        ? " (" + f(c.get("writeUnits")) + " W, " + f(c.get("readUnits")) + " R)" : "");
            }).toList());
        }
        requests.row("`@connections` posts", kinds.values().stream().map(k -> f(map(k).get("connectionsPosts"))).toList());
        s.append(requests).append("\nMonthly AWS cost of 1 million messages a day (30 M a month) of each kind, USD, prices of ")
                .append(rq.get("pricesAsOf")).append(": ").append(rq.get("prices"))
                .append(" (Lambda: 3 invocations per message of 512 MB for 50 ms each, assumed).\n\n");
        MarkdownTable costs = new MarkdownTable("cost", names);
        Map<String, Object> first = map(map(kinds.values().iterator().next()).get("costPerMonthUsd"));
        for (String item : first.keySet()) {
            costs.row(item, kinds.values().stream().map(k -> f(map(map(k).get("costPerMonthUsd")).get(item))).toList());
        }
        s.append(costs);
    }

    private void appendScaling(StringBuilder s) {
        Map<String, Object> sc = map(r.get("scaling"));
        if (sc.isEmpty()) {
            return;
        }
        s.append("\n## Scaling\n\nAll recipients (every member online) and HTTP send, ms, of sends one after another, each "
                + "waited for (two warm-up sends per point not counted).\n\n");
        MarkdownTable table = new MarkdownTable("point", List.of("members", "all recipients p50 / p99", "HTTP send p50 / p99", "lost"));
        map(sc.get("groupSize")).forEach((size, v) -> scalingRow(table, "group of " + size, map(v)));
        map(sc.get("history")).forEach((size, v) -> scalingRow(table, "messages table + " + size + " messages", map(v)));
        s.append(table);
    }

    private static void scalingRow(MarkdownTable table, String name, Map<String, Object> p) {
        Map<String, Object> d = map(p.get("deliveredToAllMs")), h = map(p.get("httpSendMs"));
        table.row(name, List.of(f(p.get("members")), f(d.get("p50")) + " / " + f(d.get("p99")),
                f(h.get("p50")) + " / " + f(h.get("p99")), f(p.get("lost"))));
    }

    String markdown() {
        StringBuilder s = new StringBuilder();
        Map<String, Object> run = map(r.get("run"));
        s.append("# Bench run ").append(run.get("id")).append("\n\n");
        s.append(String.format(Locale.ROOT, "Commit `%s`, %s CPUs, load average %s at start and %s at end, %s s in all "
                        + "(setup %s s, not measured). Options: %s.%n%n", run.get("gitCommit"), run.get("cpus"),
                run.get("loadAverageAtStart"), run.get("loadAverageAtEnd"), run.get("elapsedSeconds"), run.get("setupSeconds"),
                run.get("options")));
        s.append("Items in the emulator's tables at the start: ").append(run.get("emulatorItemsAtStart")).append(".\n\n");
        Map<String, Object> phases = map(r.get("messagePath"));
        if (!phases.isEmpty()) {
            s.append("## Message path against the floor\n\n");
            s.append("Latency in ms. *HTTP send*: until `POST /conversations/{id}/messages` answers; *all recipients*: until every "
                    + "recipient's socket has `message.new`; *floor*: DynamoDB conditional PutItem + SNS Publish + WebSocket "
                    + "ping/pong through the edge, one after the other, at the same rate or concurrency. Ratio = all recipients / floor.\n\n");
            s.append("| phase | figure | HTTP send | all recipients | floor | ratio | target |\n|---|---|---:|---:|---:|---:|---|\n");
            for (var e : phases.entrySet()) {
                Map<String, Object> ph = map(e.getValue());
                Map<String, Object> msg = map(ph.get("message")), fl = map(ph.get("floor")), ra = map(ph.get("ratios"));
                String name = e.getKey().equals("fixedRate") ? "fixed rate (" + msg.get("mode") + ")" : "as fast as possible (" + msg.get("mode") + ")";
                for (String p : List.of("p50", "p95", "p99", "max")) {
                    double rv = num(ra.get("allRecipients" + p.toUpperCase(Locale.ROOT) + "VsFloor"));
                    String target = p.equals("p50") ? "≤ 1.5x: " + verdict(rv <= 1.5) : p.equals("p99") ? "≤ 3x: " + verdict(rv <= 3) : "";
                    if (p.equals("max")) {
                        rv = num(map(msg.get("deliveredToAllMs")).get("max")) / num(map(fl.get("totalMs")).get("max"));
                    }
                    s.append("| ").append(name).append(" | ").append(p).append(" | ").append(f(map(msg.get("httpSendMs")).get(p)))
                            .append(" | ").append(f(map(msg.get("deliveredToAllMs")).get(p))).append(" | ")
                            .append(f(map(fl.get("totalMs")).get(p))).append(" | ").append(ratio(rv)).append(" | ").append(target).append(" |\n");
                }
                double tr = num(ra.get("throughputVsFloor"));
                s.append("| ").append(name).append(" | throughput /s | ").append(f(msg.get("throughputPerSecond"))).append(" | ")
                        .append(f(msg.get("deliveredPerSecond"))).append(" | ").append(f(fl.get("throughputPerSecond"))).append(" | ")
                        .append(ratio(tr)).append(" | ").append(e.getKey().equals("maxThroughput") ? "≥ 0.7x: " + verdict(tr >= 0.7) : "(fixed rate)").append(" |\n");
                long errors = (long) num(msg.get("errors")), lost = (long) num(msg.get("lost"));
                s.append("| ").append(name).append(" | sent / errors / lost | ").append(f(msg.get("sent"))).append(" / ")
                        .append(errors).append(" / ").append(lost).append(" | | ").append(f(fl.get("operations"))).append(" / ")
                        .append(f(fl.get("errors"))).append(" | | 0 errors, 0 lost: ").append(verdict(errors == 0 && lost == 0)).append(" |\n");
            }
            s.append("\nFloor by component (p50 / p99 ms):\n\n| phase | DynamoDB PutItem | SNS Publish | WebSocket ping→pong |\n|---|---:|---:|---:|\n");
            for (var e : phases.entrySet()) {
                Map<String, Object> fl = map(map(e.getValue()).get("floor"));
                s.append("| ").append(e.getKey()).append(" | ");
                for (String c : List.of("dynamoPutMs", "snsPublishMs", "wsRoundTripMs")) {
                    s.append(f(map(fl.get(c)).get("p50"))).append(" / ").append(f(map(fl.get(c)).get("p99"))).append(" | ");
                }
                s.append("\n");
            }
        }
        Map<String, Object> np = map(r.get("notificationPath"));
        if (!np.isEmpty()) {
            Map<String, Object> pl = map(np.get("pushLatency")), dr = map(np.get("drain"));
            Map<String, Object> ns = map(dr.get("notificationService")), raw = map(dr.get("rawSqsLoop"));
            s.append("\n## Notification path\n\n| figure | value |\n|---|---:|\n");
            s.append("| offline recipient: send → entry in `GET /notifications`, p50 / max ms (").append(f(pl.get("count")))
                    .append(" samples, ").append(f(pl.get("missing"))).append(" missing) | ").append(f(pl.get("p50"))).append(" / ")
                    .append(f(pl.get("max"))).append(" |\n");
            s.append("| backlog of ").append(f(dr.get("events"))).append(" `message.sent`: notification-service drain, events/s | ")
                    .append(f(ns.get("eventsPerSecond"))).append(" |\n");
            s.append("| the same count through a raw SQS receive(10) + delete-batch loop, messages/s | ").append(f(raw.get("eventsPerSecond"))).append(" |\n");
            s.append("| ratio drain / raw loop | ").append(ratio(num(dr.get("ratio")))).append(" |\n");
        }
        appendRequestsPerMessage(s);
        appendScaling(s);
        Map<String, Object> sv = map(r.get("services"));
        if (!sv.isEmpty()) {
            Map<String, Object> rs0 = map(r.get("rssAtStart")), rs1 = map(r.get("rssAfterLoad"));
            Map<String, Object> live = map(r.get("liveHeapAfterLoad"));
            s.append("\n## Services\n\nStart to healthy: `java -Xmx<heap> ").append(sv.get("javaOpts"))
                    .append(" -jar` on a spare port until `/observe/health` answers 200, median of the cold starts. RSS (VmRSS) of the "
                            + "processes `make up` runs, before and after the load; live heap: their heap in use after a full "
                            + "collection once the load is over (`jcmd GC.run`, `GC.heap_info`). Package: the jar + `target/libs/` "
                            + "zipped here.\n\n");
            s.append("| service | start → healthy, median ms | starts (ms) | CPU to healthy (user + sys), median ms | RSS before load MB | RSS after load MB | live heap after load MB | -Xmx MB | RSS of a fresh start MB | package zip / unzipped MB | targets (≤ 500 ms, ≤ 128 MB) |\n|---|---:|---|---:|---:|---:|---:|---:|---:|---:|---|\n");
            for (String n : Services.NAMES) {
                Map<String, Object> m = map(sv.get(n));
                double start = num(m.get("startMedianMs"));
                // The larger of the RSS figures this run has (a --services-only run has no "after load").
                double rssMax = Stream.of(num(rs0.get(n)), num(rs1.get(n)), num(m.get("rssWhenHealthyMb")))
                        .filter(Double::isFinite).max(Double::compare).orElse(Double.NaN);
                s.append("| ").append(n).append(" | ").append(f(m.get("startMedianMs"))).append(" | ").append(m.get("startMs"))
                        .append(" | ").append(f(m.get("cpuMedianMs"))).append(" | ").append(f(rs0.get(n))).append(" | ").append(f(rs1.get(n))).append(" | ")
                        .append(f(live.get(n))).append(" | ").append(m.get("heapMb")).append(" | ")
                        .append(f(m.get("rssWhenHealthyMb"))).append(" | ").append(f(m.get("packageZipMb"))).append(" / ")
                        .append(f(m.get("packageUnzippedMb"))).append(" | start ").append(verdict(start <= 500)).append(", RSS ")
                        .append(verdict(rssMax <= 128)).append(" |\n");
            }
            s.append("| emulator (moto) | | | | ").append(f(rs0.get("emulator"))).append(" | ").append(f(rs1.get("emulator"))).append(" | | | | | |\n");
        }
        s.append("\nTargets are what the project aims at, not assertions: message-path p50 ≤ 1.5x and p99 ≤ 3x the floor at 100 users, "
                + "throughput ≥ 0.7x the floor's, every service healthy within 0.5 s of start with at most 128 MB RSS, no errors, no lost message.\n");
        return s.toString();
    }

    // ------------------------------------------------------------------ SVG

    private static String esc(String s) {
        return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }

    String svg() {
        Map<String, Object> phases = map(r.get("messagePath"));
        int width = 960, left = 150, right = 90, barH = 14, gap = 3, groupGap = 16, panelTitle = 46;
        String[] pcts = {"p50", "p95", "p99"};
        String[][] series = {{"floor", "#9e9e9e"}, {"HTTP send", "#1f77b4"}, {"all recipients got message.new", "#ff7f0e"}};
        int panelH = panelTitle + pcts.length * (series.length * (barH + gap) + groupGap) + 24;
        int top = 80;
        int height = top + phases.size() * panelH + 20;
        StringBuilder s = new StringBuilder();
        s.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        s.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\" viewBox=\"0 0 %d %d\" "
                + "font-family=\"DejaVu Sans, Arial, sans-serif\" font-size=\"12\">%n", width, height, width, height));
        s.append(String.format(Locale.ROOT, "<rect width=\"%d\" height=\"%d\" fill=\"#ffffff\"/>%n", width, height));
        Map<String, Object> run = map(r.get("run"));
        s.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"28\" font-size=\"17\" font-weight=\"bold\">Message path vs floor, latency in ms (run %s, %s users, load avg %s)</text>%n",
                esc(String.valueOf(run.get("id"))), map(run.get("options")).get("users"), run.get("loadAverageAtStart")));
        int lx = 20;
        for (String[] se : series) {
            s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"44\" width=\"14\" height=\"14\" fill=\"%s\"/><text x=\"%d\" y=\"56\">%s</text>%n",
                    lx, se[1], lx + 20, esc(se[0])));
            lx += 40 + se[0].length() * 7;
        }
        int y = top;
        for (var e : phases.entrySet()) {
            Map<String, Object> ph = map(e.getValue());
            Map<String, Object> msg = map(ph.get("message")), fl = map(ph.get("floor")), ra = map(ph.get("ratios"));
            List<Map<String, Object>> src = new ArrayList<>(List.of(map(fl.get("totalMs")), map(msg.get("httpSendMs")), map(msg.get("deliveredToAllMs"))));
            double max = 1;
            for (var m : src) {
                for (String p : pcts) {
                    double v = num(m.get(p));
                    if (!Double.isNaN(v)) {
                        max = Math.max(max, v);
                    }
                }
            }
            String title = (e.getKey().equals("fixedRate") ? "Fixed rate: " : "As fast as possible: ") + msg.get("mode")
                    + String.format(Locale.ROOT, " — %s msg/s vs floor %s op/s (%s), errors %s, lost %s",
                    f(msg.get("throughputPerSecond")), f(fl.get("throughputPerSecond")), ratio(num(ra.get("throughputVsFloor"))),
                    f(msg.get("errors")), f(msg.get("lost")));
            s.append(String.format(Locale.ROOT, "<text x=\"20\" y=\"%d\" font-size=\"14\" font-weight=\"bold\">%s</text>%n", y + 18, esc(title)));
            int plotW = width - left - right;
            int gy = y + panelTitle;
            // grid
            double step = niceStep(max / 5);
            for (double g = 0; g <= max * 1.0001; g += step) {
                int gx = left + (int) Math.round(g / max * plotW);
                s.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"#e0e0e0\"/>%n", gx, gy - 6, gx,
                        gy + pcts.length * (series.length * (barH + gap) + groupGap) - groupGap));
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"middle\" fill=\"#666\" font-size=\"10\">%s</text>%n",
                        gx, gy - 9, f(g)));
            }
            for (String p : pcts) {
                double rv = num(ra.get("allRecipients" + p.toUpperCase(Locale.ROOT) + "VsFloor"));
                int groupH = series.length * (barH + gap) - gap;
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" font-weight=\"bold\">%s</text>%n",
                        left - 10, gy + groupH / 2 - 2, p));
                s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" text-anchor=\"end\" fill=\"#555\" font-size=\"11\">%s floor</text>%n",
                        left - 10, gy + groupH / 2 + 12, ratio(rv)));
                for (int i = 0; i < series.length; i++) {
                    double v = num(src.get(i).get(p));
                    int w = Double.isNaN(v) ? 0 : Math.max(1, (int) Math.round(v / max * plotW));
                    int by = gy + i * (barH + gap);
                    s.append(String.format(Locale.ROOT, "<rect x=\"%d\" y=\"%d\" width=\"%d\" height=\"%d\" fill=\"%s\"><title>%s %s: %s ms</title></rect>%n",
                            left, by, w, barH, series[i][1], esc(series[i][0]), p, f(v)));
                    s.append(String.format(Locale.ROOT, "<text x=\"%d\" y=\"%d\" font-size=\"11\">%s ms</text>%n", left + w + 5, by + barH - 3, f(v)));
                }
                gy += groupH + gap + groupGap;
            }
            y += panelH;
        }
        s.append("</svg>\n");
        return s.toString();
    }

    private static double niceStep(double raw) {
        double mag = Math.pow(10, Math.floor(Math.log10(Math.max(raw, 1e-9))));
        for (double m : new double[]{1, 2, 5, 10}) {
            if (m * mag >= raw) {
                return m * mag;
            }
        }
        return 10 * mag;
    }
}
