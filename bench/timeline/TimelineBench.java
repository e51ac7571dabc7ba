import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
 * The client half of bench/timeline: seeds activities through the public API, then times the
 * timeline API. Single-file program (java TimelineBench.java ...), JDK only.
 */
public class TimelineBench {
    private static final Pattern ID = Pattern.compile("\"id\"\\s*:\\s*\"([0-9a-f]{24})\"");
    private static final Pattern CURSOR = Pattern.compile("\"nextCursor\"\\s*:\\s*\"([^\"]+)\"");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    public static void main(String[] args) throws Exception {
        String base = args[0];
        String token = args[1];
        int activities = Integer.parseInt(args[2]);
        int requests = Integer.parseInt(args[3]);

        String company = send(base, token, "POST", "/api/companies",
                "{\"name\":\"Benchmark Trading Co\",\"domains\":[\"bench-" + System.nanoTime() + ".example\"]}");
        Matcher m = ID.matcher(company);
        if (!m.find()) {
            throw new IllegalStateException("no company id in " + company);
        }
        String id = m.group(1);
        String path = "/api/companies/" + id;

        long seedStart = System.nanoTime();
        Instant t0 = Instant.parse("2024-01-01T00:00:00Z");
        AtomicInteger failures = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < activities; i++) {
                int n = i;
                done.add(pool.submit(() -> {
                    String type = n % 7 == 0 ? "CALL" : n % 11 == 0 ? "MEETING" : "NOTE";
                    String body = "{\"type\":\"" + type + "\",\"title\":\"Activity " + n + "\",\"body\":\"Benchmark activity "
                            + n + " about the LED panel order\",\"occurredAt\":\"" + t0.plusSeconds(n * 600L) + "\"}";
                    try {
                        send(base, token, "POST", path + "/notes", body);
                    } catch (Exception e) {
                        failures.incrementAndGet();
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
        System.out.printf("seeded:             %d activities in %.1f s (%.0f writes/s, 8 clients), %d failed%n",
                activities, seedSeconds, activities / seedSeconds, failures.get());

        // The goal figure first: the customer page a salesperson opens, as HTML, signed in through the
        // sign-in form, timed at the client on loopback (server time plus one loopback round trip).
        String session = signIn(base, token);
        String customerPage = "/customers/" + id;
        for (int i = 0; i < 100; i++) {
            page(base, session, customerPage);
        }
        long[] pageNanos = new long[Math.max(requests / 4, 100)];
        for (int i = 0; i < pageNanos.length; i++) {
            long start = System.nanoTime();
            page(base, session, i % 4 == 3 ? customerPage + "?type=CALL" : customerPage);
            pageNanos[i] = System.nanoTime() - start;
        }
        long[] sorted = pageNanos.clone();
        Arrays.sort(sorted);
        double p95 = sorted[(int) Math.ceil(sorted.length * 0.95) - 1] / 1e6;
        report("customer page", pageNanos);
        System.out.printf("customer page p95:  %.1f ms with %d timeline entries (goal < 300 ms: %s)%n", p95, activities,
                p95 < 300 ? "met" : "NOT met");

        // Cursors for deep pages: walk the whole timeline once, 50 at a time.
        List<String> cursors = new ArrayList<>();
        String cursor = null;
        long walkStart = System.nanoTime();
        int pages = 0;
        do {
            String page = send(base, token, "GET", path + "/timeline?size=50" + (cursor == null ? "" : "&cursor=" + cursor), null);
            pages++;
            Matcher c = CURSOR.matcher(page);
            cursor = c.find() ? c.group(1) : null;
            if (cursor != null) {
                cursors.add(cursor);
            }
        } while (cursor != null);
        System.out.printf("full walk:          %d pages of 50 in %.2f s%n", pages, (System.nanoTime() - walkStart) / 1e9);

        for (int i = 0; i < 200; i++) {
            send(base, token, "GET", path + "/timeline?size=50", null);
        }
        report("first page (50)", time(requests, n -> path + "/timeline?size=50", base, token));
        Random random = new Random(42);
        report("deep page (50)", time(requests, n -> path + "/timeline?size=50&cursor=" + cursors.get(random.nextInt(cursors.size())), base, token));
        report("filtered (CALL)", time(requests / 2, n -> path + "/timeline?size=50&type=CALL", base, token));
    }

    interface PathFor {
        String path(int n);
    }

    static long[] time(int requests, PathFor paths, String base, String token) throws Exception {
        long[] nanos = new long[requests];
        for (int i = 0; i < requests; i++) {
            String p = paths.path(i);
            long start = System.nanoTime();
            send(base, token, "GET", p, null);
            nanos[i] = System.nanoTime() - start;
        }
        return nanos;
    }

    static void report(String label, long[] nanos) {
        Arrays.sort(nanos);
        System.out.printf("%-19s p50 %.1f ms, p99 %.1f ms, max %.1f ms (%d sequential requests)%n", label + ":",
                nanos[nanos.length / 2] / 1e6, nanos[(int) Math.ceil(nanos.length * 0.99) - 1] / 1e6,
                nanos[nanos.length - 1] / 1e6, nanos.length);
    }

    /** Signs in through the page form (CSRF token and session cookie) as a browser does; returns the cookie. */
    static String signIn(String base, String token) throws Exception {
        HttpResponse<String> form = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/signin")).build(),
                HttpResponse.BodyHandlers.ofString());
        String cookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
        Matcher csrf = Pattern.compile("name=\"_csrf\"[^>]*value=\"([^\"]+)\"").matcher(form.body());
        if (!csrf.find()) {
            throw new IllegalStateException("no CSRF token on the sign-in page");
        }
        String body = "token=" + java.net.URLEncoder.encode(token, java.nio.charset.StandardCharsets.UTF_8) + "&_csrf="
                + java.net.URLEncoder.encode(csrf.group(1), java.nio.charset.StandardCharsets.UTF_8);
        HttpResponse<String> signedIn = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/signin"))
                .header("Cookie", cookie).header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        String location = signedIn.headers().firstValue("Location").orElse("");
        if (signedIn.statusCode() != 302 || location.contains("error")) {
            throw new IllegalStateException("sign-in failed: " + signedIn.statusCode() + " " + location);
        }
        return signedIn.headers().firstValue("Set-Cookie").map(c -> c.split(";", 2)[0]).orElse(cookie);
    }

    static void page(String base, String cookie, String path) throws Exception {
        HttpResponse<String> response = HTTP.send(HttpRequest.newBuilder(URI.create(base + path)).header("Cookie", cookie)
                .header("Accept", "text/html").build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200 || !response.body().contains("id=\"timeline\"")) {
            throw new IllegalStateException("GET " + path + " -> " + response.statusCode());
        }
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
