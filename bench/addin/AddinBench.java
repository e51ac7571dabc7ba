import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The client half of bench/addin: seeds a team's store through the public API (two reps, their
 * customers with contacts, tasks, notes, logged mail and a tracked quotation each), then times what
 * the task pane's first paint waits for: GET /api/addin/card for the sender (read mode) and for a
 * compose item's recipients. Single-file program (java AddinBench.java ...), JDK only.
 */
public class AddinBench {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{24})\"");
    private static final Pattern SECRET = Pattern.compile("\"secret\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String admin = args[1];
        int customers = Integer.parseInt(args[2]);
        int mailsPerCustomer = Integer.parseInt(args[3]);
        int requests = Integer.parseInt(args[4]);

        String team = id(send(base, admin, "POST", "/api/teams", "{\"name\":\"Export team\"}"));
        String[] reps = new String[2];
        String[] tokens = new String[2];
        String[] addresses = {"li.na@bench-team.example", "wang.wei@bench-team.example"};
        for (int r = 0; r < 2; r++) {
            reps[r] = id(send(base, admin, "POST", "/api/users", "{\"name\":\"Rep " + r + "\",\"addresses\":[\"" + addresses[r]
                    + "\"],\"role\":\"REP\",\"teamId\":\"" + team + "\"}"));
            Matcher s = SECRET.matcher(send(base, admin, "POST", "/api/users/" + reps[r] + "/tokens", "{\"label\":\"bench\"}"));
            if (!s.find()) {
                throw new IllegalStateException("no token secret");
            }
            tokens[r] = s.group(1);
        }

        long seedStart = System.nanoTime();
        AtomicInteger failures = new AtomicInteger();
        AtomicInteger mails = new AtomicInteger();
        Instant t0 = Instant.parse("2025-06-01T00:00:00Z");
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int c = 0; c < customers; c++) {
                int n = c;
                done.add(pool.submit(() -> {
                    int r = n % 2;
                    String token = tokens[r];
                    String domain = "customer-" + n + ".bench.example";
                    try {
                        String company = id(send(base, token, "POST", "/api/companies", "{\"name\":\"Customer " + n
                                + " Trading Co\",\"domains\":[\"" + domain + "\"],\"country\":\"DE\",\"grade\":\"B\"}"));
                        for (int k = 0; k < 3; k++) {
                            send(base, token, "POST", "/api/companies/" + company + "/contacts", "{\"name\":\"Buyer " + k
                                    + "\",\"addresses\":[\"buyer" + k + "@" + domain + "\"]}");
                        }
                        for (int k = 0; k < 3; k++) {
                            send(base, token, "POST", "/api/companies/" + company + "/tasks", "{\"title\":\"Follow up " + k
                                    + "\",\"dueAt\":\"" + t0.plus(Duration.ofDays(30 + k)) + "\"}");
                            send(base, token, "POST", "/api/companies/" + company + "/notes", "{\"title\":\"Call " + k
                                    + "\",\"body\":\"Discussed the LED panel order\",\"occurredAt\":\"" + t0.plusSeconds(k * 3600L) + "\"}");
                        }
                        for (int k = 0; k < mailsPerCustomer; k++) {
                            boolean inbound = k % 2 == 0;
                            String from = inbound ? "buyer" + (k % 3) + "@" + domain : addresses[r];
                            String to = inbound ? addresses[r] : "buyer" + (k % 3) + "@" + domain;
                            send(base, token, "POST", "/api/addin/messages", "{\"internetMessageId\":\"<m" + n + "." + k
                                    + "@bench.example>\",\"subject\":\"Re: LED panels order " + n + "\",\"from\":{\"address\":\""
                                    + from + "\"},\"to\":[{\"address\":\"" + to + "\"}],\"sentAt\":\"" + t0.plusSeconds(n * 60L + k * 86_400L)
                                    + "\",\"text\":\"Message " + k + " about the order of 2,000 LED panels.\"}");
                            mails.incrementAndGet();
                        }
                        send(base, token, "POST", "/api/addin/compose/track", "{\"subject\":\"Quotation " + n
                                + "\",\"html\":\"<p>Our offer: <a href='https://bench-team.example/pl.pdf'>price list</a></p>\","
                                + "\"to\":[\"buyer0@" + domain + "\"],\"companyId\":\"" + company + "\"}");
                    } catch (Exception e) {
                        if (failures.incrementAndGet() <= 3) {
                            System.err.println("seed failure: " + e.getMessage());
                        }
                    }
                }));
            }
            for (Future<?> f : done) {
                f.get();
            }
        } finally {
            pool.shutdown();
        }
        double seedSeconds = (System.nanoTime() - seedStart) / 1e9;
        System.out.printf("seeded:             %d customers (3 contacts, 3 tasks, 3 notes, %d mails, 1 tracked quote each; "
                + "%d mails in all) in %.1f s, %d failed%n", customers, mailsPerCustomer, mails.get(), seedSeconds, failures.get());

        Random random = new Random(42);
        PathFor read = i -> "/api/addin/card?address=" + enc("buyer" + random.nextInt(3) + "@customer-" + (random.nextInt(customers / 2) * 2)
                + ".bench.example");
        PathFor compose = i -> "/api/addin/card?address=" + enc("buyer0@customer-" + (random.nextInt(customers / 2) * 2) + ".bench.example")
                + "&address=" + enc("buyer1@customer-" + (random.nextInt(customers / 2) * 2) + ".bench.example")
                + "&address=" + enc("buyer2@customer-" + (random.nextInt(customers / 2) * 2 + 1) + ".bench.example")
                + "&address=" + enc("friend" + i + "@gmail.com") + "&address=" + enc("sales@new-prospect-" + i + ".example");
        time(200, read, base, tokens[0]);
        long[] first = time(requests, read, base, tokens[0]);
        long[] sorted = first.clone();
        Arrays.sort(sorted);
        double p95 = sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6;
        report("card, read mode", first);
        report("card, compose (5)", time(requests / 2, compose, base, tokens[0]));
        System.out.printf("first paint p95:    %.1f ms for the sender's card (goal < 500 ms: %s)%n", p95, p95 < 500 ? "met" : "NOT met");
    }

    interface PathFor {
        String path(int n);
    }

    static String enc(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8);
    }

    static String id(String json) {
        Matcher m = ID.matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no id in " + json);
        }
        return m.group(1);
    }

    /** Failed requests are counted and left out of the figures, never hidden: the summary prints them. */
    static long[] time(int requests, PathFor paths, String base, String token) throws Exception {
        long[] nanos = new long[requests];
        int ok = 0;
        int failed = 0;
        for (int i = 0; i < requests; i++) {
            String p = paths.path(i);
            long start = System.nanoTime();
            String body;
            try {
                body = send(base, token, "GET", p, null);
            } catch (IllegalStateException e) {
                if (++failed <= 3) {
                    System.err.println("failed: " + e.getMessage());
                }
                continue;
            }
            nanos[ok++] = System.nanoTime() - start;
            if (!body.contains("\"customers\"")) {
                throw new IllegalStateException("not a card: " + body);
            }
        }
        if (failed > 0) {
            System.out.printf("FAILED requests:    %d of %d (left out of the figures below)%n", failed, requests);
        }
        return Arrays.copyOf(nanos, ok);
    }

    static void report(String label, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf("%-19s p50 %.1f ms, p95 %.1f ms, p99 %.1f ms, max %.1f ms (%d sequential requests)%n", label + ":",
                nanos[nanos.length / 2] / 1e6, nanos[(int) Math.ceil(nanos.length * 0.95) - 1] / 1e6,
                nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6, nanos[nanos.length - 1] / 1e6, nanos.length);
    }

    static String send(String base, String token, String method, String path, String json) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", "Bearer " + token).header("Accept", "application/json");
        request = json == null ? request.method(method, HttpRequest.BodyPublishers.noBody())
                : request.header("Content-Type", "application/json").method(method, HttpRequest.BodyPublishers.ofString(json));
        HttpResponse<String> response = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new IllegalStateException(method + " " + path + " -> " + response.statusCode() + " " + response.body());
        }
        return response.body();
    }
}
